import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { schemaVersion, type Db } from '../../../src-main/db/open.ts';
import { schemaDifferences } from '../../../src-main/db/schema-check.ts';
import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from './fixtures.ts';
import { fieldSourcesReader } from '../../../src-main/db/field-sources.ts';

/**
 * An import computes each new household's summary columns and episode row from its plan and
 * inserts them with it (commit.ts), instead of rebuilding them from the rows it has just
 * written. These tests hold the two ways equal: after an import, rebuilding every episode and
 * summary from the stored facts changes nothing.
 */
const SUMMARY = 'id, status, stage, stage_date, enquiry_date, next_alert, next_alert_date, overdue';

function derived(db: Db) {
  return {
    households: db.prepare(`SELECT ${SUMMARY} FROM households ORDER BY id`).all(),
    episodes: db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all(),
  };
}

function rebuilt(app: TestApp) {
  const db = app.ctx.store.db;
  const ids = db.prepare('SELECT id FROM households').pluck().all() as number[];
  db.transaction(() => {
    db.exec('DELETE FROM episodes');
    rebuildAllEpisodes(db);
    refreshSummaries(db, ids, app.ctx.today());
  })();
  return derived(db);
}

const run = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });

const d = xlDate;

describe('rows an import writes directly for new households', () => {
  it('an enquiry export: every stage, both pathways, closures, blanks', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'enquiries.xlsx'), {
      Enquiries: [
        [
          'Reference',
          'Enquiry Date',
          'First Name',
          'Surname',
          'Email',
          'Postcode',
          'Source',
          'Pathway',
          'Household Type',
          'EOI Date',
          'Stage 1 Start',
          'Stage 2 Start',
          'Panel Date',
          'Approval Date',
          'Date Closed',
          'Reason for Withdrawal',
          'Closed By',
        ],
        ['A1', d('2026-11-20'), 'Amy', 'Jones', 'amy@x.org', 'LS1 1AA', 'Website', 'Mainstream', 'Couple'],
        ['A2', d('2026-10-01'), 'Bob', 'Khan', null, 'bd12ab', 'Radio', 'Kinship', 'Single', d('2026-10-10')],
        [
          'A3',
          d('2026-02-01'),
          'Cat',
          'Lee',
          'cat@x.org',
          null,
          'Facebook',
          null,
          null,
          d('2026-02-10'),
          d('2026-03-01'),
        ],
        [
          'A4',
          d('2024-01-05'),
          'Dan',
          'Moss',
          null,
          null,
          null,
          'Mainstream',
          null,
          d('2024-02-01'),
          d('2024-03-01'),
          d('2024-06-01'),
          d('2024-09-01'),
        ],
        [
          'A5',
          d('2023-01-01'),
          'Eve',
          'Noor',
          'eve@x.org',
          'HX1 1AA',
          'Word of mouth',
          'Kinship',
          'Couple',
          d('2023-02-01'),
          d('2023-03-01'),
          d('2023-05-01'),
          d('2023-09-01'),
          d('2023-10-01'),
        ],
        [
          'A6',
          d('2024-02-01'),
          'Fay',
          'Owen',
          null,
          null,
          'Website',
          null,
          null,
          d('2024-02-10'),
          d('2024-03-01'),
          null,
          null,
          null,
          d('2024-05-01'),
          'Lost contact / no response',
          'Lost contact',
        ],
        [
          'A7',
          d('2025-07-01'),
          'Gus',
          'Pike',
          'gus@x.org',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          d('2025-07-20'),
          'Moved abroad',
          null,
        ],
        ['A8', d('2026-11-25'), null, 'Quinn'],
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 8, rejected: 0 });
    const db = app.ctx.store.db;
    const direct = derived(db);
    expect(direct.episodes).toHaveLength(8);
    expect(rebuilt(app)).toEqual(direct);
  });

  it('a carers register: approvals and deregistrations', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'carers.xlsx'), {
      Carers: [
        ['Foster Carer No.', 'Carers', 'Date of Approval', 'Date Deregistered', 'Reason for Deregistration'],
        ['C1', 'Ann Smith', d('2022-05-01'), d('2025-06-01'), 'Retirement'],
        ['C2', 'Ben Jones', d('2023-05-01'), null, null],
        ['C3', 'Cara Wood', d('2021-01-10'), d('2024-01-10'), 'Some reason not in the list'],
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 3, rejected: 0 });
    const direct = derived(app.ctx.store.db);
    expect(rebuilt(app)).toEqual(direct);
  });

  it('a first load large enough to rebuild the indexes: the same rows, the app’s own schema, and undo removes it all', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const lines = [
      'Reference,Enquiry Date,First Name,Surname,Email,Postcode,EOI Date,Date Closed,Closure Reason',
    ];
    for (let i = 1; i <= 6000; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const eoi = i % 3 === 0 ? `${day}/03/2024` : '';
      const closed = i % 7 === 0 ? `${day}/05/2024,Lost contact / no response` : ',';
      lines.push(
        `B${String(i).padStart(5, '0')},${day}/02/2024,Name${i},Surname${i % 400},p${i}@x.org,LS1 1AA,${eoi},${closed}`,
      );
    }
    const file = join(app.dir, 'big.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 6000, rejected: 0 });
    expect(schemaDifferences(db, schemaVersion(db))).toEqual([]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    const direct = derived(db);
    // Each household's four values came from the batch: read from the household, not written a row each.
    expect(db.prepare('SELECT COUNT(*) FROM field_sources').pluck().get()).toBe(0);
    const sources = fieldSourcesReader(db);
    const ids = db.prepare<[], number>('SELECT id FROM households').pluck().all();
    const implied = ids.flatMap((id) => sources(id));
    expect(implied).toHaveLength(6000 * 4);
    expect(new Set(implied.map((f) => `${f.source} ${f.batch_id}`))).toEqual(new Set([`import ${r.batch}`]));
    expect(rebuilt(app)).toEqual(direct);
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM episodes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM field_sources').pluck().get()).toBe(0);
  });

  it('each new household’s milestones are its row’s dates, ids in row then journey order, around one that goes the long way', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const file = join(app.dir, 'milestones.csv');
    writeFileSync(
      file,
      [
        'Reference,Enquiry Date,Surname,EOI Date,Stage 1 Start,Stage 2 Start,Panel Date,Approval Date,Panel Minutes Received',
        'M1,01/02/2024,A,10/02/2024,,,,,',
        'M2,02/02/2024,B,11/02/2024,01/03/2024,01/06/2024,01/09/2024,01/10/2024,',
        // Journey dates: this one is written the long way, between two flushes of the others.
        'M3,03/02/2024,C,12/02/2024,02/03/2024,02/06/2024,02/09/2024,,10/09/2024',
        'M4,04/02/2024,D,,,,,,',
        'M5,05/02/2024,E,13/02/2024,03/03/2024,,,,',
      ].join('\r\n') + '\r\n',
    );
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 5, rejected: 0 });
    expect(db.prepare('SELECT COUNT(*) FROM journey_dates').pluck().get()).toBe(1);
    const rows = db
      .prepare(
        `SELECT h.reference, m.episode, m.kind, m.date, m.source, m.batch_id FROM milestones m
         JOIN households h ON h.id = m.household_id ORDER BY m.id`,
      )
      .raw()
      .all();
    const b = r.batch!;
    const m = (ref: string, kind: string, date: string) => [ref, 1, kind, date, 'import', b];
    expect(rows).toEqual([
      m('M1', 'enquiry', '2024-02-01'),
      m('M1', 'eoi', '2024-02-10'),
      m('M2', 'enquiry', '2024-02-02'),
      m('M2', 'eoi', '2024-02-11'),
      m('M2', 'stage1', '2024-03-01'),
      m('M2', 'stage2', '2024-06-01'),
      m('M2', 'panel', '2024-09-01'),
      m('M2', 'approval', '2024-10-01'),
      m('M3', 'enquiry', '2024-02-03'),
      m('M3', 'eoi', '2024-02-12'),
      m('M3', 'stage1', '2024-03-02'),
      m('M3', 'stage2', '2024-06-02'),
      m('M3', 'panel', '2024-09-02'),
      m('M4', 'enquiry', '2024-02-04'),
      m('M5', 'enquiry', '2024-02-05'),
      m('M5', 'eoi', '2024-02-13'),
      m('M5', 'stage1', '2024-03-03'),
    ]);
    // Ids follow the households' ids too: each household's milestones are one run.
    const ids = db.prepare('SELECT household_id FROM milestones ORDER BY id').pluck().all() as number[];
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });
});
