import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { cli } from '../../support/cli.ts';
import { jobSettled, testApp, type TestApp } from '../../support/temp.ts';

// An export re-imported with no change at all was offered as "Import 0 changes", and committing it
// recorded a batch that changed no household (its undo did nothing; it only re-marked rows, which
// a later import that changes something marks anyway). Nothing is recorded now: the preview says
// there is nothing to import, the commit is refused with the same words, and the one-step import
// (the CLI's) writes nothing and says so, exiting 0.
async function ready(app: TestApp, path: string) {
  const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
  return jobSettled(app, started.jobId);
}

const HEAD = 'Reference,Enquiry Date,First Name,Surname';
const ROWS = ['N1,03/03/2026,Ann,Lee', 'N2,04/03/2026,Bo,Ray'];

describe('a file that changes nothing', () => {
  it('is not offered for import, is refused at commit, and records no batch', async () => {
    const app = await testApp();
    const path = app.file('enquiries.csv', [HEAD, ...ROWS].join('\n'));
    const first = await ready(app, path);
    expect(first.preview!.nothingToImport).toBeNull();
    expect((await app.call('imports.commitImport', { jobId: first.jobId })).batch).toBe(1);

    const again = await ready(app, path);
    expect(again.preview!.counts).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    const nothing =
      'Nothing has changed since the last import: every row of enquiries.csv is as the records already hold it, so there is nothing to import.';
    expect(again.preview!.nothingToImport).toBe(nothing);
    const refused = await app.call('imports.commitImport', { jobId: again.jobId }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'refused', message: nothing });
    expect((await app.call('imports.listBatches', {})).map((b) => b.id)).toEqual([1]);

    // One step: nothing written, batch null, the counts as the preview gave them.
    const oneStep = await app.call('imports.importFile', { path });
    expect(oneStep).toMatchObject({ batch: null, new: 0, updated: 0, unchanged: 2 });
    expect((await app.call('imports.listBatches', {})).map((b) => b.id)).toEqual([1]);

    // A rejected row changes nothing either; the sentence counts it.
    const bad = app.file('with-error.csv', [HEAD, ...ROWS, 'N3,31/02/2026,Cy,Day'].join('\n'));
    expect((await ready(app, bad)).preview!.nothingToImport).toBe(
      'Nothing has changed since the last import: every row of with-error.csv is as the records already hold it (1 row rejected: see the errors), so there is nothing to import.',
    );
    // A changed row is offered as before.
    const changed = app.file('changed.csv', [HEAD, ROWS[0], 'N2,04/03/2026,Bo,Rae'].join('\n'));
    const offered = await ready(app, changed);
    expect(offered.preview!.nothingToImport).toBeNull();
    expect((await app.call('imports.commitImport', { jobId: offered.jobId })).updated).toBe(1);
  });

  it('the CLI says there is nothing to import, writes nothing and exits 0', async () => {
    const app = await testApp();
    const path = app.file('enquiries.csv', [HEAD, ...ROWS].join('\n'));
    const db = join(app.dir, 'cli.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    expect((await cli('import', path, '--db', db)).code).toBe(0);
    const again = await cli('import', path, '--db', db);
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[0]).toBe(
      'Nothing has changed since the last import: every row of enquiries.csv is as the records already hold it, so there is nothing to import. Nothing was written (Enquiries).',
    );
    const json = await cli('import', path, '--db', db, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ batch: null, unchanged: 2 });
    const list = await cli('imports', '--db', db, '--json');
    expect((JSON.parse(list.out) as { batches: unknown[] }).batches).toHaveLength(1);
  });
});
