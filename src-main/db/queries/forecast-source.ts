import { isoToDayNumber, type IsoDate } from '../../domain/dates.ts';
import { SLOTS, type EpisodeDays } from '../../domain/forecast.ts';
import type { Db } from '../open.ts';

/**
 * The one door through which planning (the forecast, its backtest and the dashboard) reads
 * household episodes: one row per episode with its milestone dates and its ending, from the
 * episodes table (db/episodes.ts). `pathway` is the episode's pathway as at its enquiry.
 */
export interface EpisodeRow {
  householdId: number;
  episode: number;
  pathway: 'mainstream' | 'kinship';
  enquiry: string | null;
  eoi: string | null;
  stage1: string | null;
  stage2: string | null;
  panel: string | null;
  approval: string | null;
  /** The drop-out date of this episode, if it was closed. */
  closedOn: string | null;
  status: 'open' | 'closed' | 'approved' | 'ceased';
}

export type EpisodePathway = 'mainstream' | 'kinship' | 'all';

/** Every episode on the pathway (all pathways for `all`), in household then episode order. */
export function readEpisodes(db: Db, pathway: EpisodePathway): EpisodeRow[] {
  const filter = pathway === 'all' ? '' : 'WHERE e.pathway = ?';
  return db
    .prepare<unknown[], EpisodeRow>(
      `SELECT e.household_id AS householdId, e.episode AS episode, e.pathway AS pathway,
         e.enquiry, e.eoi, e.stage1, e.stage2, e.panel, e.approval, e.closed_on AS closedOn,
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

const DAY_COLUMNS = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval', 'closed_on'];
/**
 * One episode as one piece of text: `household,episode,enquiry,…,closed_on;` (a date as stored,
 * empty for none: concat() takes NULL as ''). As a row an episode cost better-sqlite3 an array
 * and seven strings, which at a million episodes was most of the forecast's time; a chunk's
 * episodes joined into one string by SQLite cost one string, read back here character by character.
 */
const EPISODE_TEXT = `concat(e.household_id, ',', e.episode, ${DAY_COLUMNS.map((c) => `',', e.${c}`).join(', ')}, ';')`;
/**
 * The episodes a forecast as at a day, trained from another, can count: a milestone on or after
 * the first training day (each training history starts at a milestone date in the window), or
 * not ended by closure or approval on the day (open then). Bound: the first training day, the
 * day twice, then the first training day five times. Each column is read through `+` so SQLite
 * keeps to one pass over the covering index rather than a lookup per episode from each date's
 * own index. The tests most likely to hold come first (SQLite stops at the first that does): an
 * enquiry in the window, then open on the day; the later milestones only for the rest.
 */
const CAN_COUNT = `(+e.enquiry >= ? OR NOT coalesce(+e.closed_on <= ? OR +e.approval <= ?, 0) OR ${[
  'eoi',
  'stage1',
  'stage2',
  'panel',
  'approval',
]
  .map((c) => `+e.${c} >= ?`)
  .join(' OR ')})`;
/** Chunks by enquiry date (a range of the covering enquiry index each), so no one string is large. */
const CHUNKS = {
  between: 'e.enquiry >= ? AND e.enquiry < ?',
  from: 'e.enquiry >= ?',
  none: 'e.enquiry IS NULL',
} as const;
/** A chunk as one text (`text`), or as rows of household, episode and dates (`rows`). */
const chunkSql = (chunk: keyof typeof CHUNKS, as: 'text' | 'rows', pathway: boolean, only: boolean) =>
  `SELECT ${as === 'text' ? `count(*), group_concat(${EPISODE_TEXT}, '')` : `e.household_id, e.episode, ${DAY_COLUMNS.map((c) => `e.${c}`).join(', ')}`}
   FROM episodes e WHERE ${CHUNKS[chunk]}` +
  (pathway ? ' AND e.pathway = ?' : '') +
  (only ? ` AND ${CAN_COUNT}` : '');
const ENQUIRY_SPAN = 'SELECT min(enquiry) AS first, max(enquiry) AS last FROM episodes';

const DAY_MS = 86_400_000;
const [ZERO, DASH, COMMA, SEMICOLON] = ['0', '-', ',', ';'].map((c) => c.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
];
/** Years whose dates are looked up in a table (the rest are worked out each time). */
const [FIRST_YEAR, YEARS] = [1900, 300];

/**
 * Day numbers of dates by year, month and day, worked out once each (a service's dates repeat:
 * a few thousand distinct days): isoToDayNumber's answer for the same text, without the text.
 */
class DayTable {
  private readonly table = new Float64Array(YEARS * 13 * 32).fill(NaN);

  day(y: number, m: number, d: number): number {
    if (!(y >= FIRST_YEAR && y < FIRST_YEAR + YEARS && m <= 12 && d <= 31)) {
      return Date.UTC(y, m - 1, d) / DAY_MS;
    }
    const at = ((y - FIRST_YEAR) * 13 + m) * 32 + d;
    let day = this.table[at]!;
    if (day !== day) this.table[at] = day = Date.UTC(y, m - 1, d) / DAY_MS;
    return day;
  }
}

/** Episode columns, grown as chunks are read. */
class Columns {
  count = 0;
  householdId = new Float64Array(0);
  episode = new Float64Array(0);
  days = new Float64Array(0);

  /** Room for `more` episodes after those read. */
  reserve(more: number): void {
    const size = this.count + more;
    if (size <= this.householdId.length) return;
    const capacity = Math.max(size, this.householdId.length * 2);
    const grown = (a: Float64Array, length: number) => {
      const b = new Float64Array(length);
      b.set(a);
      return b;
    };
    this.householdId = grown(this.householdId, capacity);
    this.episode = grown(this.episode, capacity);
    this.days = grown(this.days, capacity * SLOTS);
  }

  done(): EpisodeDays {
    const n = this.count;
    return {
      count: n,
      householdId: this.householdId.subarray(0, n),
      episode: this.episode.subarray(0, n),
      days: this.days.subarray(0, n * SLOTS),
      inOrder: false,
    };
  }
}

/**
 * Reads a chunk's text (EPISODE_TEXT joined) into the columns, character by character. A date in
 * the usual form yyyy-mm-dd is read in place; anything else goes through isoToDayNumber, so the
 * day numbers are exactly those the dates' text gives everywhere else. False (the columns then
 * hold part of the chunk) where a stored date holds a separator, so the text cannot be split.
 */
function readText(s: string, out: Columns, table: DayTable): boolean {
  const end = s.length;
  const digits = (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i) - ZERO;
      if (c < 0 || c > 9) return NaN;
      v = v * 10 + c;
    }
    return v;
  };
  // Number(s.slice(from, to)), read in place when it is up to 15 digits (a slice per id and
  // episode was a string each, two million at a million episodes).
  const whole = (from: number, to: number): number => {
    if (to > from && to - from <= 15) {
      const v = digits(from, to);
      if (v === v) return v;
    }
    return Number(s.slice(from, to));
  };
  let i = 0;
  while (i < end) {
    const n = out.count++;
    let j = s.indexOf(',', i);
    const householdId = whole(i, j);
    i = j + 1;
    j = s.indexOf(',', i);
    const episode = whole(i, j);
    i = j + 1;
    // Both are INTEGER NOT NULL: anything else means a separator inside a date moved the fields.
    if (j < 0 || !Number.isInteger(householdId) || !Number.isInteger(episode)) return false;
    out.householdId[n] = householdId;
    out.episode[n] = episode;
    const base = n * SLOTS;
    for (let k = 0; k < SLOTS; k++) {
      const stop = k === SLOTS - 1 ? SEMICOLON : COMMA;
      if (s.charCodeAt(i) === stop) {
        out.days[base + k] = NaN;
        i++;
        continue;
      }
      let day = NaN;
      if (s.charCodeAt(i + 10) === stop && s.charCodeAt(i + 4) === DASH && s.charCodeAt(i + 7) === DASH) {
        // The eight digits at once (NaN if any is not one, as digits() would give).
        const y0 = s.charCodeAt(i) - ZERO;
        const y1 = s.charCodeAt(i + 1) - ZERO;
        const y2 = s.charCodeAt(i + 2) - ZERO;
        const y3 = s.charCodeAt(i + 3) - ZERO;
        const m0 = s.charCodeAt(i + 5) - ZERO;
        const m1 = s.charCodeAt(i + 6) - ZERO;
        const d0 = s.charCodeAt(i + 8) - ZERO;
        const d1 = s.charCodeAt(i + 9) - ZERO;
        if (
          (y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0 &&
          y0 < 10 &&
          y1 < 10 &&
          y2 < 10 &&
          y3 < 10 &&
          m0 < 10 &&
          m1 < 10 &&
          d0 < 10 &&
          d1 < 10
        ) {
          day = table.day(((y0 * 10 + y1) * 10 + y2) * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
        } else {
          day = table.day(digits(i, i + 4), digits(i + 5, i + 7), digits(i + 8, i + 10));
        }
        j = i + 10;
      }
      if (day !== day) {
        j = s.indexOf(k === SLOTS - 1 ? ';' : ',', i);
        const text = s.slice(i, j);
        if (j < 0 || text.includes(',') || text.includes(';')) return false;
        day = isoToDayNumber(text);
      }
      out.days[base + k] = day;
      i = j + 1;
    }
  }
  return true;
}

/** Reads a chunk row by row (what readText does, for the rare chunk whose text cannot be split). */
function readRows(rows: Iterable<unknown[]>, out: Columns): void {
  for (const row of rows) {
    out.reserve(1);
    const n = out.count++;
    out.householdId[n] = row[0] as number;
    out.episode[n] = row[1] as number;
    for (let k = 0; k < SLOTS; k++) {
      const iso = row[k + 2] as string | null;
      out.days[n * SLOTS + k] = iso === null || iso === '' ? NaN : isoToDayNumber(iso);
    }
  }
}

/**
 * Every episode on the pathway as day-number columns (domain/forecast.ts EpisodeDays), for the
 * forecast and its backtest. One pass over the covering enquiry index, a year of enquiries at a
 * time, in no particular order (the forecast puts the few open episodes in household order
 * itself): no object or row per episode and each distinct date turned into a day number once.
 * With `only`, just the episodes a forecast as at `only.asAt` trained from `only.from` can count
 * (CAN_COUNT): the columns then serve that one forecast and nothing else.
 */
export function readEpisodeDays(
  db: Db,
  pathway: EpisodePathway,
  only?: { from: IsoDate; asAt: IsoDate },
): EpisodeDays {
  const all = pathway === 'all';
  const tail = [
    ...(all ? [] : [pathway]),
    ...(only ? [only.from, only.asAt, only.asAt, ...Array<IsoDate>(5).fill(only.from)] : []),
  ];
  const out = new Columns();
  const table = new DayTable();
  const read = (chunk: keyof typeof CHUNKS, ...range: string[]) => {
    const sql = (as: 'text' | 'rows') => db.prepare(chunkSql(chunk, as, !all, only !== undefined)).raw();
    const [count, text] = sql('text').get(...range, ...tail) as [number, string | null];
    out.reserve(count);
    const start = out.count;
    if (text && !(readText(text, out, table) && out.count - start === count)) {
      out.count = start;
      readRows(sql('rows').iterate(...range, ...tail) as Iterable<unknown[]>, out);
    }
  };
  const span = db.prepare<[], { first: string | null; last: string | null }>(ENQUIRY_SPAN).get();
  // Enquiry dates are ISO text: a chunk per calendar year by its first four characters, with
  // anything before the first year and after the last (not a date, say) in chunks of their own.
  const first = Number(span?.first?.slice(0, 4));
  const last = Number(span?.last?.slice(0, 4));
  if (Number.isInteger(first) && Number.isInteger(last) && first >= 1000 && last - first < 500) {
    read('between', '', String(first));
    for (let y = first; y <= last; y++) read('between', String(y), String(y + 1));
    read('from', String(last + 1));
  } else {
    read('from', '');
  }
  read('none');
  return out.done();
}

/**
 * A drill-down query selecting the given household ids, for planning figures whose households
 * are worked out in code (the forecast's open episodes). The ids travel as one JSON parameter.
 */
export function householdIdsQuery(ids: readonly number[]): { sql: string; params: unknown[] } {
  return { sql: 'SELECT value FROM json_each(?)', params: [JSON.stringify([...new Set(ids)])] };
}
