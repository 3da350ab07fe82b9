import { createHmac } from 'node:crypto';
import {
  ROTATION_STEP_MS,
  checkRotatingToken,
  checkRotatingTokenWith,
  rotatingToken,
  rotatingTokenWith,
  rotationStep,
  rotationStepEndsAt,
} from './rotating-code';

const secret = 'activity-secret-a-0123456789abcdef';
const otherSecret = 'activity-secret-b-0123456789abcdef';
const now = new Date('2026-11-25T06:00:10.000Z'); // 10 s into its step
const step = rotationStep(now);

describe('rotating activity tokens (clock fixed)', () => {
  it('steps are 30 s long and aligned to the epoch', () => {
    expect(ROTATION_STEP_MS).toBe(30_000);
    expect(rotationStep(new Date('2026-11-25T06:00:00.000Z'))).toBe(step);
    expect(rotationStep(new Date('2026-11-25T06:00:29.999Z'))).toBe(step);
    expect(rotationStep(new Date('2026-11-25T06:00:30.000Z'))).toBe(step + 1);
    expect(rotationStepEndsAt(step).toISOString()).toBe('2026-11-25T06:00:30.000Z');
  });

  it('is HMAC-SHA256 of the step under the activity secret, carrying the step in base36', async () => {
    const token = await rotatingToken(secret, step);
    const expectedMac = createHmac('sha256', secret).update(`xfqs-activity-token:v1:${step}`).digest('base64url').slice(0, 12);
    expect(token).toBe(`${step.toString(36)}.${expectedMac}`);
    expect(token.length).toBeLessThanOrEqual(20);
  });

  it('accepts the current step', async () => {
    expect(await checkRotatingToken(secret, await rotatingToken(secret, step), now)).toEqual({ ok: true, step });
  });

  it('accepts the previous step (a scan at the edge)', async () => {
    expect(await checkRotatingToken(secret, await rotatingToken(secret, step - 1), now)).toEqual({ ok: true, step: step - 1 });
  });

  it('calls a token two steps old expired', async () => {
    expect(await checkRotatingToken(secret, await rotatingToken(secret, step - 2), now)).toEqual({ ok: false, reason: 'expired' });
    expect(await checkRotatingToken(secret, await rotatingToken(secret, step - 1000), now)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token stays good until the end of the step after its own, and no longer', async () => {
    const token = await rotatingToken(secret, step);
    const lastGood = new Date(rotationStepEndsAt(step + 1).getTime() - 1);
    expect(await checkRotatingToken(secret, token, lastGood)).toEqual({ ok: true, step });
    expect(await checkRotatingToken(secret, token, rotationStepEndsAt(step + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('calls a token of another activity invalid, even an old one', async () => {
    expect(await checkRotatingToken(secret, await rotatingToken(otherSecret, step), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkRotatingToken(secret, await rotatingToken(otherSecret, step - 5), now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('calls a forged token invalid: a changed step or MAC breaks it', async () => {
    const token = await rotatingToken(secret, step);
    const [stepPart, mac] = token.split('.');
    const flipped = mac[0] === 'A' ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
    expect(await checkRotatingToken(secret, `${stepPart}.${flipped}`, now)).toEqual({ ok: false, reason: 'invalid' });
    // an old token moved forward to the current step no longer verifies
    const old = (await rotatingToken(secret, step - 3)).split('.')[1];
    expect(await checkRotatingToken(secret, `${stepPart}.${old}`, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('calls a token for a step that has not begun invalid', async () => {
    expect(await checkRotatingToken(secret, await rotatingToken(secret, step + 1), now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects malformed tokens without throwing', async () => {
    for (const bad of ['', 'abc', '.', `${step.toString(36)}.`, `${step.toString(36)}.short`, 'ZZ.aaaaaaaaaaaa', `${'z'.repeat(12)}.aaaaaaaaaaaa`, `${step.toString(36)}.aaaaaaaaaaa=`]) {
      expect(await checkRotatingToken(secret, bad, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses to make a token for a negative or fractional step', async () => {
    await expect(rotatingToken(secret, -1)).rejects.toThrow(RangeError);
    await expect(rotatingToken(secret, 1.5)).rejects.toThrow(RangeError);
  });

  describe('with a synchronous HMAC (what the server uses)', () => {
    const nodeHmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest();

    it('makes the same tokens as Web Crypto', async () => {
      for (const s of [step, step - 1, 0, 2 ** 40]) expect(rotatingTokenWith(nodeHmac, secret, s)).toBe(await rotatingToken(secret, s));
      expect(() => rotatingTokenWith(nodeHmac, secret, -1)).toThrow(RangeError);
    });

    it('gives the same verdict as the Web Crypto check for current, previous, old, future, foreign and forged tokens', async () => {
      const own = await rotatingToken(secret, step);
      const forged = own.slice(0, -1) + (own.endsWith('A') ? 'B' : 'A');
      const tokens = [own, await rotatingToken(secret, step - 1), await rotatingToken(secret, step - 2), await rotatingToken(secret, step + 1), await rotatingToken(otherSecret, step), forged, 'nonsense', ''];
      for (const token of tokens) {
        expect(checkRotatingTokenWith(nodeHmac, secret, token, now)).toEqual(await checkRotatingToken(secret, token, now));
      }
      expect(checkRotatingTokenWith(nodeHmac, secret, own, now)).toEqual({ ok: true, step });
    });
  });
});

