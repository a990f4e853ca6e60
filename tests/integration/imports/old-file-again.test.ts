import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { formatUkDateTime } from '../../../src-main/domain/dates.ts';
import { testApp } from '../../support/temp.ts';
import { importCsv, messages } from './reason-rows.ts';

// An exact file imported before, imported again after a newer export (or a hand edit) changed its
// households, put its older values back (an enquiry date, a surname corrected since) as plain
// updates, with no word: the preview even said rows already held show as unchanged (found by a
// review helper). The file's rows cannot say they are the older, but its earlier import can: the
// import now says how many households it would take back, naming that import. A file imported
// that would change nothing of what changed since, or a file never imported, says nothing of the kind.

const OLD =
  'Reference,Enquiry Date,Surname\r\nP1,05/01/2025,Ash\r\nP2,05/01/2025,Birch\r\nP3,05/01/2025,Cole\r\n';
const NEW = 'Reference,Enquiry Date,Surname\r\nP1,10/01/2025,Ash\r\nP2,05/01/2025,Birch-Lee\r\n';

const againNotes = (r: { warnings: Array<{ message: string }> }) =>
  messages(r).filter((m) => m.startsWith('This exact file was imported before'));

describe('an exact file imported again after its households changed', () => {
  it('says how many households it takes back, naming its earlier import', async () => {
    const app = await testApp({ today: '2026-06-01' });
    const first = await importCsv(app, 'old.csv', OLD);
    expect(againNotes(first)).toEqual([]);
    setClock('2026-06-02');
    expect(againNotes(await importCsv(app, 'new.csv', NEW))).toEqual([]);
    setClock('2026-06-03');
    const again = await importCsv(app, 'old.csv', OLD);
    expect(again).toMatchObject({ updated: 2, unchanged: 1 });
    // Named as the list of imports names it: the day and time where the user is.
    const madeAt = app.ctx.store.db
      .prepare('SELECT created_at FROM import_batches WHERE id = ?')
      .pluck()
      .get(first.batch) as string;
    expect(formatUkDateTime(madeAt)).toMatch(/^01\/06\/2026 \d\d:\d\d$/);
    expect(againNotes(again)).toEqual([
      `This exact file was imported before (import ${first.batch}, ${formatUkDateTime(madeAt)}), and 2 households it would update were changed since, by another import or by hand: importing it again puts this file's values back over those changes (undo this import afterwards to take them back).`,
    ]);
    // The newer file put back over it says the same of the older import's changes, naming no file
    // as the one to import (which is the newer the app cannot tell).
    setClock('2026-06-04');
    const mend = await importCsv(app, 'new.csv', NEW);
    expect(mend).toMatchObject({ updated: 2 });
    expect(againNotes(mend)).toEqual([
      expect.stringContaining("puts this file's values back over those changes"),
    ]);
    expect(againNotes(mend)[0]).not.toMatch(/newer|older/);
  });

  it('says nothing where the file would change nothing of what changed since', async () => {
    const app = await testApp({ today: '2026-06-01' });
    await importCsv(app, 'old.csv', OLD);
    setClock('2026-06-02');
    const p3 = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'P3'")
      .pluck()
      .get() as number;
    // A detail the file has no column for, and a surname typed by hand, which an import keeps.
    await app.call('households.updateDetails', { id: p3, email: 'cole@example.org', surname: 'Cole-Ray' });
    setClock('2026-06-03');
    const again = await importCsv(app, 'old.csv', OLD);
    expect(again).toMatchObject({ updated: 0 });
    expect(againNotes(again)).toEqual([]);
  });
});
