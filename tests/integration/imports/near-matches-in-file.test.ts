import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_NEAR_MATCHES_LISTED } from '../../../src-main/import/apply/near-matches.ts';
import { jobSettled, testApp } from '../../support/temp.ts';

// A CRM exports one family twice under two references (the web form and a call back). In a first
// import neither is held yet, so the preview compared each new row only with the households held
// and said nothing: "0 duplicates", two Sarah Thompsons of the same telephone, and no list of
// possible duplicates before or after the commit (helper-271). New rows of one file are now
// weighed against the file's earlier new rows by the same rules.
describe('possible duplicates within one file', () => {
  it('lists a new row that looks like an earlier new row of the same file', async () => {
    const app = await testApp();
    const file = join(app.dir, 'november.csv');
    writeFileSync(
      file,
      [
        'Enquiry Ref,Date of Enquiry,First Name,Surname,Telephone,Postcode',
        'ENQ-001,03/11/2026,Sarah,Thompson,07700 900123,LS6 2AB',
        'ENQ-002,04/11/2026,Gareth,Williams,0113 496 0001,WF1 3JT',
        'ENQ-003,05/11/2026,Ann,Ash,07700900456,LS1 1AA',
        'ENQ-029,24/11/2026,Sarah,Thompson,07700900123,LS6 2AB',
        'ENQ-030,20/11/2026,Bob,Birch,+44 7700 900456,LS2 2BB',
      ].join('\r\n'),
    );
    const started = await app.call('imports.startImport', { path: file, kind: 'auto', overwriteHand: false });
    const preview = (await jobSettled(app, started.jobId)).preview!;
    const expected = [
      {
        row: 5,
        reference: 'ENQ-029',
        matchId: null,
        matchReference: 'ENQ-001',
        matchRow: 2,
        // Close dates and the telephone too: the first sign domain/duplicates.ts lists is named.
        why: 'same name and postcode',
      },
      {
        row: 6,
        reference: 'ENQ-030',
        matchId: null,
        matchReference: 'ENQ-003',
        matchRow: 4,
        why: 'same telephone number',
      },
    ];
    expect(preview.counts).toMatchObject({ new: 5, duplicates: 0 });
    expect(preview.nearMatches).toEqual(expected);
    // The commit's result lists them as the preview did; never merged.
    const result = await app.call('imports.commitImport', { jobId: started.jobId });
    expect(result).toMatchObject({ new: 5 });
    expect(result.nearMatches).toEqual(expected);
  });

  it('lists at most the first few hundred, saying there are more: a large file of few names has millions', async () => {
    // 300 rows of one name within a month: 44,850 pairs. Weighing each row against every earlier one
    // and listing them all would cost the bench's million-row file (~500 names) billions of steps.
    const app = await testApp();
    const file = join(app.dir, 'many.csv');
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `R${String(i + 1).padStart(3, '0')},${String(1 + (i % 25)).padStart(2, '0')}/11/2026,Sam,Smith`,
    );
    writeFileSync(file, ['Enquiry Ref,Date of Enquiry,First Name,Surname', ...rows].join('\r\n'));
    const started = await app.call('imports.startImport', { path: file, kind: 'auto', overwriteHand: false });
    const preview = (await jobSettled(app, started.jobId)).preview!;
    expect(preview.counts).toMatchObject({ new: 300 });
    expect(preview.nearMatches).toHaveLength(FILE_NEAR_MATCHES_LISTED);
    expect(preview.nearMatches[0]).toMatchObject({ row: 3, matchRow: 2, reference: 'R002' });
    expect(preview.warnings.filter((w) => w.row === null).map((w) => w.message)).toContainEqual(
      expect.stringContaining(`than the first ${FILE_NEAR_MATCHES_LISTED} possible duplicates listed`),
    );
  });
});
