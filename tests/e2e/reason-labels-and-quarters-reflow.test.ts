import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** How far the page itself scrolls sideways: 0 when everything reflows into the window. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// Found by a keyboard and 200 % zoom walk in Chromium (helper-277). At 640 px Settings' reason lists
// gave each label box ~90 px (44 px in the drop-out list), "Permaner", the monospace keys taking the
// room; and at 320 px Home scrolled 3 px sideways, the quarters' forecast table being wider than its
// panel (WCAG 1.4.10).
describeE2E('reason labels at 640 px and Home at 320 px, in Chromium', () => {
  const e2e = useE2E(
    async (app) => {
      await app.call('system.generateSample', { households: 400, seed: 1 });
    },
    { today: '2026-12-07' },
  );

  it('gives every reason’s label box room for a typical label, at 640 px and at full width', async () => {
    for (const [width, height] of [
      [640, 400],
      [1280, 800],
    ] as const) {
      const page = await e2e.open('#/settings');
      await page.setViewportSize({ width, height });
      for (const name of ['Drop-out reasons (applicants)', 'Leaving reasons (approved households)']) {
        const section = page.getByRole('region', { name });
        const labels = section.getByRole('textbox', { name: /^Label for / });
        await labels.first().waitFor();
        const boxes = await labels.evaluateAll((inputs) =>
          (inputs as HTMLInputElement[]).map((i) => ({ label: i.value, wide: i.clientWidth >= 200 })),
        );
        expect(boxes.length).toBeGreaterThan(5);
        expect({ width, boxes }).toEqual({ width, boxes: boxes.map((b) => ({ ...b, wide: true })) });
      }
      // A label of a usual length reads whole.
      const other = page.getByRole('textbox', { name: 'Label for Other reason / unknown' });
      expect(await other.evaluate((i) => i.scrollWidth <= i.clientWidth)).toBe(true);
      expect({ width, sideways: await sideways(page) }).toEqual({ width, sideways: 0 });
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('does not scroll Home sideways at 320 px: the quarters’ table scrolls in its own box', async () => {
    const page = await e2e.open('#/');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.getByRole('table', { name: /^Expected approvals by quarter: / }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await sideways(page)).toBe(0);
    const quarters = page.getByRole('region', { name: 'Expected approvals by quarter' });
    const box = (await quarters.boundingBox())!;
    expect(Math.ceil(box.x + box.width)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
