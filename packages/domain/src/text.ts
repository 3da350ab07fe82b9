/**
 * Text that can be stored: no NUL character (PostgreSQL refuses it in `text`) and no lone UTF-16
 * surrogate (not a character at all, cannot be encoded as UTF-8). One rule for every text field
 * the API takes; emoji, RTL text and every other real character pass.
 */
const UNSAFE_TEXT = /[\u0000\uD800-\uDFFF]/u;

export function hasUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

export const UNSAFE_TEXT_MESSAGE = '不能包含空字符或无效的 Unicode 字符';
