/**
 * H5 only: Taro's page containers scroll (`.taro_page`), and a scrollable region must be reachable
 * by keyboard (axe: scrollable-region-focusable). Every page container gets `tabindex="0"` when the
 * router adds it.
 */
export function makePagesKeyboardScrollable(root: HTMLElement = document.body): () => void {
  const mark = (el: Element) => {
    if (el.classList.contains('taro_page') && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
  }
  root.querySelectorAll('.taro_page').forEach(mark)
  const observer = new MutationObserver((changes) => {
    for (const change of changes) change.addedNodes.forEach((node) => node instanceof Element && mark(node))
  })
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
