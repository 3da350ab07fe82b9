import { nextTokenFetchDelay, tokenUsable } from './rotation'

const step = '2026-11-25T06:00:30.000Z'
const at = (iso: string) => Date.parse(iso)

describe('rotating QR timing', () => {
  it('fetches the next token just after the current step ends, however late in the step it came', () => {
    expect(nextTokenFetchDelay(step, at('2026-11-25T06:00:01.000Z'))).toBe(29_500)
    // Fetched 3 s before the end: the next fetch still waits for the new step, not a fixed minimum.
    expect(nextTokenFetchDelay(step, at('2026-11-25T06:00:27.000Z'))).toBe(3_500)
    expect(nextTokenFetchDelay(step, at('2026-11-25T06:00:30.200Z'))).toBe(1_000)
  })

  it('keeps the code on screen usable through the grace step, and no longer', () => {
    expect(tokenUsable(step, at('2026-11-25T06:00:29.000Z'))).toBe(true)
    expect(tokenUsable(step, at('2026-11-25T06:00:45.000Z'))).toBe(true)
    expect(tokenUsable(step, at('2026-11-25T06:01:00.000Z'))).toBe(false)
  })

  it('retries soon when the time is unreadable', () => {
    expect(nextTokenFetchDelay('soon', 0)).toBe(5000)
    expect(tokenUsable('soon', 0)).toBe(false)
  })
})
