import { formatMemberNo, meetingCodeFrom, meetingJoinUrl, meetingScene, memberNoPrefix, MEETING_CODE_ALPHABET, normalizeMeetingCode } from './membership';

describe('member numbers', () => {
  it('formats org code, year and a six-digit running number', () => {
    expect(formatMemberNo('LGQ', 2026, 123)).toBe('LGQ-2026-000123');
    expect(formatMemberNo('LGQ', 2026, 1234567)).toBe('LGQ-2026-1234567');
  });

  it('uses the org code, or a U-prefix of the org id when there is none', () => {
    expect(memberNoPrefix({ id: '3f2a9c1b-0000-4000-8000-000000000000', code: 'LGQ' })).toBe('LGQ');
    expect(memberNoPrefix({ id: '3f2a9c1b-0000-4000-8000-000000000000', code: null })).toBe('U3F2A9C1B');
  });
});

describe('meeting codes', () => {
  it('makes 8 characters of Crockford base32 from random bytes', () => {
    expect(MEETING_CODE_ALPHABET).toHaveLength(32);
    const code = meetingCodeFrom(Uint8Array.from([0, 1, 31, 32, 255, 18, 100, 7]));
    expect(code).toBe('01Z0ZJ47');
    expect(() => meetingCodeFrom(new Uint8Array(4))).toThrow(RangeError);
  });

  it('normalises typed codes and refuses anything else', () => {
    expect(normalizeMeetingCode(' abcd0123 ')).toBe('ABCD0123');
    expect(normalizeMeetingCode('ABCDOI23')).toBe('ABCD0123');
    expect(normalizeMeetingCode('ABCD012')).toBeNull();
    expect(normalizeMeetingCode('ABCD012U')).toBeNull();
    expect(normalizeMeetingCode('3f2a9c1b-0000-4000-8000-000000000000')).toBeNull();
  });

  it('fits the mini-program scene limit of 32 characters and builds the H5 join link', () => {
    expect(meetingScene('ABCD0123')).toBe('m=ABCD0123');
    expect(meetingScene('ABCD0123').length).toBeLessThanOrEqual(32);
    expect(meetingJoinUrl('https://x.example/', 'ABCD0123')).toBe('https://x.example/#/pages/join/meeting?meetingId=ABCD0123');
  });
});
