import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (c: string) => {
    const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The focused element's outline, and the colour of the ground it is drawn on (its nearest background). */
const ring = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    let ground = getComputedStyle(document.documentElement).backgroundColor;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
        ground = c;
        break;
      }
    }
    return { colour: style.outlineColor, style: style.outlineStyle, width: style.outlineWidth, ground };
  });

// WCAG 1.4.11: what shows keyboard focus has 3:1 contrast with what is next to it. The yellow ring
// had 1.6:1 on the white page; on the dark header a dark ring would have as little.
describeE2E('the keyboard focus ring in Chromium', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname: 'Focus' });
  });

  it('has 3:1 contrast with the white page and with the dark header', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    await tabTo(page, 'Save details');
    const onPage = await ring(page);
    expect(onPage).toMatchObject({ style: 'solid', width: '3px', ground: 'rgb(255, 255, 255)' });
    expect(contrast(onPage.colour, onPage.ground)).toBeGreaterThanOrEqual(3);
    await tabTo(page, 'Households');
    const onHeader = await ring(page);
    expect(onHeader).toMatchObject({ style: 'solid', width: '3px', ground: 'rgb(11, 46, 79)' });
    expect(contrast(onHeader.colour, onHeader.ground)).toBeGreaterThanOrEqual(3);
    await page.close();
  });
});
