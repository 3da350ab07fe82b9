/**
 * Masked forms of personal data, as staff see them in lists and default exports. Pure functions;
 * they never widen what they are given (a value too short to mask is starred out entirely).
 */

function keepEnds(value: string, head: number, tail: number, stars: number): string {
  const chars = Array.from(value ?? '');
  if (chars.length <= head + tail) return '*'.repeat(Math.max(chars.length, 1));
  return chars.slice(0, head).join('') + '*'.repeat(stars) + chars.slice(chars.length - tail).join('');
}

/** `110101********123X`: the region code and the last four characters; the birth date is hidden. */
export function maskIdCard(value: string): string {
  const chars = Array.from(value ?? '');
  return keepEnds(value, 6, 4, Math.max(chars.length - 10, 1));
}

/** `138****5678`: the carrier prefix and the last four digits. */
export function maskPhone(value: string): string {
  const chars = Array.from(value ?? '');
  return keepEnds(value, 3, 4, Math.max(chars.length - 7, 1));
}

/**
 * `王*明`, `李*`, `欧**锋`: a person's name with the middle hidden (the first and, from three
 * characters, the last character kept), as a member card shows it to whoever looks at the screen.
 */
export function maskName(value: string): string {
  const chars = Array.from((value ?? '').trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
