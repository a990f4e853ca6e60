import { isoToDayNumber } from '../../domain/dates.ts';
import { CHAIN, endOf, SLOTS, type EpisodeDays, type PathwayDays } from '../../domain/forecast.ts';
import type { Pathway, Status } from '../../domain/stages.ts';
import { funnelDateSql } from '../journey-sql.ts';

/** The day slots of the chain's milestones (the last slot is the closure), and the approval's. */
const CHAIN_SLOTS = CHAIN.length;
const APPROVAL_SLOT = CHAIN.indexOf('approval');
import type { Db } from '../open.ts';

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
const chunkSql = (as: 'text' | 'rows', pathway: boolean) =>
  `SELECT ${as === 'text' ? `count(*), CAST(group_concat(e.forecast_text, '') AS BLOB)${pathway ? `, ${SWITCHES}` : ''}` : `e.household_id, e.episode, ${DAY_COLUMNS.join(', ')}`}
   FROM episodes e WHERE e.household_id >= ? AND e.household_id < ?${pathway ? ' AND (e.pathway = ? OR e.switched_on IS NOT NULL)' : ''}`;
/**
 * A pathway's read takes the episodes on it at their enquiry or that switched (a switch changes
 * pathway, so an episode that switched was on both), and, of those that switched (few),
 * `household,episode,pathway,switched_on,switched_to,first_switched_on;` (the last empty for
 * none) in the same order as the chunk's text: the forecast then counts each on its pathway at
 * the day it counts (domain/forecast.ts PathwayDays). NULL for a chunk without a switch.
 */
const SWITCHES = `group_concat(CASE WHEN e.switched_on IS NOT NULL THEN
    e.household_id || ',' || e.episode || ',' || e.pathway || ',' || e.switched_on || ',' || e.switched_to
    || ',' || ifnull(e.first_switched_on, '') || ';' END, '')`;
/**
 * Each bound in a query of its own: SQLite answers a lone min() or max() from the primary key's
 * first or last entry, but both in one query scanned a whole index (~90 ms at a million episodes).
 */
const ID_SPAN =
  'SELECT (SELECT min(household_id) FROM episodes) AS first, (SELECT max(household_id) FROM episodes) AS last';
const NEXT_ID = 'SELECT min(household_id) FROM episodes WHERE household_id >= ?';
/**
 * Household ids per chunk: a chunk's text (~0.9 MB) is then joined, copied and read while it is
 * still in the processor's cache (chunks of 250,000 ids, ~9 MB each, cost the read ~5 % more).
 */
const CHUNK_IDS = 25_000;
/** The most episodes the columns make room for before the first chunk (they grow past it). */
const RESERVE_MAX = 4_000_000;

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
  first = new Float64Array(0);
  last = new Float64Array(0);
  ended = new Float64Array(0);
  /** Whether every episode so far came after the one before in household then episode order. */
  inOrder = true;
  /** The episodes that switched pathway, by index (a pathway's read only). */
  switches: PathwayDays['switches'] = new Map();

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
    this.first = grown(this.first, capacity);
    this.last = grown(this.last, capacity);
    this.ended = grown(this.ended, capacity);
  }

  /**
   * Episode n's first and last milestone day and its end, from its days (as domain/forecast.ts
   * works them out), and whether it follows the one before in order.
   */
  span(n: number): void {
    let first = Infinity;
    let last = -Infinity;
    for (let i = n * SLOTS, end = i + CHAIN_SLOTS; i < end; i++) {
      const day = this.days[i]!;
      if (day < first) first = day;
      if (day > last) last = day;
    }
    this.first[n] = first;
    this.last[n] = last;
    this.ended[n] = endOf(this.days[n * SLOTS + CHAIN_SLOTS]!, this.days[n * SLOTS + APPROVAL_SLOT]!);
    if (n > 0 && !this.follows(n)) this.inOrder = false;
  }

  /** Whether episode n comes after episode n − 1 in household then episode order. */
  follows(n: number): boolean {
    const [id, before] = [this.householdId[n]!, this.householdId[n - 1]!];
    return id > before || (id === before && this.episode[n]! > this.episode[n - 1]!);
  }

  /**
   * The switches of the chunk read from episode `start` on (SWITCHES's text, in the chunk's
   * order), each put on its episode's index: found walking on from the last one's.
   */
  addSwitches(text: string, start: number): void {
    let j = start;
    for (const record of text.split(';')) {
      if (!record) continue;
      // The fifth field, the pathway switched to, is the other one (a switch always changes it).
      const [id, episode, before, on, , first] = record.split(',') as [
        string,
        string,
        Pathway,
        string,
        Pathway,
        string,
      ];
      const [hid, ep] = [Number(id), Number(episode)];
      const at = (k: number) => this.householdId[k] === hid && this.episode[k] === ep;
      while (j < this.count && !at(j)) j++;
      if (j === this.count) {
        j = start;
        while (j < this.count && !at(j)) j++;
        if (j === this.count) throw new Error(`Episode ${hid}/${ep} missing from its chunk`);
      }
      this.switches.set(j, {
        day: isoToDayNumber(on),
        before,
        firstDay: first ? isoToDayNumber(first) : null,
      });
    }
  }

  /** Empty again for the next read, its arrays kept (see withEpisodeDays). */
  clear(): void {
    this.count = 0;
    this.inOrder = true;
    this.switches = new Map();
  }

  done(pathway?: Pathway): EpisodeDays {
    const n = this.count;
    let switched: Uint8Array | undefined;
    if (pathway) {
      switched = new Uint8Array(n);
      for (const j of this.switches.keys()) switched[j] = 1;
    }
    return {
      ...(pathway && switched ? { pathway: { want: pathway, switched, switches: this.switches } } : {}),
      count: n,
      householdId: this.householdId.subarray(0, n),
      episode: this.episode.subarray(0, n),
      days: this.days.subarray(0, n * SLOTS),
      // The table's primary key is (household, episode) and a chunk is a range of it, so the
      // episodes come in order in practice (the open episodes then need no sort); checked, not assumed.
      inOrder: this.inOrder,
      spans: {
        first: this.first.subarray(0, n),
        last: this.last.subarray(0, n),
        ended: this.ended.subarray(0, n),
      },
    };
  }
}

/**
 * Reads a chunk's text (forecast_text joined, as UTF-8 bytes) into the columns, byte by byte (a
 * separator is never part of a multi-byte character, so the fields split as the text's would). A date in
 * the usual form yyyy-mm-dd is read in place; anything else goes through isoToDayNumber, so the
 * day numbers are exactly those the dates' text gives everywhere else. False (the columns then
 * hold part of the chunk) where a stored date holds a separator, so the text cannot be split.
 */
function readText(b: Buffer, out: Columns, table: DayTable): boolean {
  const end = b.length;
  // indexOf on the bytes, in place (Buffer's own is a native call: millions of them cost more).
  const find = (c: number, from: number): number => {
    for (let i = from; i < end; i++) if (b[i] === c) return i;
    return -1;
  };
  // The field's text, as the string the joined text would have held.
  const text = (from: number, to: number): string => b.toString('utf8', from, to < 0 ? end : to);
  const digits = (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) {
      const c = b[i]! - ZERO;
      if (c < 0 || c > 9) return NaN;
      v = v * 10 + c;
    }
    return v;
  };
  // Number(text(from, to)), read in place when it is up to 15 digits (a string per id and
  // episode was two million at a million episodes).
  const whole = (from: number, to: number): number => {
    if (to > from && to - from <= 15) {
      const v = digits(from, to);
      if (v === v) return v;
    }
    return Number(text(from, to));
  };
  // A field of digits up to a comma, read in one pass (NaN where it is anything else, or longer
  // than whole() reads in place: whole() then reads it); `at` is left on the comma.
  let at = 0;
  const wholeToComma = (from: number): number => {
    let v = 0;
    for (let i = from; i < end && i - from <= 15; i++) {
      const c = b[i]!;
      if (c === COMMA) {
        at = i;
        return i > from ? v : NaN;
      }
      if (c < ZERO || c > ZERO + 9) break;
      v = v * 10 + (c - ZERO);
    }
    return NaN;
  };
  const { householdId: ids, episode: episodes, days, first: firsts, last: lasts, ended } = out;
  let i = 0;
  while (i < end) {
    const n = out.count++;
    let householdId = wholeToComma(i);
    let j = at;
    if (householdId !== householdId) {
      j = find(COMMA, i);
      householdId = whole(i, j);
    }
    i = j + 1;
    let episode = wholeToComma(i);
    j = at;
    if (episode !== episode) {
      j = find(COMMA, i);
      episode = whole(i, j);
    }
    i = j + 1;
    // Both are INTEGER NOT NULL: anything else means a separator inside a date moved the fields.
    if (j < 0 || !Number.isInteger(householdId) || !Number.isInteger(episode)) return false;
    ids[n] = householdId;
    episodes[n] = episode;
    const base = n * SLOTS;
    // The first and last milestone day, as Columns.span works them out, while the days are at hand.
    let first = Infinity;
    let last = -Infinity;
    for (let k = 0; k < SLOTS; k++) {
      const stop = k === SLOTS - 1 ? SEMICOLON : COMMA;
      if (b[i] === stop) {
        days[base + k] = NaN;
        i++;
        continue;
      }
      let day = NaN;
      if (b[i + 10] === stop && b[i + 4] === DASH && b[i + 7] === DASH) {
        // The eight digits at once (NaN if any is not one, as digits() would give).
        const y0 = b[i]! - ZERO;
        const y1 = b[i + 1]! - ZERO;
        const y2 = b[i + 2]! - ZERO;
        const y3 = b[i + 3]! - ZERO;
        const m0 = b[i + 5]! - ZERO;
        const m1 = b[i + 6]! - ZERO;
        const d0 = b[i + 8]! - ZERO;
        const d1 = b[i + 9]! - ZERO;
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
        j = find(stop, i);
        const iso = text(i, j);
        if (j < 0 || iso.includes(',') || iso.includes(';')) return false;
        day = isoToDayNumber(iso);
      }
      days[base + k] = day;
      if (k < CHAIN_SLOTS) {
        if (day < first) first = day;
        if (day > last) last = day;
      }
      i = j + 1;
    }
    firsts[n] = first;
    lasts[n] = last;
    ended[n] = endOf(days[base + CHAIN_SLOTS]!, days[base + APPROVAL_SLOT]!);
    if (n > 0 && !out.follows(n)) out.inOrder = false;
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
    out.span(n);
  }
}

/**
 * Every episode on the pathway at some day (at its enquiry, or switched to it) as day-number
 * columns (domain/forecast.ts EpisodeDays, with PathwayDays saying when a switched one was on
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
