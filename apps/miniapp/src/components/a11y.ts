import { IS_WEAPP } from '../services/platform'

/**
 * A role for assistive technology on either build: the DOM reads `role`, WeChat reads `aria-role`
 * (its templates carry the aria-* attributes through @tarojs/plugin-inject, config/weapp-aria.ts).
 * The other aria-* attributes are spelt the same on both and are passed as they are.
 */
export function ariaRole(role: 'button' | 'checkbox' | 'tab' | 'tablist'): { role: string } | { 'aria-role': string } {
  return IS_WEAPP ? { 'aria-role': role } : { role }
}
