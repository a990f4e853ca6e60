import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIXED_PATHWAY_TABLES,
  OWN_COLUMN_TABLES,
  REPORT_PATHWAYS,
  REPORT_TABLES,
  SINGLE_YEAR_TABLES,
  type ReportTableKey,
} from '../../../src-main/contract/reports.ts';
import { SORT_COLUMNS, type ListFilter } from '../../../src-main/contract/households.ts';
import { drillHouseholds } from '../../../src-main/db/queries/drill.ts';
import { APPLICATION_BASES } from '../../../src-main/domain/journey-dates.ts';
import { TABLES } from '../../../src-main/reports/tables.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import {
  partialIndexes,
  recordBoundPlans,
  triggerPlans,
  type BoundPlan,
  type PartialIndex,
} from '../../support/bound-plans.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';
import { FULL_SCANS } from './full-scans.ts';
import { PARTIAL_INDEX_USES, UNUSED_PARTIAL_INDEXES } from './partial-index-uses.ts';

const TODAY = '2026-11-26';

/**
 * Which statements take a partial index is a declared, reviewed set (partial-index-uses.ts). A
 * partial index is taken by any statement whose WHERE implies its condition *with the values
 * bound*: migration 36's episodes_by_kinship (pathway = 'kinship' OR switched_on IS NOT NULL) was
 * silently taken by the forecast's chunk read once 'kinship' was bound, reading a household's
 * episodes out of episode order (1460e8d). A plan with every parameter NULL cannot see that, so
 * here the app itself runs (the sample at small scale, every report table with every pathway,
 * period and application basis and their drill-downs, Home, the lists and search, a household's
 * record, a pathway switch, endings and exit interviews by hand, a merge, a subject access
 * export, a csv import, a re-import and its undo; then morePaths) and every statement it runs is planned with
 * the values it ran with (support/bound-plans.ts). The app never runs ANALYZE, so these plans,
 * which depend only on the schema, the SQL and those values, are the ones it gets at any size.
 */
let plans: BoundPlan[] = [];
/** Each statement of each trigger, as it fires (not in the plan of the statement that fires it). */
let triggers: BoundPlan[] = [];
let triggerCount = 0;
let indexes: PartialIndex[] = [];
let doing = 'sample';

/**
 * The options that change a table's SQL: every pathway and by years or quarters, where the table
 * has them (the kinship table is kinship's alone, the Ofsted return one year of every pathway, the
 * forecast, its backtest and diversity have columns of their own: report-shapes.ts). Suppression
 * reads the tables it weighs each against: it is on for quarters, and for the tables without
 * quarters (their own statements are the same either way).
 */
function optionsOf(table: ReportTableKey) {
  const single = SINGLE_YEAR_TABLES.includes(table) || FIXED_PATHWAY_TABLES[table] !== undefined;
  const pathways = single ? (['all'] as const) : REPORT_PATHWAYS;
  const ownColumns = SINGLE_YEAR_TABLES.includes(table) || OWN_COLUMN_TABLES.includes(table);
  return pathways.flatMap((pathway) =>
    ownColumns
      ? [{ pathway, quarterly: false, suppress: true }]
      : [false, true].map((quarterly) => ({ pathway, quarterly, suppress: quarterly })),
  );
}

/** Every report table, on each application basis, and each drill-down of its first column. */
async function reports(app: TestApp) {
  const db = app.ctx.store.db;
  for (const basis of APPLICATION_BASES) {
    await app.call('alerts.setApplicationBasis', { basis });
    for (const table of REPORT_TABLES) {
      for (const options of optionsOf(table)) {
        doing = `report ${table}`;
        const { options: o } = await app.call('reports.getTable', { table, options });
        // The drill-downs as reports.listHouseholds runs them (reports/report.ts drill), without
        // building the whole table again for each cell.
        const built = TABLES[table].build(db, o, TODAY);
        doing = `drill ${table}`;
        for (const [section, raw] of [
          ['', built.main] as const,
          ...built.sections.map((s) => [s.key, s.raw] as const),
        ]) {
          const column = raw.columns.find((c) => c.key !== 'total')?.key;
          if (!column) continue;
          for (const row of raw.rows.filter((r) => r.kind === 'count')) {
            const q = TABLES[table].drill(db, o, section, row.key, column, TODAY);
            if (q) drillHouseholds(db, q, 500);
          }
        }
      }
    }
  }
}

const FILTERS: ListFilter[] = [
  {},
  { search: 'khan' },
  { search: 'ff0001' },
  { search: 'amira kh' },
  { search: 'o van den berg' },
  { search: 'LS1' },
  { stage: 'eoi' },
  { status: 'closed' },
  { pathway: 'kinship' },
  { pathway: 'mainstream', status: 'open', stage: 'stage1' },
  { source: 'website' },
  { fy: '2024/25' },
  { overdue: true },
];

async function lists(app: TestApp) {
  doing = 'list';
  for (const filter of FILTERS) {
    for (const sort of SORT_COLUMNS) {
      await app.call('households.listHouseholds', { ...filter, sort, dir: 'asc', offset: 0, limit: 20 });
    }
    await app.call('households.listHouseholds', { ...filter, dir: 'desc', offset: 40, limit: 20 });
  }
  doing = 'list export';
  await app.call('households.exportList', { pathway: 'kinship', format: 'csv' });
  doing = 'pipeline';
  for (const pathway of [undefined, 'mainstream', 'kinship'] as const) {
    await app.call('households.getPipeline', pathway ? { pathway } : {});
  }
  doing = 'duplicates';
  await app.call('households.findDuplicates', {
    firstName: 'Amira',
    surname: 'Khan',
    postcode: 'LS1 1AA',
    telephone: '0113 496 0000',
    email: 'a@example.org',
    enquiryDate: TODAY,
  });
}

async function home(app: TestApp) {
  doing = 'home';
  const dashboard = await app.call('planning.getDashboard', {});
  await app.call('households.getDashboard', {});
  for (const pathway of ['mainstream', 'kinship'] as const)
    await app.call('households.getDashboard', { pathway });
  const drills = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v))
        if (k === 'drill' && typeof x === 'string') drills.add(x);
        else walk(x);
    }
  };
  walk(dashboard);
  expect(drills.size).toBeGreaterThan(3);
  doing = 'home drill';
  for (const drill of drills) await app.call('planning.listHouseholds', { drill, limit: 50 });
}

async function records(app: TestApp) {
  const db = app.ctx.store.db;
  const pick = (where: string) =>
    db.prepare(`SELECT id FROM households WHERE ${where} ORDER BY id LIMIT 1`).pluck().get() as number;
  doing = 'switch';
  // Switched episodes: the sample makes none, and the forecast, kinship table and records read them apart.
  const switched = [
    pick("status = 'open' AND pathway = 'mainstream'"),
    pick("status = 'open' AND pathway = 'kinship'"),
  ];
  await app.call('households.switchPathway', { id: switched[0]!, pathway: 'kinship', date: TODAY });
  await app.call('households.switchPathway', { id: switched[1]!, pathway: 'mainstream', date: TODAY });
  // The endings by hand, each with its exit interview: the writers of closures, cessations and
  // interviews (exit_interviews' two partial indexes are their one interview an ending).
  doing = 'hand edit';
  const open = pick("status = 'open' AND pathway = 'mainstream' AND id NOT IN (" + switched.join(', ') + ')');
  const closed = await app.call('households.closeHousehold', {
    id: open,
    date: TODAY,
    reasonKey: 'other',
    endedBy: 'applicant',
  });
  await app.call('households.saveExitInterview', {
    id: open,
    closureId: closed.closures.at(-1)!.id,
    status: 'held',
    heldDate: TODAY,
    reasons: ['other'],
  });
  await app.call('households.reopenHousehold', { id: open, enquiryDate: TODAY });
  const approved = pick("status = 'approved'");
  const ceased = await app.call('households.ceaseHousehold', {
    id: approved,
    date: TODAY,
    reasonKey: 'other',
    initiatedBy: 'carer',
  });
  await app.call('households.saveExitInterview', {
    id: approved,
    cessationId: ceased.cessation!.id,
    status: 'declined',
    offeredDate: TODAY,
  });
  await app.call('households.removeCessation', { id: approved, reason: 'Recorded on the wrong household' });
  // A household typed in twice, merged, and its data given to its subject.
  doing = 'merge';
  const details = { pathway: 'kinship' as const, enquiryDate: TODAY, firstName: 'Mo', surname: 'Merriman' };
  const kept = await app.call('households.createHousehold', { ...details, reference: 'M1' });
  await app.call('households.createHousehold', { ...details, reference: 'M2', confirmDuplicates: true });
  await app.call('households.mergeHouseholds', {
    id: kept.id,
    mergeReference: 'M2',
    reason: 'Typed in twice',
  });
  // The next household typed by hand takes no reference merged away (nextReference).
  await app.call('households.createHousehold', { ...details, firstName: 'Al', confirmDuplicates: true });
  doing = 'subject access';
  await app.call('data.exportHousehold', { id: kept.id });
  doing = 'record';
  for (const id of [
    ...switched,
    pick("status = 'closed'"),
    pick("status = 'approved'"),
    pick("pathway = 'kinship'"),
  ]) {
    await app.call('households.getHousehold', { id });
    await app.call('households.getTimeline', { id });
  }
}

const IMPORT_HEADER =
  'Reference,Enquiry date,First name,Surname,Email,Pathway,Viability request date,EOI date,Date closed,Closure reason,Closed by';

async function importAndUndo(app: TestApp) {
  const file = (name: string, rows: string[]) => {
    const path = join(app.dir, name);
    writeFileSync(path, [IMPORT_HEADER, ...rows].join('\r\n') + '\r\n');
    return path;
  };
  const was = process.env.FOSTERING_FUNNEL_IMPORT_WORKER;
  // In this process, so that its statements are recorded (the worker runs the same modules).
  process.env.FOSTERING_FUNNEL_IMPORT_WORKER = 'off';
  try {
    doing = 'import';
    const first = await app.call('imports.importFile', {
      path: file('first.csv', [
        'P1,01/03/2025,Zebedee,Quill,zeb@example.org,Mainstream,,01/04/2025,,,',
        'P2,01/05/2025,Kit,Kerr,kit@example.org,Kinship,10/05/2025,,,,',
        'P3,01/06/2025,Nadia,Okafor,,Mainstream,,,01/07/2025,Lost contact,Lost contact',
      ]),
    });
    expect(first.errors).toEqual([]);
    doing = 'reimport';
    const second = await app.call('imports.importFile', {
      path: file('second.csv', [
        'P1,01/03/2025,Zebedee,Quill,zeb@example.org,Mainstream,,02/04/2025,,,',
        'P2,01/05/2025,Kit,Kerr,kit@example.org,Kinship,10/05/2025,,01/09/2025,Lost contact,Lost contact',
        'P4,01/07/2025,Ann,Smith,,Kinship,01/07/2025,,,,',
      ]),
    });
    expect(second.errors).toEqual([]);
    doing = 'undo';
    await app.call('imports.undoImport', { batchId: second.batch! });
  } finally {
    if (was === undefined) delete process.env.FOSTERING_FUNNEL_IMPORT_WORKER;
    else process.env.FOSTERING_FUNNEL_IMPORT_WORKER = was;
  }
}

/**
 * The paths the first version of this guard did not drive: an enquiries workbook (xlsx, not csv),
 * a carers register, a household's kinship dated steps and hand corrections, the planning figures,
 * the settings, a backup and its restore, and the purge of every household due.
 */
async function morePaths(app: TestApp) {
  const was = process.env.FOSTERING_FUNNEL_IMPORT_WORKER;
  process.env.FOSTERING_FUNNEL_IMPORT_WORKER = 'off';
  try {
    doing = 'xlsx import';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        IMPORT_HEADER.split(','),
        ['X1', '01/03/2025', 'Yusuf', 'Adeyemi', 'y@example.org', 'Mainstream', '', '01/04/2025', '', '', ''],
        ['X2', '01/05/2025', 'Rhian', 'Price', '', 'Kinship', '10/05/2025', '', '', '', ''],
      ]),
      'Enquiries',
    );
    const xlsx = join(app.dir, 'enquiries.xlsx');
    writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const enquiries = await app.call('imports.importFile', { path: xlsx });
    expect(enquiries.errors).toEqual([]);
    doing = 'register import';
    const head = ['Foster Carer No.', 'Carer 1 Name', 'Date of Approval', 'Number of Places', 'Age Range'];
    const register = (name: string, places: number) =>
      writeWorkbook(join(app.dir, name), {
        Register: [
          head,
          ['FC1', 'Joan Ashby', xlDate('2019-05-01'), places, '0-18'],
          ['FC2', 'Sam Owusu', xlDate('2021-09-14'), 1, '5-18'],
        ],
      });
    const first = await app.call('imports.importFile', {
      path: register('r2025.xlsx', 2),
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(first.errors).toEqual([]);
    doing = 'register reimport';
    const again = await app.call('imports.importFile', {
      path: register('r2026.xlsx', 3),
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(again.errors).toEqual([]);
  } finally {
    if (was === undefined) delete process.env.FOSTERING_FUNNEL_IMPORT_WORKER;
    else process.env.FOSTERING_FUNNEL_IMPORT_WORKER = was;
  }
  doing = 'kinship steps';
  const kin = await app.call('households.createHousehold', {
    reference: 'K1',
    pathway: 'kinship',
    enquiryDate: '2026-08-01',
    surname: 'Kinsey',
    confirmDuplicates: true,
  });
  for (const [kind, date] of [
    ['reg24_placement', '2026-08-20'],
    ['extension', '2026-10-01'],
    ['irm_pending_from', '2026-10-05'],
    ['irm_pending_to', '2026-10-20'],
  ] as const) {
    await app.call('households.recordJourneyDate', {
      id: kin.id,
      kind,
      date,
      ...(kind === 'extension' ? { extensionReason: 'Assessment delayed by a late reference' } : {}),
    });
  }
  await app.call('households.removeJourneyDate', {
    id: kin.id,
    kind: 'irm_pending_to',
    reason: 'Entered on the wrong day',
  });
  doing = 'hand correction';
  await app.call('households.recordMilestone', { id: kin.id, kind: 'eoi', date: '2026-08-05' });
  await app.call('households.correctMilestone', {
    id: kin.id,
    kind: 'eoi',
    date: '2026-08-04',
    reason: 'Typed a day late',
  });
  await app.call('households.updateDetails', { id: kin.id, firstName: 'Kit' });
  await app.call('households.removeMilestone', { id: kin.id, kind: 'eoi', reason: 'Recorded in error' });
  doing = 'planning figures';
  await app.call('planning.setFigures', {
    fy: '2026/27',
    figures: [
      { basis: 'target', measure: 'enquiries', value: 120 },
      { basis: 'target', measure: 'approved', value: 12 },
    ],
  });
  await app.call('planning.getFigures', {});
  doing = 'settings';
  await app.call('data.saveSettings', { backupKeep: 4 });
  await app.call('data.getSettings', {});
  await app.call('alerts.setThresholds', (await app.call('alerts.getThresholds', {})).thresholds);
  doing = 'backup';
  const backup = await app.call('data.backupNow', {});
  await app.call('data.listBackups', {});
  doing = 'restore';
  await app.call('data.restoreBackup', { path: backup.path });
  doing = 'purge';
  const due = await app.call('data.listPurgeDue', {});
  expect(due.households.length).toBeGreaterThan(0);
  await app.call('data.purgeHouseholds', {});
}

beforeAll(async () => {
  const app = await testApp({ today: TODAY });
  const db = app.ctx.store.db;
  indexes = partialIndexes(db);
  const recorder = recordBoundPlans(indexes, () => doing);
  try {
    doing = 'sample';
    generateSample(db, { households: 300, seed: 11, today: TODAY });
    await records(app);
    await importAndUndo(app);
    await lists(app);
    await home(app);
    await reports(app);
    await morePaths(app);
  } finally {
    recorder.stop();
  }
  plans = recorder.plans();
  triggers = triggerPlans(app.ctx.store.db);
  triggerCount = app.ctx.store.db
    .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'")
    .pluck()
    .get() as number;
});

/** Each use of a partial index: the index, where the statement was prepared, what ran it, and whether a bound value chose it. */
function usesOf(plan: BoundPlan, names: Set<string>) {
  return plan.plan.flatMap((line) => {
    const index = /\bINDEX (\w+)/.exec(line)?.[1];
    if (!index || !names.has(index)) return [];
    const named = new RegExp(`\\bINDEX(?:ED BY)? ${index}\\b`);
    const byValue = !(plan.nullPlan ?? []).some((l) => named.test(l));
    // Named in the statement's own SQL: declared where it is written.
    const indexedBy = new RegExp(`\\bINDEXED BY ${index}\\b`, 'i').test(plan.sql);
    return [{ index, site: plan.site, during: plan.during, line, byValue, indexedBy }];
  });
}

const allows = (u: ReturnType<typeof usesOf>[number]) =>
  u.indexedBy ||
  (PARTIAL_INDEX_USES[u.index] ?? []).some(
    (a) => a.site === u.site && a.during.test(u.during) && (!u.byValue || a.byValue === true),
  );

describe('partial indexes', () => {
  it('are each taken only by the statements partial-index-uses.ts allows, planned with the values bound', () => {
    const names = new Set(indexes.map((i) => i.name));
    expect(names.has('episodes_by_kinship')).toBe(true);
    const unexpected = plans.flatMap((p) =>
      usesOf(p, names)
        .filter((u) => !allows(u))
        .map(
          (u) =>
            `${u.index} taken by ${u.site} during ${u.during}` +
            (u.byValue
              ? ` only because of a value bound (every value NULL: ${p.nullPlan!.join('; ')})`
              : '') +
            `:\n  ${u.line}\n  ${p.sql.replace(/\s+/g, ' ').slice(0, 500)}\n  with ${JSON.stringify(p.params).slice(0, 200)}`,
        ),
    );
    expect(unexpected, unexpected.join('\n\n')).toEqual([]);
  });

  it('allows no index the schema does not have, and no use the app no longer makes', () => {
    const names = new Set(indexes.map((i) => i.name));
    expect(Object.keys(PARTIAL_INDEX_USES).filter((i) => !names.has(i))).toEqual([]);
    const seen = plans.flatMap((p) => usesOf(p, names));
    const stale = Object.entries(PARTIAL_INDEX_USES).flatMap(([index, allowed]) =>
      allowed
        .filter((a) => !seen.some((u) => u.index === index && u.site === a.site && a.during.test(u.during)))
        .map((a) => `${index}: ${a.site} during ${a.during}`),
    );
    expect(stale).toEqual([]);
  });

  it('are each taken by some statement, or said to be unused and why', () => {
    const names = new Set(indexes.map((i) => i.name));
    const taken = new Set(plans.flatMap((p) => usesOf(p, names).map((u) => u.index)));
    expect(
      [...names].filter((n) => !taken.has(n) && !(n in UNUSED_PARTIAL_INDEXES)),
      'partial indexes no statement took',
    ).toEqual([]);
    expect(
      Object.keys(UNUSED_PARTIAL_INDEXES).filter((n) => taken.has(n) || !names.has(n)),
      'said to be unused, but taken (or gone)',
    ).toEqual([]);
  });
});

/** What morePaths drives: its statements are held to use an index on the big tables. */
const MORE_PATHS =
  /^(xlsx import|register import|register reimport|kinship steps|hand correction|planning figures|settings|backup|restore|purge)$/;
const BIG_TABLES = ['households', 'episodes', 'milestones', 'audit_log', 'household_people', 'closures'];
/** The names a plan gives a big table in this SQL: its own, and any alias (`FROM households h`). */
function bigNames(sql: string): Set<string> {
  const names = new Set(BIG_TABLES);
  for (const m of sql.matchAll(new RegExp(`\\b(?:${BIG_TABLES.join('|')})\\s+(?:AS\\s+)?(\\w+)`, 'gi')))
    names.add(m[1]!);
  return names;
}
const scanned = (line: string, names: Set<string> | null) => {
  const m = /^SCAN (\w+)/.exec(line);
  return m !== null && (names === null || names.has(m[1]!));
};
/** A trigger's statement runs once for each row written: a scan of any table there is held to the rule. */
const scannedBy = (p: BoundPlan) => (p.during === 'trigger' ? null : bigNames(p.sql));

describe('imports of workbooks and registers, dated steps, corrections, figures, settings, backup, restore and purge', () => {
  it('scan none of the big tables whole, but where full-scans.ts says why', () => {
    const scans = [...plans.filter((p) => MORE_PATHS.test(p.during)), ...triggers].flatMap((p) =>
      p.plan
        .filter((l) => scanned(l, scannedBy(p)))
        .filter((l) => !FULL_SCANS.some((a) => a.site === p.site && a.line === l && a.during.test(p.during)))
        .map((l) => `${l} by ${p.site} during ${p.during}:\n  ${p.sql.replace(/\s+/g, ' ').slice(0, 400)}`),
    );
    expect([...new Set(scans)], [...new Set(scans)].join('\n\n')).toEqual([]);
  });

  it('allow in full-scans.ts no scan the app no longer makes', () => {
    const made = [...plans.filter((p) => MORE_PATHS.test(p.during)), ...triggers];
    const stale = FULL_SCANS.filter(
      (a) => !made.some((p) => p.site === a.site && a.during.test(p.during) && p.plan.includes(a.line)),
    ).map((a) => `${a.site}: '${a.line}' during ${a.during} (${a.why})`);
    expect(stale, `full-scans.ts entries no statement matched:\n${stale.join('\n')}`).toEqual([]);
  });

  it("plan each trigger's statements (an INSERT … VALUES reads no table: its plan is empty)", () => {
    expect(triggerCount).toBeGreaterThan(0);
    expect(new Set(triggers.map((t) => t.site)).size).toBe(triggerCount);
  });

  it('are each driven', () => {
    const seen = new Set(plans.map((p) => p.during));
    expect(
      MORE_PATHS.source
        .slice(2, -2)
        .split('|')
        .filter((d) => !seen.has(d)),
    ).toEqual([]);
  });
});
