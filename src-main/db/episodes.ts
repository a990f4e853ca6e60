import { rowBuffer, type RowBuffer } from './bulk-insert.ts';
import type { Db } from './handle.ts';
import {
  EXIT_INTERVIEW_STATUSES,
  MILESTONES,
  PATHWAYS,
  stageReached,
  type Pathway,
} from '../domain/stages.ts';
import { sqlStringList, stageReachedSql } from './journey-sql.ts';
import { JOURNEY_DATE_KINDS } from '../domain/journey-dates.ts';
import { type EpisodePathway } from '../domain/episode-pathway.ts';

/**
 * The episodes table: one row per household episode (an enquiry and what followed it), the
 * record every report reads. It is kept by `refreshEpisodes`, called by refreshSummaries in the
 * same transaction as any change to a household's facts, so it can never disagree with them.
 *
 * Invariants (what makes published years stay published):
 * - `pathway` is the pathway as at the episode's enquiry, from the dated pathway switches; a
 *   switch inside the episode is `switched_on`/`switched_to`: events from that date count under it;
 *   an episode switched twice (at most: domain/journey.ts) also has the first one's date,
 *   `first_switched_on`: from it until the day before `switched_on` it counts under the other
 *   pathway (db/journey-sql.ts `pathwayAtSql`).
 * - `source` and `household_type` are the household's as at that enquiry: only the current
 *   episode follows edits to the household; an earlier episode keeps what it had.
 */
export interface EpisodeRow {
  household_id: number;
  episode: number;
  pathway: Pathway;
  switched_on: string | null;
  switched_to: Pathway | null;
  /** Switched twice: the first switch's date (null with none or one): migration 19. */
  first_switched_on: string | null;
  source: string | null;
  household_type: string | null;
  enquiry: string | null;
  initial_visit: string | null;
  eoi: string | null;
  stage1: string | null;
  stage2: string | null;
  panel: string | null;
  approval: string | null;
  stage_reached: string;
  closed_on: string | null;
  closed_stage: string | null;
  closed_reason: string | null;
  ended_by: string | null;
  /** The status of the closure's exit interview (offered, held, declined), if one is recorded. */
  exit_interview: string | null;
  ceased_on: string | null;
  ceased_reason: string | null;
  /** The episode's journey dates (journey_dates, one per kind): see domain/journey-dates.ts. */
  /** All Stage 1 information obtained: migration 23. */
  stage1_information: string | null;
  panel_minutes: string | null;
  viability_request: string | null;
  viability_outcome: string | null;
  viability_result: 'positive' | 'negative' | null;
  reg24_placement: string | null;
  extension: string | null;
  irm_pending_from: string | null;
  irm_pending_to: string | null;
  /**
   * The exit interview after the cessation (on the episode holding `ceased_on`): its status, 1 or 0
   * where the carer said they might or might not return later, and the leaving reasons given as a
   * JSON array of keys in key order (null for none): migration 25.
   */
  cessation_exit_interview: string | null;
  cessation_might_return: 0 | 1 | null;
  cessation_exit_reasons: string | null;
}

/** Columns copied from journey_dates: each kind's date, and the viability outcome's result. */
const JOURNEY_COLUMNS = [...JOURNEY_DATE_KINDS, 'viability_result'] as const;

/**
 * The journey columns migration 7 made, in its order: EPISODES_DDL is migration 7's table, and a
 * database at any version must be the one its migrations made (db/schema-check.ts builds the
 * expected schema by running them). A kind added since has its column added by its own migration
 * (23: `stage1_information`), at the end of the table.
 */
const V7_JOURNEY_COLUMNS = [
  'panel_minutes',
  'viability_request',
  'viability_outcome',
  'reg24_placement',
  'extension',
  'irm_pending_from',
  'irm_pending_to',
  'viability_result',
] as const satisfies ReadonlyArray<(typeof JOURNEY_COLUMNS)[number]>;

const MILESTONE_COLUMNS = MILESTONES.join(', ');

/** The cessation's exit interview (migration 25, at the end of the table): see EpisodeRow. */
const CESSATION_INTERVIEW_COLUMNS = [
  'cessation_exit_interview',
  'cessation_might_return',
  'cessation_exit_reasons',
] as const;

/** Every column of an episode row but its key (household_id, episode). */
export const EPISODE_COLUMNS: readonly string[] = [
  'pathway',
  'switched_on',
  'switched_to',
  'first_switched_on',
  'source',
  'household_type',
  ...MILESTONES,
  'stage_reached',
  'closed_on',
  'closed_stage',
  'closed_reason',
  'ended_by',
  'exit_interview',
  'ceased_on',
  'ceased_reason',
  ...JOURNEY_COLUMNS,
  ...CESSATION_INTERVIEW_COLUMNS,
];

/**
 * The pathway columns the indexes carried at migration 7. Since migration 19 every index also
 * carries `first_switched_on` after them (what `pathwayAtSql` reads); these are migration 7's.
 */
const PATHWAY_COLUMNS = 'pathway, switched_on, switched_to';

/**
 * The indexes of the episodes table as migration 7 made them (what each serves: see EPISODES_DDL).
 * Later migrations change them in their own files: 9 adds approval and closed_on to episodes_by_stage1;
 * 14 adds episodes_by_application (application received, db/journey-sql.ts) and the viability
 * request to episodes_by_panel; 15 adds the viability request to episodes_by_enquiry; 18 adds
 * the first of two switches to every one; 21 adds the panel minutes to episodes_by_approval, and episodes_by_initial_visit.
 */
const INDEXES: Record<string, string> = {
  episodes_by_enquiry: `(enquiry, source, ${PATHWAY_COLUMNS}, closed_on, eoi, stage1, stage2, panel, approval)`,
  episodes_by_eoi: `(eoi, enquiry, ${PATHWAY_COLUMNS}) WHERE eoi IS NOT NULL`,
  episodes_by_stage1: `(stage1, enquiry, ${PATHWAY_COLUMNS}) WHERE stage1 IS NOT NULL`,
  episodes_by_stage2: `(stage2, eoi, enquiry, ${PATHWAY_COLUMNS}) WHERE stage2 IS NOT NULL`,
  episodes_by_panel: `(panel, stage2, stage1, eoi, enquiry, ${PATHWAY_COLUMNS}) WHERE panel IS NOT NULL`,
  episodes_by_approval: `(approval, panel, enquiry, ${PATHWAY_COLUMNS}, ceased_on, ceased_reason) WHERE approval IS NOT NULL`,
  episodes_by_closure: `(closed_reason, closed_stage, ended_by, exit_interview, closed_on, ${PATHWAY_COLUMNS}) WHERE closed_on IS NOT NULL`,
};
const CREATE_INDEXES = Object.entries(INDEXES)
  .map(([name, definition]) => `CREATE INDEX ${name} ON episodes ${definition};`)
  .join('\n');

/**
 * The table, as migration 7 creates it (kept here beside its row type and refresh; later
 * migrations change it in their own files: 19 adds `first_switched_on`, 23 `stage1_information`,
 * 25 the cessation's exit interview with its index episodes_by_cessation).
 *
 * Keyed by (household, episode) without a rowid, so every index also carries the household and
 * episode: a report's drill-down reads the same index as its count. Each report reads one
 * covering index in its own order (no lookup per episode, and rarely a sort):
 * - by enquiry: the funnel's enquiries, the cohort (reached, open) and the sources table, each
 *   in one pass grouped by enquiry day;
 * - one partial index per later milestone, only its episodes (a minority), with the earlier
 *   dates the timescales pair it with and the enquiry the cohort's days count from;
 * - by closure reason, stage, who ended it and exit interview: the three drop-out views in one
 *   pass, in group order;
 * - approval also carries the cessation: retention and leaving read only approved episodes;
 * - Stage 1 also carries approval and closure since migration 9: the Ofsted return's
 *   applications in progress at 31 March.
 */
export const EPISODES_DDL = `
  CREATE TABLE episodes (
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    episode INTEGER NOT NULL,
    pathway TEXT NOT NULL CHECK (pathway IN ${sqlStringList(PATHWAYS)}),
    switched_on TEXT,
    switched_to TEXT CHECK (switched_to IN ${sqlStringList(PATHWAYS)}),
    source TEXT,
    household_type TEXT,
    ${MILESTONES.map((m) => `${m} TEXT`).join(',\n    ')},
    stage_reached TEXT NOT NULL,
    closed_on TEXT,
    closed_stage TEXT,
    closed_reason TEXT,
    ended_by TEXT,
    exit_interview TEXT CHECK (exit_interview IN ${sqlStringList(EXIT_INTERVIEW_STATUSES)}),
    ceased_on TEXT,
    ceased_reason TEXT,
    ${V7_JOURNEY_COLUMNS.map((c) => `${c} TEXT`).join(',\n    ')},
    PRIMARY KEY (household_id, episode)
  ) STRICT, WITHOUT ROWID;
${CREATE_INDEXES}
`;

/**
 * The day an episode starts: its enquiry or, where none is recorded (a carers register's
 * household holds its approval alone), its earliest recorded date (milestones run in order, so
 * the first recorded one), else its closure. Its pathway is the one on that day, and a switch
 * from it on is its own: read from the enquiry alone, a household with none took every switch as
 * dated before the episode, so a register household switched today read as on the new pathway
 * since its approval, moving years already returned.
 */
const START = `COALESCE(${[...MILESTONES.map((m) => `x.${m}`), 'x.closed_on'].join(', ')})`;

/**
 * Rebuilds the episode rows of the households chosen by `where` (a condition on households
 * `h`; named parameters allowed). One statement for one household or for all of them.
 * `has`: the columns the table has, when a migration rebuilds it (rebuildAllEpisodes reads them):
 * a column added by a later migration (`first_switched_on` by 19, the journey columns since 7, the
 * cessation's exit interview by 25) is left out, so a migration writes the table it has, not
 * today's. Without it, today's table.
 */
function rebuildSql(where: string, has?: ReadonlySet<string>): string {
  const exists = (column: string) => !has || has.has(column);
  const firstSwitch = exists('first_switched_on');
  const journey = JOURNEY_COLUMNS.filter(exists);
  const cessationInterview = CESSATION_INTERVIEW_COLUMNS.every(exists);
  const kinds = JOURNEY_DATE_KINDS.filter((k) => journey.includes(k));
  const chosen = `SELECT h.id FROM households h WHERE ${where}`;
  // The pathway an episode starts on: the "from" of the first switch on or after its enquiry, else
  // the current one. On or after: a switch dated on the enquiry day is the episode's own (lastSwitch
  // below, and the engine's episodeSwitches, count it inside), so the day before it was on "from".
  // Only households that ever switched pay for the lookups.
  const pathwayAt = (date: string) =>
    `CASE WHEN x.switched THEN COALESCE((SELECT pc.from_pathway FROM pathway_changes pc
        WHERE pc.household_id = x.hid AND pc.date >= ${date} ORDER BY pc.date, pc.id LIMIT 1), x.current_pathway)
      ELSE x.current_pathway END`;
  // A switch inside the episode: from its start up to the next episode's enquiry.
  const lastSwitch = (col: string) =>
    `CASE WHEN x.switched THEN (SELECT pc.${col} FROM pathway_changes pc WHERE pc.household_id = x.hid
        AND pc.date >= ${START} AND (x.next_enquiry IS NULL OR pc.date < x.next_enquiry)
        ORDER BY pc.date DESC, pc.id DESC LIMIT 1) END`;
  // The first of two switches inside the episode (of one: none). Of more, from before the engine
  // refused a third (migration 19): the first of an even number, none for an odd one.
  const firstOfTwo = `CASE WHEN x.switched THEN (SELECT MIN(pc.date) FROM pathway_changes pc
        WHERE pc.household_id = x.hid AND pc.date >= ${START} AND (x.next_enquiry IS NULL OR pc.date < x.next_enquiry)
        HAVING COUNT(*) % 2 = 0) END`;
  // The cessation's exit interview goes with the cessation, on the latest approved episode.
  const interview = cessationInterview
    ? {
        columns: ` ${CESSATION_INTERVIEW_COLUMNS.join(', ')},`,
        values: `
      CASE WHEN x.ep = x.approved_ep THEN ce.status END,
      CASE WHEN x.ep = x.approved_ep THEN ce.might_return END,
      CASE WHEN x.ep = x.approved_ep THEN (SELECT json_group_array(r.reason_key ORDER BY r.reason_key)
        FROM exit_interview_reasons r WHERE r.interview_id = ce.id HAVING COUNT(*) > 0) END,`,
        join: ' LEFT JOIN exit_interviews ce ON ce.cessation_id = cs.id',
        update: ` ${CESSATION_INTERVIEW_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},`,
      }
    : { columns: '', values: '', join: '', update: '' };
  return `
    WITH ms AS (
      SELECT household_id AS hid, episode AS ep,
        ${MILESTONES.map((m) => `MAX(CASE kind WHEN '${m}' THEN date END) AS ${m}`).join(', ')}
      FROM milestones WHERE household_id IN (${chosen}) GROUP BY household_id, episode
    ),
    jd AS (
      SELECT household_id AS hid, episode AS ep,
        ${kinds.map((j) => `MAX(CASE kind WHEN '${j}' THEN date END) AS ${j}`).join(', ')},
        MAX(CASE kind WHEN 'viability_outcome' THEN detail END) AS viability_result
      FROM journey_dates WHERE household_id IN (${chosen}) GROUP BY household_id, episode
    ),
    -- Every episode a household has: from its milestones, its closures and its current episode.
    k AS (
      SELECT hid, ep FROM ms
      UNION SELECT household_id, episode FROM closures WHERE household_id IN (${chosen})
      UNION SELECT h.id, h.episode FROM households h WHERE ${where}
    ),
    x AS (
      SELECT k.hid, k.ep, h.pathway AS current_pathway, h.source AS h_source, h.household_type AS h_type,
        EXISTS (SELECT 1 FROM pathway_changes pc WHERE pc.household_id = k.hid) AS switched,
        (SELECT MIN(n.enquiry) FROM ms n WHERE n.hid = k.hid AND n.ep > k.ep) AS next_enquiry,
        (SELECT MAX(a.ep) FROM ms a WHERE a.hid = k.hid AND a.approval IS NOT NULL) AS approved_ep,
        ${MILESTONES.map((m) => `ms.${m}`).join(', ')},
        ${journey.map((c) => `jd.${c}`).join(', ')},
        c.date AS closed_on, c.stage_reached AS closed_stage, c.reason_key AS closed_reason, c.ended_by,
        (SELECT ei.status FROM exit_interviews ei WHERE ei.closure_id = c.id) AS exit_interview
      FROM k
      JOIN households h ON h.id = k.hid
      LEFT JOIN ms ON ms.hid = k.hid AND ms.ep = k.ep
      LEFT JOIN jd ON jd.hid = k.hid AND jd.ep = k.ep
      LEFT JOIN closures c ON c.household_id = k.hid AND c.episode = k.ep
    )
    INSERT INTO episodes (household_id, episode, pathway, switched_on, switched_to,${firstSwitch ? ' first_switched_on,' : ''} source, household_type,
      ${MILESTONE_COLUMNS}, stage_reached, closed_on, closed_stage, closed_reason, ended_by, exit_interview,
      ceased_on, ceased_reason,${interview.columns}
      ${journey.join(', ')})
    SELECT x.hid, x.ep,
      ${pathwayAt(START)},
      ${lastSwitch('date')}, ${lastSwitch('to_pathway')},${firstSwitch ? ` ${firstOfTwo},` : ''}
      x.h_source, x.h_type,
      ${MILESTONES.map((m) => `x.${m}`).join(', ')},
      ${stageReachedSql('x.')},
      x.closed_on, x.closed_stage, x.closed_reason, x.ended_by, x.exit_interview,
      -- A cessation ends the approval, which belongs to the household's latest approved episode.
      CASE WHEN x.ep = x.approved_ep THEN cs.date END,
      CASE WHEN x.ep = x.approved_ep THEN cs.reason_key END,${interview.values}
      ${journey.map((c) => `x.${c}`).join(', ')}
    FROM x LEFT JOIN cessations cs ON cs.household_id = x.hid${interview.join}
    WHERE true
    ON CONFLICT (household_id, episode) DO UPDATE SET
      pathway = excluded.pathway, switched_on = excluded.switched_on, switched_to = excluded.switched_to,
      ${firstSwitch ? 'first_switched_on = excluded.first_switched_on,' : ''}
      -- Only the current episode follows the household's source and type; earlier ones keep theirs.
      source = CASE WHEN episodes.episode = (SELECT episode FROM households WHERE id = episodes.household_id)
                    THEN excluded.source ELSE episodes.source END,
      household_type = CASE WHEN episodes.episode = (SELECT episode FROM households WHERE id = episodes.household_id)
                    THEN excluded.household_type ELSE episodes.household_type END,
      ${MILESTONES.map((m) => `${m} = excluded.${m}`).join(', ')},
      stage_reached = excluded.stage_reached, closed_on = excluded.closed_on, closed_stage = excluded.closed_stage,
      closed_reason = excluded.closed_reason, ended_by = excluded.ended_by,
      exit_interview = excluded.exit_interview, ceased_on = excluded.ceased_on,
      ceased_reason = excluded.ceased_reason,${interview.update}
      ${journey.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}

const statements = new WeakMap<Db, { one: ReturnType<Db['prepare']>; prune: ReturnType<Db['prepare']> }>();

function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      one: db.prepare(rebuildSql('h.id = @id')),
      // An episode whose facts are all gone (an undone import, a merge) leaves no row behind.
      prune: db.prepare(
        `DELETE FROM episodes WHERE household_id = @id AND episode NOT IN (
           SELECT episode FROM milestones WHERE household_id = @id
           UNION SELECT episode FROM closures WHERE household_id = @id
           UNION SELECT episode FROM households WHERE id = @id)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * One episode's pathway as its record holds it (as at its enquiry, and a dated switch inside it):
 * whether a viability request is the application depends on the pathway that day, and the alerts
 * and the household's page read it here rather than working it out again from the switches.
 */
export function episodePathwayReader(
  db: Db,
): (householdId: number, episode: number) => EpisodePathway | undefined {
  const st = db.prepare<[number, number], EpisodePathway>(
    'SELECT pathway, switched_on, switched_to, first_switched_on FROM episodes WHERE household_id = ? AND episode = ?',
  );
  return (householdId, episode) => st.get(householdId, episode);
}

/** Brings one household's episode rows in line with its facts. Call inside the changing transaction. */
export function refreshEpisodes(db: Db, householdId: number): void {
  const s = prepared(db);
  s.one.run({ id: householdId });
  s.prune.run({ id: householdId });
}

/**
 * Builds every household's episodes in one statement (migration 7, and bulk loads). The
 * indexes are built afterwards, one sort each, rather than entry by entry: about a third faster
 * at 200,000 households. They are made again from their own CREATE statements, so the schema is
 * the one the database is at (migration 7's indexes inside migration 7, a later migration's
 * after it). Inside the caller's transaction, so a failure leaves them as they were.
 */
export function rebuildAllEpisodes(db: Db): void {
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'episodes' AND sql IS NOT NULL ORDER BY name",
    )
    .all();
  // Names come from sqlite_master, quoted as identifiers.
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  const has = new Set(db.prepare<[], string>("SELECT name FROM pragma_table_info('episodes')").pluck().all());
  db.exec(rebuildSql('1', has));
  for (const i of indexes) db.exec(i.sql);
}

/** What a new household's only episode is made from (as the import has it in hand). */
export interface NewEpisodeFacts {
  pathway: Pathway;
  source: string | null;
  household_type: string | null;
  milestones: Partial<Record<(typeof MILESTONES)[number], string>>;
  closure: { date: string; stage_reached: string; reason_key: string; ended_by: string } | null;
  cessation: { date: string; reason_key: string } | null;
}

/**
 * The episode row rebuildSql makes for a household with one episode, no pathway switch, no
 * journey date and no exit interview (after its closure or its cessation): what every household an import creates is. The import
 * inserts it directly instead of rebuilding from the rows it has just written (a third of a
 * large import's time). tests/integration/imports/bulk-rows.test.ts holds the two equal.
 */
export function newHouseholdEpisode(f: NewEpisodeFacts): Omit<EpisodeRow, 'household_id' | 'episode'> {
  const m = f.milestones;
  // A cessation belongs to the latest approved episode: here the only one, if approved.
  const ceased = m.approval && f.cessation ? f.cessation : null;
  return {
    pathway: f.pathway,
    switched_on: null,
    switched_to: null,
    first_switched_on: null,
    source: f.source,
    household_type: f.household_type,
    enquiry: m.enquiry ?? null,
    initial_visit: m.initial_visit ?? null,
    eoi: m.eoi ?? null,
    stage1: m.stage1 ?? null,
    stage2: m.stage2 ?? null,
    panel: m.panel ?? null,
    approval: m.approval ?? null,
    stage_reached: stageReached(MILESTONES.filter((k) => m[k])),
    closed_on: f.closure?.date ?? null,
    closed_stage: f.closure?.stage_reached ?? null,
    closed_reason: f.closure?.reason_key ?? null,
    ended_by: f.closure?.ended_by ?? null,
    exit_interview: null,
    ceased_on: ceased?.date ?? null,
    ceased_reason: ceased?.reason_key ?? null,
    stage1_information: null,
    panel_minutes: null,
    viability_request: null,
    viability_outcome: null,
    viability_result: null,
    reg24_placement: null,
    extension: null,
    irm_pending_from: null,
    irm_pending_to: null,
    cessation_exit_interview: null,
    cessation_might_return: null,
    cessation_exit_reasons: null,
  };
}

/** Every column of an episode row, key first: the order episodeInserter binds them in. */
const INSERT_COLUMNS = ['household_id', 'episode', ...EPISODE_COLUMNS] as Array<keyof EpisodeRow>;

/**
 * Columns a new household's episode never fills (newHouseholdEpisode): no pathway switch, exit
 * interview (an import records none) or journey date yet. The bulk buffer binds them once a statement, not once a row.
 */
const NEVER_NEW = [
  'switched_on',
  'switched_to',
  'first_switched_on',
  'exit_interview',
  ...JOURNEY_COLUMNS,
  ...CESSATION_INTERVIEW_COLUMNS,
] as const;

/** New households' episode rows (newHouseholdEpisode), several to a statement (a bulk load; flush before reading). */
export function episodeBuffer(db: Db): RowBuffer<EpisodeRow> {
  const fixed = Object.fromEntries(NEVER_NEW.map((c) => [c, null])) as Record<
    (typeof NEVER_NEW)[number],
    null
  >;
  return rowBuffer(db, 'episodes', INSERT_COLUMNS, { fixed });
}

/** Inserts episode rows given whole (a new household's, from newHouseholdEpisode). */
export function episodeInserter(db: Db): (row: EpisodeRow) => void {
  const insert = db.prepare<unknown[]>(
    `INSERT INTO episodes (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  // Positional values: binding by name costs more than the insert itself at this width.
  const values = new Array<unknown>(INSERT_COLUMNS.length);
  return (row) => {
    for (let i = 0; i < INSERT_COLUMNS.length; i++) values[i] = row[INSERT_COLUMNS[i]!];
    insert.run(values);
  };
}
