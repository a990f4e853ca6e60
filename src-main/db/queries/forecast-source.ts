import type { EpisodeDays } from '../../domain/forecast-episode-days.ts';
import { CHAIN } from '../../domain/forecast-model.ts';
import type { Pathway, Status } from '../../domain/stages.ts';
import { funnelDateSql } from '../journey-sql.ts';
import type { Db } from '../open.ts';
import { Columns, DayTable, readRows, readText } from './forecast-columns.ts';

/**
 * The one door through which planning (the forecast, its backtest and the dashboard) reads
 * household episodes: one row per episode with its milestone dates and its ending, from the
 * episodes table (db/episodes.ts). `pathway` is the episode's pathway as at its enquiry.
 */
export interface EpisodeRow {
  householdId: number;
  episode: number;
  pathway: Pathway;
  enquiry: string | null;
  eoi: string | null;
  stage1: string | null;
  stage2: string | null;
  panel: string | null;
  approval: string | null;
  /** The drop-out date of this episode, if it was closed. */
  closedOn: string | null;
  status: Status;
}

export type EpisodePathway = Pathway | 'all';

/**
 * An episode's Stage 1 day as the forecast reads it (SQL over one episodes row, no alias): the
 * Stage 1 start with the kinship rule, as the recruitment table dates it (a kinship household's
 * viability request is its formal application), which forecast_text holds (migration 27).
 */
const STAGE1_SQL = funnelDateSql('stage1').date;

/** Every episode on the pathway (all pathways for `all`), in household then episode order. */
export function readEpisodes(db: Db, pathway: EpisodePathway): EpisodeRow[] {
  const filter = pathway === 'all' ? '' : 'WHERE e.pathway = ?';
  return db
    .prepare<unknown[], EpisodeRow>(
      `SELECT e.household_id AS householdId, e.episode AS episode, e.pathway AS pathway,
         e.enquiry, e.eoi, ${STAGE1_SQL} AS stage1, e.stage2, e.panel, e.approval, e.closed_on AS closedOn,
         CASE
           WHEN e.approval IS NOT NULL AND e.ceased_on IS NOT NULL THEN 'ceased'
           WHEN e.approval IS NOT NULL THEN 'approved'
           WHEN e.closed_on IS NOT NULL THEN 'closed'
           ELSE 'open' END AS status
       FROM episodes e
       ${filter}
       ORDER BY e.household_id, e.episode`,
    )
    .all(...(pathway === 'all' ? [] : [pathway]));
}

/** The forecast's day slots as SQL: the chain's milestones (Stage 1 by its rule), then the closure. */
const DAY_COLUMNS = [...CHAIN, 'closed_on'].map((c) => (c === 'stage1' ? STAGE1_SQL : `e.${c}`));
/**
 * A chunk of episodes (a range of household ids, one pathway or all) as one text's bytes (`text`), or as
 * rows of household, episode and dates (`rows`, for the rare chunk whose text cannot be split).
 * The text is each episode's `household,episode,enquiry,…,closed_on;` (a date as stored, empty
 * for none; Stage 1 by STAGE1_SQL), which the episodes table keeps as `forecast_text` (migrations
 * 11 and 27): a chunk is one
 * pass over a range of the table, joined into one string by SQLite and read back here byte by
 * byte. As a row an episode cost better-sqlite3 an array and seven strings; joined at read time
 * from the columns, the joining was most of SQLite's time. The joined text comes back as a BLOB
 * (its UTF-8 bytes, copied once): as a string, decoding it was a third of the read's SQLite call.
 */
// The '+' keeps the kinship read off migration 36's partial index (episodes_by_kinship, whose
// condition this WHERE implies once 'kinship' is bound): that index gives a household's episodes by
// pathway and switch, not by episode, and the read needs the primary key's order (`inOrder`).
const chunkSql = (as: 'text' | 'rows', pathway: boolean) =>
  `SELECT ${as === 'text' ? `count(*), CAST(group_concat(e.forecast_text, '') AS BLOB)${pathway ? `, ${SWITCHES}` : ''}` : `e.household_id, e.episode, ${DAY_COLUMNS.join(', ')}`}
   FROM episodes e WHERE e.household_id >= ? AND e.household_id < ?${pathway ? ' AND (+e.pathway = ? OR e.switched_on IS NOT NULL)' : ''}`;
/**
 * A pathway's read takes the episodes on it at their enquiry or that switched (a switch changes
 * pathway, so an episode that switched was on both), and, of those that switched (few),
 * `household,episode,pathway,switched_on,switched_to,first_switched_on;` (the last empty for
 * none) in the same order as the chunk's text: the forecast then counts each on its pathway at
 * the day it counts (domain/forecast-episode-days.ts PathwayDays). NULL for a chunk without a switch.
 * The switched are picked by the aggregate's FILTER, so the many episodes without a switch skip
 * the aggregate (a CASE giving NULL called it for every episode: ~15 % of the read's CPU).
 */
const SWITCHES = `group_concat(
    e.household_id || ',' || e.episode || ',' || e.pathway || ',' || e.switched_on || ',' || e.switched_to
    || ',' || ifnull(e.first_switched_on, '') || ';', '') FILTER (WHERE e.switched_on IS NOT NULL)`;
/**
 * Each bound in a query of its own: SQLite answers a lone min() or max() from the primary key's
 * first or last entry, but both in one query scanned a whole index (~90 ms at a million episodes).
 */
const ID_SPAN =
  'SELECT (SELECT min(household_id) FROM episodes) AS first, (SELECT max(household_id) FROM episodes) AS last';
const NEXT_ID = 'SELECT min(household_id) FROM episodes WHERE household_id >= ?';
/**
 * Household ids per chunk: a chunk's text (~0.1 MB) is joined, copied and read while it is still
 * in the processor's cache (chunks of 250,000 ids, ~9 MB each, cost the read ~5 % more), and its
 * copy (a Buffer, let go only when the garbage collector gets to it) stays under the size the C
 * library serves from fresh pages of its own: at 25,000 ids (~0.9 MB) every read's ~35 MB of
 * copies came from fresh memory, ~8,500 page faults a read at 1,000,000 households, each ~17 µs on
 * a virtual machine (~0.15 s a read); at 3,000 ids the memory is reused from the third read of a
 * process on (the first reads still fault while the allocator settles).
 */
const CHUNK_IDS = 3_000;
/** The most episodes the columns make room for before the first chunk (they grow past it). */
const RESERVE_MAX = 4_000_000;

/**
 * Every episode on the pathway at some day (at its enquiry, or switched to it) as day-number
 * columns (domain/forecast-episode-days.ts EpisodeDays, with PathwayDays saying when a switched one was on
 * it), for the forecast, its backtest and Home. One pass over the episodes table, a range of household ids at a
 * time (in no order the forecast relies on: it puts the few open episodes in household order
 * itself): no object or row per episode and each distinct date turned into a day number once.
 */
export function readEpisodeDays(db: Db, pathway: EpisodePathway): EpisodeDays {
  return readInto(db, pathway, new Columns());
}

/** readEpisodeDays into the columns given (empty). */
function readInto(db: Db, pathway: EpisodePathway, out: Columns): EpisodeDays {
  const filter = pathway === 'all' ? [] : [pathway];
  const table = new DayTable();
  const span = db.prepare<[], { first: number | null; last: number | null }>(ID_SPAN).get();
  const want = pathway === 'all' ? undefined : pathway;
  if (span?.first == null || span.last == null) return out.done(want);
  // Room for an episode per household id at once (ids run with few gaps, a household's later
  // episodes are few; pages never written cost no memory): grown chunk by chunk, the columns
  // were copied as they doubled, each copy fresh memory. A chunk's text is read and let go
  // before the next is fetched.
  out.reserve(Math.min(span.last - span.first + 1, RESERVE_MAX));
  const nextId = db.prepare(NEXT_ID).pluck();
  const chunk = db.prepare(chunkSql('text', filter.length > 0)).raw();
  for (let from: number | null = span.first; from !== null && from <= span.last;) {
    const to = from + CHUNK_IDS;
    const params = [from, to, ...filter];
    const [count, text, switches] = chunk.get(...params) as [
      number,
      Buffer | null,
      string | null | undefined,
    ];
    out.reserve(count);
    const start = out.count;
    if (text && !(readText(text, out, table) && out.count - start === count)) {
      out.count = start;
      const rows = db.prepare(chunkSql('rows', filter.length > 0)).raw();
      readRows(rows.iterate(...params) as Iterable<unknown[]>, out);
    }
    if (switches) out.addSwitches(switches, start);
    // On from the next id there is, so a gap in the ids costs no chunk.
    from = nextId.get(to) as number | null;
  }
  return out.done(want);
}

/** The columns of the last read lent with withEpisodeDays, kept for the next (none while lent). */
let spare: Columns | null = null;

/**
 * readEpisodeDays's columns lent to `use` and kept for the next read once it returns: the
 * columns (~100 bytes an episode, ~90 MB at a million) were fresh memory every read, and on a
 * host that hands freed memory back (a virtual machine's) touching it again cost more than
 * reading the episodes into it: the forecast's read 0.6 s, 0.25 s of it SQLite and 0.1 s the
 * text. `use` must keep nothing of the columns (what it returns is worked out from them): the
 * next read writes over them. A read while they are lent (one inside `use`) gets columns of its own.
 */
export function withEpisodeDays<T>(db: Db, pathway: EpisodePathway, use: (days: EpisodeDays) => T): T {
  const columns = spare ?? new Columns();
  spare = null;
  try {
    return use(readInto(db, pathway, columns));
  } finally {
    columns.clear();
    spare = columns;
  }
}

/**
 * A drill-down query selecting the given household ids, for planning figures whose households
 * are worked out in code (the forecast's open episodes). The ids travel as one JSON parameter.
 */
export function householdIdsQuery(ids: readonly number[]): { sql: string; params: unknown[] } {
  return { sql: 'SELECT value FROM json_each(?)', params: [JSON.stringify([...new Set(ids)])] };
}
