import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_NEAR_MATCHES_LISTED } from '../../../src-main/import/apply/near-matches.ts';
import { jobSettled, testApp, type TestApp } from '../../support/temp.ts';

// A CRM that needs an email writes a placeholder ("noemail@…") for those who gave none. With email a
// sign of one household (domain/duplicates.ts), every new row of it matched every household held with
// it, uncapped: 2,000 held and 2,000 new made 4,000,000 near matches in the preview, the CLI and the
// result (helper-283). The list against held households stops at the cap, as the file's own does.

const PLACEHOLDER = 'noemail@council.example.gov.uk';

function csv(app: TestApp, name: string, from: number, count: number, month: string): string {
  const path = join(app.dir, name);
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `P${from + i},${String(1 + (i % 25)).padStart(2, '0')}/${month},Given${from + i},Family${from + i},${PLACEHOLDER}`,
  );
  writeFileSync(path, ['Reference,Enquiry Date,First Name,Surname,Email', ...rows].join('\r\n'));
  return path;
}

describe('possible duplicates against households held', () => {
  it('lists at most the first few hundred, saying there are more: one placeholder email held by many', async () => {
    const app = await testApp({ today: '2026-12-05' });
    const first = await app.call('imports.importFile', { path: csv(app, 'held.csv', 1, 120, '09/2026') });
    expect(first).toMatchObject({ new: 120 });

    const started = await app.call('imports.startImport', {
      path: csv(app, 'next.csv', 1001, 4, '11/2026'),
      kind: 'auto',
      overwriteHand: false,
    });
    const preview = (await jobSettled(app, started.jobId)).preview!;
    expect(preview.counts).toMatchObject({ new: 4 });
    // 4 × 120 against those held (and 6 within the file): the held list stops at the cap.
    const againstHeld = preview.nearMatches.filter((m) => m.matchId !== null);
    expect(againstHeld).toHaveLength(FILE_NEAR_MATCHES_LISTED);
    expect(againstHeld.every((m) => m.why === 'same email')).toBe(true);
    expect(preview.nearMatches.filter((m) => m.matchId === null)).toHaveLength(6);
    expect(preview.warnings.filter((w) => w.row === null).map((w) => w.message)).toContainEqual(
      expect.stringContaining(`look like households already held than the first ${FILE_NEAR_MATCHES_LISTED}`),
    );
  });
});
