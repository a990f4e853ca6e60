import type { Page } from 'playwright-core';

/**
 * Presses Tab until the focused element has this accessible name (its label's text, its
 * aria-label or its own text), as a person without a mouse moves through a screen. `within`
 * (a CSS selector) tells apart fields of the same name in different forms (Carer 1's and
 * Carer 2's "First name").
 */
export async function tabTo(page: Page, name: string | RegExp, max = 250, within?: string): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page, within);
    if (focused !== null && (typeof name === 'string' ? focused === name : name.test(focused))) return;
  }
  throw new Error(`Could not reach "${String(name)}"${within ? ` in ${within}` : ''} with the Tab key.`);
}

/** The accessible name of the focused element, as tabTo reads it (null when outside `within`). */
export function focusedName(page: Page, within?: string): Promise<string | null> {
  return page.evaluate((scope) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    if (scope && !el.closest(scope)) return null;
    const id = el.id;
    const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
    return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  }, within);
}
