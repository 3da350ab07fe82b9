/**
 * The accessibility attributes WeChat reads (developers.weixin.qq.com/miniprogram/dev/component/aria-component.html),
 * added to the weapp templates by @tarojs/plugin-inject (config/index.ts): Taro leaves them out to
 * keep the package small, so without them a screen reader in the mini-program hears no role, state
 * or label (on H5 the DOM has them anyway). Components set the role through `ariaRole()`
 * (src/components/a11y.ts), which writes WeChat's `aria-role`; the others are spelt the same on both.
 */
export const ARIA_ATTRIBUTES = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled'] as const

/** Per component, each attribute with its default (an empty WXML expression). */
const withDefaults = Object.fromEntries(ARIA_ATTRIBUTES.map((name) => [name, "''"]))
export const WEAPP_ARIA = { View: withDefaults, Button: withDefaults }
