import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * An import matches a reason cell by its letters and digits alone. A reason named "?" was
 * accepted, and then every closure whose reason cell held only punctuation ("–", "*", "?", "--")
 * was given it, without a warning.
 */
describe('a reason named with no letter or digit', () => {
  it('is refused beside the name, so a cell of punctuation stays Other with its text', async () => {
    const app = await testApp({ today: '2026-11-26' });
    for (const label of ['?', '—', ' - ']) {
      const added = await app.call('reasons.addReason', { list: 'dropout', label }).catch((e: unknown) => e);
      expect(added, label).toMatchObject({ code: 'invalid_input', field: 'label' });
      const renamed = await app
        .call('reasons.updateReason', { list: 'leaving', key: 'other', label })
        .catch((e: unknown) => e);
      expect(renamed, label).toMatchObject({ code: 'invalid_input', field: 'label' });
    }
    // Names with letters or digits, however short or odd, are fine.
    await app.call('reasons.addReason', { list: 'dropout', label: "Partner's health & work" });
    await app.call('reasons.addReason', { list: 'dropout', label: '2nd home' });
    // One an older version stored names nothing in an import either.
    app.ctx.store.db
      .prepare("INSERT INTO reasons (list, key, label, position) VALUES ('dropout', 'reason', '?', 99)")
      .run();
    const path = join(app.dir, 'a.csv');
    writeFileSync(
      path,
      'Reference,Enquiry date,Surname,EOI date,Date closed,Closure reason,Closed by\r\n' +
        'R1,01/11/2022,Lee,01/12/2022,10/01/2023,–,Applicant\r\n' +
        'R2,01/11/2022,Poe,01/12/2022,10/01/2023,*,Applicant\r\n',
    );
    await app.call('imports.importFile', { path });
    expect(app.ctx.store.db.prepare('SELECT reason_key, reason_text FROM closures').all()).toEqual([
      { reason_key: 'other', reason_text: '–' },
      { reason_key: 'other', reason_text: '*' },
    ]);
  });
});
