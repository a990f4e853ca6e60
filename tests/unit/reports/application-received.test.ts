import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applicationReceivedSql, pathwayAtSql } from '../../../src-main/db/journey-sql.ts';
import { APPLICATION_STAGE1 } from '../../../src-main/db/migrations/0019-episode-first-switch.ts';
import { APPLICATION_BASES, applicationReceived } from '../../../src-main/domain/journey-dates.ts';
import { otherPathway, pathwayOn } from '../../../src-main/domain/episode-pathway.ts';
import type { Pathway } from '../../../src-main/domain/stages.ts';

/**
 * "Application received" is one rule written twice: in TypeScript for the alerts and the
 * household's page (domain/journey-dates.ts) and in SQL for the reports (db/journey-sql.ts).
 * Both are evaluated here on the same episodes (the SQL in an in-memory SQLite), so they cannot
 * drift apart.
 */
interface Ep {
  pathway: Pathway;
  switched_on: string | null;
  switched_to: Pathway | null;
  first_switched_on: string | null;
  eoi: string | null;
  stage1: string | null;
  viability_request: string | null;
}

const ep = (e: Partial<Ep>): Ep => ({
  pathway: 'mainstream',
  switched_on: null,
  switched_to: null,
  first_switched_on: null,
  eoi: null,
  stage1: null,
  viability_request: null,
  ...e,
});

/** Hand-worked cases: [what, episode, on the Stage 1 basis, on the EOI basis]. */
const CASES: Array<[string, Ep, string | null, string | null]> = [
  [
    'mainstream with a Stage 1 start',
    ep({ eoi: '2024-03-01', stage1: '2024-05-01' }),
    '2024-05-01',
    '2024-03-01',
  ],
  ['mainstream, EOI only', ep({ eoi: '2024-03-01' }), null, '2024-03-01'],
  [
    'kinship, viability request, no Stage 1',
    ep({ pathway: 'kinship', viability_request: '2024-06-01' }),
    '2024-06-01',
    '2024-06-01',
  ],
  [
    'kinship, viability request in 2024/25 and Stage 1 in 2025/26',
    ep({ pathway: 'kinship', viability_request: '2025-03-01', stage1: '2025-05-01' }),
    '2025-03-01',
    '2025-03-01',
  ],
  [
    'kinship, EOI after the viability request',
    ep({ pathway: 'kinship', viability_request: '2024-06-01', eoi: '2024-07-01', stage1: '2024-09-01' }),
    '2024-06-01',
    '2024-06-01',
  ],
  [
    'mainstream switched to kinship after its Stage 1 start: the Stage 1 start stays',
    ep({
      stage1: '2024-05-01',
      switched_on: '2025-06-01',
      switched_to: 'kinship',
      viability_request: '2025-06-10',
    }),
    '2024-05-01',
    '2024-05-01',
  ],
  [
    'kinship switched to mainstream after its viability request: the request stays',
    ep({
      pathway: 'kinship',
      viability_request: '2024-06-01',
      switched_on: '2024-08-01',
      switched_to: 'mainstream',
      stage1: '2024-10-01',
    }),
    '2024-06-01',
    '2024-06-01',
  ],
  [
    'a viability request dated before a switch to kinship is not a kinship application',
    ep({
      viability_request: '2024-06-01',
      switched_on: '2024-07-01',
      switched_to: 'kinship',
      stage1: '2024-09-01',
    }),
    '2024-09-01',
    '2024-09-01',
  ],
  [
    'kinship with a Stage 1 start before the viability request: the earlier counts',
    ep({ pathway: 'kinship', stage1: '2024-05-01', viability_request: '2024-06-01' }),
    '2024-05-01',
    '2024-05-01',
  ],
  [
    'kinship, same day',
    ep({ pathway: 'kinship', stage1: '2024-05-01', viability_request: '2024-05-01' }),
    '2024-05-01',
    '2024-05-01',
  ],
  ['kinship with nothing yet', ep({ pathway: 'kinship' }), null, null],
  [
    'mainstream, kinship from June, mainstream again later: the request between the switches is kinship',
    ep({
      viability_request: '2024-06-10',
      first_switched_on: '2024-06-01',
      switched_on: '2026-01-01',
      switched_to: 'mainstream',
      stage1: '2024-07-01',
    }),
    '2024-06-10',
    '2024-06-10',
  ],
  [
    'kinship, mainstream from June, kinship again later: the request between the switches is not kinship',
    ep({
      pathway: 'kinship',
      viability_request: '2024-06-10',
      first_switched_on: '2024-06-01',
      switched_on: '2026-01-01',
      switched_to: 'kinship',
      stage1: '2024-07-01',
    }),
    '2024-07-01',
    '2024-07-01',
  ],
];

const DATES = [null, '2024-05-01', '2024-06-01', '2024-07-01'];
const PATHWAYS: Pathway[] = ['mainstream', 'kinship'];
/** [first of two switches, last switch]: none, one, or two (on days around the dates above). */
const SWITCHES: Array<[string | null, string | null]> = [
  [null, null],
  ...DATES.slice(1).map((d): [null, string] => [null, d!]),
  ['2024-05-01', '2024-06-01'],
  ['2024-05-15', '2024-07-01'],
  ['2024-06-01', '2024-07-01'],
  ['2024-04-01', '2024-08-01'],
];

/** Every combination of the columns over a few dates: the two rules must agree on each. */
function everyEpisode(): Ep[] {
  const out: Ep[] = [];
  for (const pathway of PATHWAYS)
    for (const [first, sw] of SWITCHES)
      for (const eoi of DATES)
        for (const stage1 of DATES)
          for (const viability_request of DATES)
            out.push({
              pathway,
              switched_on: sw,
              // One switch goes to the other pathway; a second comes back.
              switched_to: sw ? (first ? pathway : otherPathway(pathway)) : null,
              first_switched_on: first,
              eoi,
              stage1,
              viability_request,
            });
  return out;
}

function sqlValues(episodes: Ep[], basis: (typeof APPLICATION_BASES)[number]): Array<string | null> {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE TABLE episodes (id INTEGER PRIMARY KEY, pathway TEXT NOT NULL, switched_on TEXT,
      switched_to TEXT, first_switched_on TEXT, eoi TEXT, stage1 TEXT, viability_request TEXT) STRICT`);
    const insert = db.prepare(
      `INSERT INTO episodes (id, pathway, switched_on, switched_to, first_switched_on, eoi, stage1, viability_request)
       VALUES (@id, @pathway, @switched_on, @switched_to, @first_switched_on, @eoi, @stage1, @viability_request)`,
    );
    episodes.forEach((e, id) => insert.run({ id, ...e }));
    return db
      .prepare<[], { v: string | null }>(
        `SELECT ${applicationReceivedSql(basis, 'e')} AS v FROM episodes e ORDER BY id`,
      )
      .all()
      .map((r) => r.v);
  } finally {
    db.close();
  }
}

describe('application received', () => {
  it.each(CASES)('%s', (_what, e, onStage1, onEoi) => {
    expect(applicationReceived(e, 'stage1')).toBe(onStage1);
    expect(applicationReceived(e, 'eoi')).toBe(onEoi);
    expect(sqlValues([e], 'stage1')).toEqual([onStage1]);
    expect(sqlValues([e], 'eoi')).toEqual([onEoi]);
  });

  it.each(APPLICATION_BASES)('the SQL and the domain rule agree on every episode (%s basis)', (basis) => {
    const episodes = everyEpisode();
    expect(episodes.length).toBeGreaterThan(500);
    expect(sqlValues(episodes, basis)).toEqual(episodes.map((e) => applicationReceived(e, basis)));
  });

  it("migration 19's index holds the rule's own expression (else SQLite would not use it)", () => {
    expect(APPLICATION_STAGE1).toBe(applicationReceivedSql('stage1', ''));
  });

  it('the pathway at a date: the SQL and the domain rule agree, with no, one or two switches', () => {
    const episodes = everyEpisode();
    const days = ['2024-03-31', ...DATES.slice(1), '2024-05-15', '2024-08-01', '2026-01-01'] as string[];
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE TABLE episodes (pathway TEXT NOT NULL, switched_on TEXT, switched_to TEXT,
        first_switched_on TEXT) STRICT`);
      const at = db.prepare<[Record<string, string | null>], string>(
        `SELECT ${pathwayAtSql('@d', 'e.')} FROM (SELECT @pathway AS pathway, @switched_on AS switched_on,
          @switched_to AS switched_to, @first_switched_on AS first_switched_on) e`,
      );
      let checked = 0;
      for (const e of episodes) {
        for (const d of days) {
          const sql = at.pluck().get({
            d,
            pathway: e.pathway,
            switched_on: e.switched_on,
            switched_to: e.switched_to,
            first_switched_on: e.first_switched_on,
          });
          expect(sql, JSON.stringify([e, d])).toBe(pathwayOn(e, d));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    } finally {
      db.close();
    }
    // The two switches of an episode: on the enquiry's pathway, then the other, then back.
    const twice = {
      pathway: 'mainstream' as const,
      first_switched_on: '2024-06-01',
      switched_on: '2026-01-01',
      switched_to: 'mainstream' as const,
    };
    expect(['2024-05-31', '2024-06-01', '2025-12-31', '2026-01-01'].map((d) => pathwayOn(twice, d))).toEqual([
      'mainstream',
      'kinship',
      'kinship',
      'mainstream',
    ]);
  });
});
