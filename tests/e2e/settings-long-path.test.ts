import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Found by a keyboard and zoom walk in Chromium (helper-276): Settings gives the database file's
// path, and the backups folder beside it, as one unbroken word, so a path without spaces as deep
// as a council's shared drive makes (or almost any path at 320 px) ran past the window's edge, cut
// off, and scrolled the whole page sideways (WCAG 1.4.10).
describeE2E('a long database path in Settings, in Chromium', () => {
  const e2e = useE2E(async (app) => {
    const folder = join(
      tempDir(),
      'Children_and_Families_Shared_Drive',
      'Fostering-Recruitment-Team',
      'Annual-Report-Working-Files',
    );
    mkdirSync(folder, { recursive: true });
    await app.call('system.openDatabase', { path: join(folder, 'fostering-funnel.db'), create: true });
  });

  it('wraps the path inside the window at 640 and 320 px', async () => {
    for (const width of [640, 320]) {
      const page = await e2e.open('#/settings');
      await page.setViewportSize({ width, height: 800 });
      const path = page.locator('dd code').filter({ hasText: 'fostering-funnel.db' });
      await path.waitFor();
      const box = (await path.boundingBox())!;
      expect({ width, right: Math.ceil(box.x + box.width) <= width }).toEqual({ width, right: true });
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ width, sideways }).toEqual({ width, sideways: 0 });
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });
});
