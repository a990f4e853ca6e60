import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A subject access request names the reference the person knows (the CRM's, an old letter's).
 * Where a merge moved that household's data into another, or a purge erased it, the export by
 * that reference must say so: "no household" would answer that nothing is held.
 */
const HEADER = 'Reference,Enquiry date,First name,Surname,Email,Date closed,Closure reason,Closed by';

function csv(app: TestApp, rows: string[]): string {
  const path = join(app.dir, 'both.csv');
  writeFileSync(path, [HEADER, ...rows].join('\r\n') + '\r\n');
  return path;
}

async function merged(): Promise<TestApp> {
  const app = await testApp({ today: '2026-11-26' });
  await app.call('imports.importFile', {
    path: csv(app, [
      'P1,01/03/2024,Zebedee,Quill,zeb@example.org,,,',
      'P2,02/03/2024,Zebedee,Quill,zeb.dup@example.org,,,',
    ]),
  });
  const p1 = app.ctx.store.db
    .prepare("SELECT id FROM households WHERE reference = 'P1'")
    .pluck()
    .get() as number;
  await app.call('households.mergeHouseholds', { id: p1, mergeReference: 'P2', reason: 'same family' });
  return app;
}

/** A new household K1 (enquiring on `enquiryDate`), with `reference`'s household merged into it. */
async function mergeIntoNewK1(app: TestApp, reference: string, enquiryDate = '2024-03-01'): Promise<void> {
  const kept = await app.call('households.createHousehold', {
    reference: 'K1',
    surname: 'Keeper',
    enquiryDate,
  });
  await app.call('households.mergeHouseholds', {
    id: kept.id,
    mergeReference: reference,
    reason: 'same family',
  });
}

describe('subject access by a reference no household holds any more', () => {
  it('names the household a merge moved it into (whose export holds what came with it)', async () => {
    const app = await merged();
    await expect(app.call('data.exportHousehold', { reference: 'P2', format: 'json' })).rejects.toMatchObject(
      {
        code: 'not_found',
        field: 'reference',
        message: expect.stringMatching(/P2 was merged into P1 on 26\/11\/2026.*P1's/),
      },
    );
    // Typed in another case, as the app takes references.
    await expect(app.call('data.exportHousehold', { reference: 'p2', format: 'json' })).rejects.toThrow(
      /merged into P1/,
    );
    // And what came with it is in P1's.
    const file = await app.call('data.exportHousehold', { reference: 'P1', format: 'json' });
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain('zeb.dup@example.org');
    // The CLI says the same.
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const code = await runCli(
      ['subject-access', 'P2', '--out', join(app.dir, 'sar.json'), '--db', app.dbPath],
      io,
      {},
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/P2 was merged into P1/);
  });

  it('follows a chain of merges to the household that holds it now', async () => {
    const app = await merged();
    await mergeIntoNewK1(app, 'P1');
    await expect(app.call('data.exportHousehold', { reference: 'P2', format: 'json' })).rejects.toThrow(
      /P2 was merged into K1/,
    );
  });

  it('says when it was erased by a purge', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('imports.importFile', {
      path: csv(app, [
        'P1,01/03/2020,Zebedee,Quill,zeb@example.org,01/05/2020,Lost contact,Lost contact',
        'P2,02/03/2020,Zebedee,Quill,zeb.dup@example.org,,,',
      ]),
    });
    const p1 = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'P1'")
      .pluck()
      .get() as number;
    await app.call('households.mergeHouseholds', { id: p1, mergeReference: 'P2', reason: 'same family' });
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    await expect(app.call('data.exportHousehold', { reference: 'P2', format: 'json' })).rejects.toThrow(
      /P2.*erased.*26\/11\/2026/,
    );
    // Purged, then merged into another household (of the same enquiry: P1 closed on 01/05/2020):
    // the merge came last, and says where it went.
    await mergeIntoNewK1(app, 'P1', '2020-04-01');
    await expect(app.call('data.exportHousehold', { reference: 'P1', format: 'json' })).rejects.toThrow(
      /P1 was merged into K1/,
    );
    // A reference never held is still simply not found.
    await expect(app.call('data.exportHousehold', { reference: 'P3', format: 'json' })).rejects.toThrow(
      'There is no household with the reference "P3".',
    );
  });
});
