import type { Db } from './handle.ts';
import { MILESTONES } from '../domain/stages.ts';
import { stageReachedSql } from './journey-sql.ts';
import { JOURNEY_DATE_KINDS } from '../domain/journey-dates.ts';
import { type EpisodePathway } from '../domain/episode-pathway.ts';
import {
  CESSATION_INTERVIEW_COLUMNS,
  CLOSURE_INTERVIEW_COLUMNS,
  JOURNEY_COLUMNS,
  MILESTONE_COLUMNS,
} from './episodes-table.ts';

/**
 * Keeps the episodes table (episodes-table.ts: its row, columns and schema) in line with the
 * households' facts: refreshEpisodes rebuilds one household's rows in the transaction that changes
 * them, rebuildAllEpisodes every household's (bulk loads). A new household's row is inserted whole
 * instead (episodes-new-household.ts). The table's schema is its migrations' (7 made it, with its own
 * copy of this rebuild as it shipped; later ones add columns and indexes).
 */

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
 * `has`: the columns the table has, when an older file is rebuilt (rebuildAllEpisodes reads them;
 * tests rebuild files at earlier versions): a column added by a later migration
 * (`first_switched_on` by 19, the journey columns since 7, the cessation's exit interview by 25,
 * what the closure's said by 28) is left out, so it writes the table the file has, not today's.
 * Without it, today's table.
 */
function rebuildSql(where: string, has?: ReadonlySet<string>): string {
  const exists = (column: string) => !has || has.has(column);
  const firstSwitch = exists('first_switched_on');
  const journey = JOURNEY_COLUMNS.filter(exists);
  const cessationInterview = CESSATION_INTERVIEW_COLUMNS.every(exists);
  const closureAnswers = CLOSURE_INTERVIEW_COLUMNS.every(exists);
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
  // What the closure's exit interview said, on the episode it closes (its status is exit_interview).
  // Joined once (one interview a closure: exit_interviews_by_closure is unique); its reasons are
  // looked up only where there is an interview, so a rebuild pays little for the closures without.
  const answers = closureAnswers
    ? {
        x: `,
        cei.might_return AS closure_might_return,
        CASE WHEN cei.id IS NOT NULL THEN (SELECT json_group_array(r.reason_key ORDER BY r.reason_key)
          FROM exit_interview_reasons r WHERE r.interview_id = cei.id HAVING COUNT(*) > 0) END AS closure_exit_reasons`,
        join: `
      LEFT JOIN exit_interviews cei ON cei.closure_id = c.id`,
        columns: ` ${CLOSURE_INTERVIEW_COLUMNS.join(', ')},`,
        values: ` ${CLOSURE_INTERVIEW_COLUMNS.map((col) => `x.${col}`).join(', ')},`,
        update: ` ${CLOSURE_INTERVIEW_COLUMNS.map((col) => `${col} = excluded.${col}`).join(', ')},`,
      }
    : { x: '', join: '', columns: '', values: '', update: '' };
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
        (SELECT ei.status FROM exit_interviews ei WHERE ei.closure_id = c.id) AS exit_interview${answers.x}
      FROM k
      JOIN households h ON h.id = k.hid
      LEFT JOIN ms ON ms.hid = k.hid AND ms.ep = k.ep
      LEFT JOIN jd ON jd.hid = k.hid AND jd.ep = k.ep
      LEFT JOIN closures c ON c.household_id = k.hid AND c.episode = k.ep${answers.join}
    )
    INSERT INTO episodes (household_id, episode, pathway, switched_on, switched_to,${firstSwitch ? ' first_switched_on,' : ''} source, household_type,
      ${MILESTONE_COLUMNS}, stage_reached, closed_on, closed_stage, closed_reason, ended_by, exit_interview,
      ceased_on, ceased_reason,${interview.columns}${answers.columns}
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
      CASE WHEN x.ep = x.approved_ep THEN cs.reason_key END,${interview.values}${answers.values}
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
      ceased_reason = excluded.ceased_reason,${interview.update}${answers.update}
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
 * Builds every household's episodes in one statement (bulk loads: the sample). The
 * indexes are built afterwards, one sort each, rather than entry by entry: about a third faster
 * at 200,000 households. They are made again from their own CREATE statements, so the schema is
 * the one the database is at. Inside the caller's transaction, so a failure leaves them as they were.
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
