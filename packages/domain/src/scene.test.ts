import { SCENE_MAX_LENGTH, buildScene, parseEnterQuery, parseScanContent } from './scene';

describe('parseScanContent: short scenes', () => {
  it('reads each kind', () => {
    expect(parseScanContent('m=mt42')).toEqual({ kind: 'meeting', meetingId: 'mt42' });
    expect(parseScanContent('s=st1&c=Ab9.x')).toEqual({ kind: 'station', stationId: 'st1', code: 'Ab9.x' });
    expect(parseScanContent('a=ac7&t=123456')).toEqual({ kind: 'activity', activityId: 'ac7', token: '123456' });
    expect(parseScanContent('r=RD-99')).toEqual({ kind: 'redemption', code: 'RD-99' });
  });

  it('reads a scene that arrived percent-encoded', () => {
    expect(parseScanContent('s%3Dst1%26c%3Dxyz')).toEqual({ kind: 'station', stationId: 'st1', code: 'xyz' });
  });
});

describe('parseScanContent: links', () => {
  it('reads H5 hash-router links', () => {
    expect(parseScanContent('https://xfqs.example.cn/#/pages/join/meeting?meetingId=8f3a-1')).toEqual({
      kind: 'meeting',
      meetingId: '8f3a-1',
    });
    expect(parseScanContent('http://localhost:3000/#/pages/scan/index?activityId=a1&token=t%2B1')).toEqual({
      kind: 'activity',
      activityId: 'a1',
      token: 't+1',
    });
  });

  it('reads path links with the query before a hash', () => {
    expect(parseScanContent('https://x.cn/checkin?stationId=s-1&code=abc.def#top')).toEqual({
      kind: 'station',
      stationId: 's-1',
      code: 'abc.def',
    });
  });

  it('reads what scanCode().path gives for a mini-program code, iOS and Android style', () => {
    expect(parseScanContent('pages/scan/index?scene=s%3D19%26c%3Dk2')).toEqual({ kind: 'station', stationId: '19', code: 'k2' });
    expect(parseScanContent('pages/scan/index?scene=s=19&c=k2')).toEqual({ kind: 'station', stationId: '19', code: 'k2' });
  });

  it('reads the q parameter of a plain-URL QR code', () => {
    const q = encodeURIComponent('https://x.cn/m?meetingId=M1');
    expect(parseScanContent(`pages/scan/index?q=${q}&scancode_time=1700000000`)).toEqual({ kind: 'meeting', meetingId: 'M1' });
  });
});

describe('parseScanContent: unknown content', () => {
  it('explains empty, unrelated and incomplete codes', () => {
    expect(parseScanContent('  ')).toMatchObject({ kind: 'unknown', reason: 'empty' });
    expect(parseScanContent('https://www.baidu.com/')).toMatchObject({ kind: 'unknown', reason: 'unrecognised' });
    expect(parseScanContent('6901234567892')).toMatchObject({ kind: 'unknown', reason: 'unrecognised' });
    expect(parseScanContent('https://x.cn/?stationId=s1')).toMatchObject({ kind: 'unknown', reason: 'incomplete' });
    expect(parseScanContent('a=ac7')).toMatchObject({ kind: 'unknown', reason: 'incomplete' });
  });

  it('never throws on malformed escapes', () => {
    expect(parseScanContent('m=%E0%A4%A')).toEqual({ kind: 'meeting', meetingId: '%E0%A4%A' });
    expect(parseScanContent(null)).toMatchObject({ kind: 'unknown' });
  });

  it('refuses values with spaces or absurd length', () => {
    expect(parseScanContent('m=' + 'x'.repeat(600))).toMatchObject({ kind: 'unknown' });
  });
});

describe('parseEnterQuery', () => {
  it('reads page options with an encoded scene', () => {
    expect(parseEnterQuery({ scene: encodeURIComponent('m=abc') })).toEqual({ kind: 'meeting', meetingId: 'abc' });
    expect(parseEnterQuery({ scene: 'a=1&t=2' })).toEqual({ kind: 'activity', activityId: '1', token: '2' });
    expect(parseEnterQuery({ meetingId: 'M9' })).toEqual({ kind: 'meeting', meetingId: 'M9' });
    expect(parseEnterQuery({})).toMatchObject({ kind: 'unknown', reason: 'empty' });
  });
});

describe('buildScene', () => {
  it('builds short scenes that parse back', () => {
    for (const target of [
      { kind: 'meeting', meetingId: 'Mx1' },
      { kind: 'station', stationId: 's1', code: 'abc' },
      { kind: 'activity', activityId: 'a1', token: '123' },
      { kind: 'redemption', code: 'R1' },
    ] as const) {
      const scene = buildScene(target);
      expect(scene).not.toBeNull();
      expect(scene!.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
      expect(parseScanContent(scene!)).toEqual(target);
    }
  });

  it('returns null when the scene would not fit in 32 characters', () => {
    expect(buildScene({ kind: 'meeting', meetingId: '0b7c2f0e-6d7a-4c1b-9a55-3f7a2f7c9e11' })).toBeNull();
    expect(buildScene({ kind: 'unknown', raw: 'x', reason: 'unrecognised' })).toBeNull();
  });
});

describe('member card codes', () => {
  it('reads a member card link (H5 hash link or bare path)', () => {
    expect(parseScanContent('https://xfqs.example.cn/#/staff/member/index?memberNo=LGQ-2026-000012&memberCode=1795000000.abcDEF_-123')).toEqual({
      kind: 'member',
      memberNo: 'LGQ-2026-000012',
      code: '1795000000.abcDEF_-123',
    });
    expect(parseScanContent('/staff/member/index?memberNo=M1&memberCode=1.x')).toEqual({ kind: 'member', memberNo: 'M1', code: '1.x' });
  });

  it('calls a member link without its code incomplete', () => {
    expect(parseScanContent('/staff/member/index?memberNo=M1')).toMatchObject({ kind: 'unknown', reason: 'incomplete' });
  });
});
