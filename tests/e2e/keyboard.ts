import type { Page } from 'playwright-core';

/**
 * Presses Tab until the focused element has this accessible name (its label's text, its
 * aria-label or its own text), as a person without a mouse moves through a screen.
 */
export async function tabTo(page: Page, name: string | RegExp, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Could not reach "${String(name)}" with the Tab key.`);
}

/** The accessible name of the focused element, as tabTo reads it. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const id = el.id;
    const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
    return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}
