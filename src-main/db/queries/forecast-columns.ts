import { isoToDayNumber } from '../../domain/dates.ts';
import { endOf, SLOTS, type EpisodeDays, type PathwayDays } from '../../domain/forecast-episode-days.ts';
import { CHAIN } from '../../domain/forecast-model.ts';
import type { Pathway } from '../../domain/stages.ts';

/**
 * The columns the forecast's read (forecast-source.ts readEpisodeDays) fills, and how a chunk of
 * the episodes table comes into them: its forecast_text joined, read byte by byte (readText), or
 * its rows (readRows). No SQL here: forecast-source.ts asks the database and hands the answer on.
 */

/** The day slots of the chain's milestones (the last slot is the closure), and the approval's. */
const CHAIN_SLOTS = CHAIN.length;
const APPROVAL_SLOT = CHAIN.indexOf('approval');

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
export class DayTable {
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
export class Columns {
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
   * Episode n's first and last milestone day and its end, from its days (as
   * domain/forecast-episode-days.ts works them out), and whether it follows the one before in order.
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
export function readText(b: Buffer, out: Columns, table: DayTable): boolean {
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
export function readRows(rows: Iterable<unknown[]>, out: Columns): void {
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
