import type { Locator, Page } from 'playwright-core';
import { settle } from './browser';

/**
 * Small verbs for driving the H5 app like a person. Taro's H5 router keeps earlier pages in the DOM
 * (hidden), so every lookup is limited to what is visible.
 */

/**
 * Waits until Taro's H5 router has finished: one page on screen, and it is the page the address
 * names. The router loads each page's code before it shows the page, so a navigation the app began
 * earlier (sign-in's switchTab to home) can finish after a later one and cover it: the address then
 * names one page while the screen shows another, and this fails saying so.
 */
export async function routed(page: Page, timeout = 15_000): Promise<void> {
  const state = () =>
    page.evaluate(() => ({
      address: location.hash.slice(1).split('?')[0] || '/',
      onScreen: Array.from(document.querySelectorAll('.taro_page')).filter((el) => el.checkVisibility()).map((el) => el.id.split('?')[0]),
    }));
  const deadline = Date.now() + timeout;
  for (;;) {
    const { address, onScreen } = await state();
    if (onScreen.length === 1 && onScreen[0] === address) return;
    if (Date.now() > deadline) throw new Error(`the app shows ${onScreen.join(' + ') || 'no page'} while the address is ${address}`);
    await page.waitForTimeout(100);
  }
}

/**
 * Opens an app page by its hash-router path, e.g. `/pages/stations/index`, once the app has
 * finished any navigation of its own, and waits until that page is on screen. A page that sends
 * the person elsewhere on purpose (e.g. to sign in) ends where the app sent it; a navigation of the
 * app's that still lands after ours is undone by opening the page again (twice at most).
 */
export async function open(page: Page, path: string): Promise<void> {
  if (page.url() !== 'about:blank') await routed(page);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto(`/#${path}`);
    await routed(page);
    await settle(page);
    if (new URL(page.url()).hash.startsWith(`#${path}`)) return;
  }
}

/** The visible element with this text (a substring unless `exact`). */
export function seen(page: Page | Locator, text: string | RegExp, exact = false): Locator {
  return page.getByText(text, { exact }).filter({ visible: true }).first();
}

/** Waits until the text is on screen. */
export async function expectText(page: Page | Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  await seen(page, text).waitFor({ state: 'visible', timeout });
}

/**
 * Taps the visible element with this text; inside a NutUI button, the button itself (its label
 * does not take pointer events).
 */
export async function tap(page: Page | Locator, text: string | RegExp, exact = false): Promise<void> {
  const target = seen(page, text, exact);
  await target.waitFor({ state: 'visible' });
  const button = target.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " nut-button ")][1]');
  await ((await button.count()) ? button : target).click();
}

/** The visible text field with this placeholder. */
export function field(page: Page | Locator, placeholder: string): Locator {
  return page.locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`).filter({ visible: true }).first();
}

export const DEMO_CARDS = { 'demo-rider': '骑手小王', 'demo-staff': '驿站管理员小李', 'demo-admin': '卢沟桥街道工会', 'demo-super': '系统管理员' } as const;

/**
 * Signs in on the H5 sign-in page, which the app shows by itself when a page needs a session (or we
 * open it): a demo user's card, or any other account typed in (each new account is a new rider).
 * Waits until the app has left the sign-in page and shows the page it went to.
 */
export async function signIn(page: Page, openid: string): Promise<void> {
  if (!page.url().includes('/pages/login/index')) await open(page, '/pages/login/index');
  const card = DEMO_CARDS[openid as keyof typeof DEMO_CARDS];
  if (card) {
    await tap(page, card, true);
  } else {
    await field(page, '账号，例如 rider-001').fill(openid);
    await tap(page.locator('.login__other'), '登录', true);
  }
  await page.waitForURL((url) => !url.hash.startsWith('#/pages/login/index'), { timeout: 15_000 });
  await routed(page);
  await settle(page);
}

/** Taps a tab of the bottom tab bar (首页, 驿站, 手册, 我的), as a rider switches tabs. */
export async function tab(page: Page, name: '首页' | '驿站' | '手册' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__item').filter({ hasText: name }).filter({ visible: true }).first().click();
}
