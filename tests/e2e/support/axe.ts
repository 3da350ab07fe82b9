import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/**
 * Accessibility check of what is on screen with axe-core, for any journey: `await expectAccessible(page, 'staff home')`.
 * Fails on serious or critical violations (WCAG 2.x A/AA rules axe runs by default), listing each
 * with the elements it found, so the message says what to fix. Taro's H5 router keeps earlier
 * pages in the DOM hidden (display: none), which axe skips, so what is checked is what is on screen.
 */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical violations on the current screen (minor and moderate ones are left out). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // page.evaluate runs over the DevTools protocol, so the app's CSP (script-src 'self') allows it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    // A page opened a moment ago may still be sliding in over the one it covers (Taro's H5 router:
    // `transition: transform 300ms`); colour contrast measured then sees the page beneath. Wait for
    // every finite animation and transition to end first.
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    const settled = Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2000))]); // a paused one never finishes
    // Earlier pages Taro keeps are display:none, which axe leaves out by itself.
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`) }));
  });
}

/** Throws with a readable list when the screen has serious or critical accessibility violations. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) {
    const lines = violations.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
    throw new Error(`${screen}: ${violations.length} serious/critical accessibility violation(s)\n${lines.join('\n')}`);
  }
}

/**
 * Tappable things smaller than 44×44 CSS px on the visible page (buttons, links, checkboxes, things
 * with a click role), as `label WxH` lines; an empty list means every target is big enough.
 */
export async function smallTapTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((size) => {
    const selector = 'button, a[href], input[type=checkbox], input[type=radio], [role=button], [role=link], [role=checkbox], .nut-button, .nut-checkbox, .weui-tabbar__item';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.closest('[style*="display: none"]') || el.offsetParent === null) continue;
      if (box.width < size - 0.5 || box.height < size - 0.5) out.push(`${(el.innerText || el.getAttribute('aria-label') || el.className).toString().trim().slice(0, 20)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  }, min);
}

/**
 * The WCAG contrast ratio of an element's text (the colour of the element that holds its first
 * text) against the background behind it (the nearest opaque one up the tree). For what axe leaves
 * out, such as disabled controls.
 */
export async function textContrast(element: Locator): Promise<number> {
  return element.evaluate((root) => {
    const text = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) }).nextNode();
    if (!text?.parentElement) throw new Error('no text to measure');
    const el = text.parentElement;
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [lr, lg, lb] = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
    };
    let backgroundOf: Element | null = el;
    let background = [255, 255, 255];
    for (; backgroundOf; backgroundOf = backgroundOf.parentElement) {
      const channels = rgb(getComputedStyle(backgroundOf).backgroundColor);
      if (channels.length === 3 || (channels.length === 4 && channels[3] === 1)) {
        background = channels.slice(0, 3);
        break;
      }
    }
    const [lighter, darker] = [luminance(rgb(getComputedStyle(el).color)), luminance(background)].sort((a, b) => b - a);
    return (lighter + 0.05) / (darker + 0.05);
  });
}
