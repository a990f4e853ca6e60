import type { Db } from '../../../src-main/db/open.ts';
import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';

/**
 * Households written straight into a real database with SQL, so each test states the
 * exact facts its hand-computed expectations count; then the summary columns are brought
 * up to date as every writer must (the cohort's "still open" reads the current status).
 */
export interface EpisodeFacts {
  milestones: Partial<
    Record<'enquiry' | 'initial_visit' | 'eoi' | 'stage1' | 'stage2' | 'panel' | 'approval', string>
  >;
  closure?: {
    date: string;
    stage: 'enquiry' | 'eoi' | 'stage1' | 'stage2' | 'panel';
    reason: string;
    endedBy: 'applicant' | 'service' | 'lost_contact';
    interview?: 'offered' | 'held' | 'declined';
  };
}

export interface HouseholdFacts {
  reference: string;
  pathway?: 'mainstream' | 'kinship';
  source?: string | null;
  episodes: EpisodeFacts[];
  cessation?: { date: string; reason: string };
}

export function addHousehold(db: Db, h: HouseholdFacts): number {
  const now = '2026-01-01T00:00:00Z';
  const id = db
    .prepare(
      `INSERT INTO households (reference, pathway, first_name, surname, source, episode, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      h.reference,
      h.pathway ?? 'mainstream',
      'Test',
      h.reference,
      h.source ?? null,
      h.episodes.length,
      now,
      now,
    ).lastInsertRowid as number;
  h.episodes.forEach((ep, i) => {
    for (const [kind, date] of Object.entries(ep.milestones)) {
      db.prepare('INSERT INTO milestones (household_id, episode, kind, date) VALUES (?, ?, ?, ?)').run(
        id,
        i + 1,
        kind,
        date,
      );
    }
    if (ep.closure) {
      const c = ep.closure;
      const closureId = db
        .prepare(
          `INSERT INTO closures (household_id, episode, date, stage_reached, reason_key, ended_by)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, i + 1, c.date, c.stage, c.reason, c.endedBy).lastInsertRowid as number;
      if (c.interview) {
        db.prepare(
          'INSERT INTO exit_interviews (household_id, closure_id, status, offered_date) VALUES (?, ?, ?, ?)',
        ).run(id, closureId, c.interview, c.date);
      }
    }
  });
  if (h.cessation) {
    db.prepare('INSERT INTO cessations (household_id, date, reason_key) VALUES (?, ?, ?)').run(
      id,
      h.cessation.date,
      h.cessation.reason,
    );
  }
  refreshSummaries(db, [id], '2026-11-26');
  return id;
}

/**
 * Households that each enquired on 01/05/2025 and were closed at enquiry on 02/06/2025 by the
 * applicant: `counts` closures for each reason, referenced `prefix`1, `prefix`2, ... (Home's top
 * drop-out reasons, read through the contract and in Chromium).
 */
export function addClosures(db: Db, prefix: string, counts: Record<string, number>): void {
  let n = 0;
  db.transaction(() => {
    for (const [reason, count] of Object.entries(counts))
      for (let i = 0; i < count; i++) {
        n += 1;
        addHousehold(db, {
          reference: `${prefix}${n}`,
          episodes: [
            {
              milestones: { enquiry: '2025-05-01' },
              closure: { date: '2025-06-02', stage: 'enquiry', reason, endedBy: 'applicant' },
            },
          ],
        });
      }
  })();
}

/**
 * The shared small fixture (see the expectations in each test):
 * - H1 enquires on 31 March 2023 (2022/23), EOI on 1 April 2023 (2023/24), Stage 1 and Stage 2 a day
 *   apart (overlapping), panel and approval in 2023/24, ceases 30 June 2024.
 * - H2 enquires, is closed (lost contact), then re-enquires on 29 February 2024 (a leap day), reaches EOI
 *   and is closed again on 1 April 2024 with an exit interview held.
 * - H3 is kinship: everything in 2023/24; it must never appear in mainstream figures.
 * - H4 enquires on 1 April 2024 and is still open.
 * - H5 was approved in 2021 and ceased on 1 April 2023.
 * - H6 goes from enquiry to approval with application to panel over 8 months.
 * - H7 is a kinship drop-out.
 */
export function addSmallFixture(db: Db): void {
  db.transaction(() => {
    addHousehold(db, {
      reference: 'H1',
      source: 'website',
      episodes: [
        {
          milestones: {
            enquiry: '2023-03-31',
            eoi: '2023-04-01',
            stage1: '2023-05-01',
            stage2: '2023-05-02',
            panel: '2023-12-01',
            approval: '2023-12-08',
          },
        },
      ],
      cessation: { date: '2024-06-30', reason: 'personal_circumstances' },
    });
    addHousehold(db, {
      reference: 'H2',
      source: 'event',
      episodes: [
        {
          milestones: { enquiry: '2022-06-01' },
          closure: { date: '2022-07-01', stage: 'enquiry', reason: 'lost_contact', endedBy: 'lost_contact' },
        },
        {
          milestones: { enquiry: '2024-02-29', eoi: '2024-03-10' },
          closure: {
            date: '2024-04-01',
            stage: 'eoi',
            reason: 'circumstances',
            endedBy: 'applicant',
            interview: 'held',
          },
        },
      ],
    });
    addHousehold(db, {
      reference: 'H3',
      pathway: 'kinship',
      source: 'other',
      episodes: [
        {
          milestones: {
            enquiry: '2023-05-05',
            eoi: '2023-05-10',
            stage1: '2023-06-01',
            stage2: '2023-08-01',
            panel: '2024-01-10',
            approval: '2024-01-20',
          },
        },
      ],
    });
    addHousehold(db, {
      reference: 'H4',
      source: 'website',
      episodes: [{ milestones: { enquiry: '2024-04-01' } }],
    });
    addHousehold(db, {
      reference: 'H5',
      source: 'radio',
      episodes: [
        {
          milestones: {
            enquiry: '2020-01-01',
            eoi: '2020-02-01',
            stage1: '2020-03-01',
            stage2: '2020-05-01',
            panel: '2021-01-01',
            approval: '2021-01-10',
          },
        },
      ],
      cessation: { date: '2023-04-01', reason: 'permanence' },
    });
    addHousehold(db, {
      reference: 'H6',
      source: 'carer_referral',
      episodes: [
        {
          milestones: {
            enquiry: '2023-06-01',
            eoi: '2023-06-15',
            stage1: '2023-07-01',
            stage2: '2023-09-01',
            panel: '2024-06-01',
            approval: '2024-06-10',
          },
        },
      ],
    });
    addHousehold(db, {
      reference: 'H7',
      pathway: 'kinship',
      episodes: [
        {
          milestones: { enquiry: '2023-01-10' },
          closure: { date: '2023-02-01', stage: 'enquiry', reason: 'other', endedBy: 'service' },
        },
      ],
    });
  })();
}

/** The values of one row, by column key; fails loudly when the row is missing. */
export function rowOf<R extends { key: string; values: Record<string, unknown> }>(
  rows: readonly R[],
  key: string,
): Record<string, unknown> {
  const row = rows.find((r) => r.key === key);
  if (!row) throw new Error(`No row ${key} in ${rows.map((r) => r.key).join(', ')}`);
  return row.values;
}
