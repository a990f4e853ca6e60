import type { Db } from '../open.ts';
import { foldForSearch } from '../../domain/fold.ts';

/**
 * The households list's search: each word must be the start of a household's reference, first
 * name, surname (or of a later part of either: SEARCH_SOURCES), email or postcode (any case). Names
 * are compared folded (domain/fold.ts: no accents, apostrophes or hyphens, so "bronte" finds
 * "Brontë" and "oshea" "O'Shea"), through the folded copies the households table keeps of them
 * (`first_name_fold`, `surname_fold`, migration 29). A search can be answered three ways, and at
 * 1,000,000 households the right one depends on how many households match:
 * - by the five case-insensitive prefix indexes, as a set of ids (`searchIn`): cheap when few match;
 * - by testing each row's own columns while walking the sort order's index (`searchRowTest`):
 *   cheap when many match, since the first page is found after a few thousand rows
 *   (reading every match's row to sort them took ~0.2 s for 47,706 "patel"s);
 * - counted from the indexes alone (`countSearch`), never reading a household's row when the
 *   word matches in one column only (the usual case: a surname, a reference, a postcode).
 * SQL text is assembled only from the fixed fragments below; every user value is a bound parameter.
 */
export const SEARCH_COLUMNS = ['reference', 'first_name_fold', 'surname_fold', 'email', 'postcode'] as const;
/**
 * Where a word is looked for: the households' five columns, and the name parts (household_name_parts,
 * migrations 31, 33 and 35, db/name-parts.ts, domain/search-parts.ts): the later parts of
 * multi-part names, each with the rest of its name ("jones" finds Smith-Jones, "jones-smith" Brown
 * Jones-Smith, "berg" Van den Berg, "jane" Mary-Jane), a name with a space whole without it
 * ("vandenberg"), and the carers' own names the household's do not start ("wiktor", a second
 * carer's surname), read by their own prefix index, one row a part, so a household may match there
 * as well as in a column (counted once).
 */
export const SEARCH_SOURCES = [...SEARCH_COLUMNS, 'name_part'] as const;
type Column = (typeof SEARCH_SOURCES)[number];
/** Columns stored folded: compared as they are (their indexes are plain), the word folded the same way. */
const FOLDED: ReadonlySet<Column> = new Set(['first_name_fold', 'surname_fold', 'name_part']);
/** The households with a later part of a name in the range. */
const PART_IDS = 'SELECT household_id FROM household_name_parts WHERE part >= ? AND part < ?';

const MAX = '\u{10FFFF}';

/** A postcode's outward code ("SW1A", "B33") and the start of an inward code ("1", "1A", "1AA"). */
const OUTWARD = /^[a-z]{1,2}\d[a-z\d]?$/i;
const INWARD_START = /^\d[a-z]{0,2}$/i;
/** A whole postcode typed without its space ("sw1a1aa"). */
const COMPACT_POSTCODE = /^([a-z]{1,2}\d[a-z\d]?)(\d[a-z]{2})$/i;

/**
 * At most four words; a fifth and later are ignored (each word costs one more index pass). A
 * postcode is one word with its space ("SW1A 1AA", "b33 8"): its inward code is the start of no
 * column, so searched as a word of its own it found nobody, whoever held the postcode.
 */
export function searchWords(search: string | undefined): string[] {
  const words = (search ?? '').trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    if (next !== undefined && OUTWARD.test(words[i]!) && INWARD_START.test(next)) {
      out.push(`${words[i]} ${next}`);
      i++;
    } else out.push(words[i]!);
  }
  return out.slice(0, 4);
}

/**
 * What a word is looked for as in a column: itself, but in the postcode column a whole postcode
 * typed without its space is looked for as postcodes are stored (an import stores "SW1A 1AA").
 */
function wordIn(c: Column, w: string): string {
  // A word of apostrophes or hyphens alone folds to nothing, the start of every name: kept as typed, it finds none.
  if (FOLDED.has(c)) return foldForSearch(w) || w;
  if (c !== 'postcode') return w;
  const m = COMPACT_POSTCODE.exec(w);
  return m ? `${m[1]} ${m[2]}` : w;
}

const range = (c: Column, plus = '') => {
  const nocase = FOLDED.has(c) ? '' : ' COLLATE NOCASE';
  return `${plus}${c} >= ?${nocase} AND ${plus}${c} < ?${nocase}`;
};
/** One source's matching ids, from its index. */
const idsIn = (c: Column) => (c === 'name_part' ? PART_IDS : `SELECT id FROM households WHERE ${range(c)}`);
/**
 * One source tested on a households row (a leading `+` keeps the planner off the column's index):
 * a part by the row's id among the part's households, a set SQLite makes once a statement.
 */
const rowTest = (c: Column) => (c === 'name_part' ? `id IN (${PART_IDS})` : `(${range(c, '+')})`);
const bounds = (c: Column, word: string) => {
  const w = wordIn(c, word);
  return [w, w + MAX];
};

/** The ids matching one word: one index range per column, as a compound SELECT joined by `op`. */
function idsOf(op: 'UNION ALL' | 'UNION'): string {
  return SEARCH_SOURCES.map(idsIn).join(` ${op} `);
}

/**
 * A word typed as a first name and surname run together ("annsmith"): the households whose first
 * name (folded) is `first` exactly and whose surname (folded) starts with `rest`. Tried for a
 * search of one word only (joinedWays), each way of cutting it whose first name someone has.
 */
export interface JoinedName {
  first: string;
  rest: string;
}
/** One term of a way: a word (the start of any source), or a first name and surname run together. */
export type SearchTerm = string | JoinedName;

/**
 * A joined name's households, from migration 31's (surname_fold, first_name_fold) index alone: the
 * surname's range read in the index, each entry's first name tested there (the `+` keeps SQLite off
 * the first name's own index, by which it would read the row of every household of that first
 * name, ~43,000 at 1,000,000 households, to test its surname: ~0.1 s against ~5 ms for "umapatel").
 */
const JOINED = 'surname_fold >= ? AND surname_fold < ? AND +first_name_fold = ?';
const JOINED_ROW = '(+surname_fold >= ? AND +surname_fold < ? AND +first_name_fold = ?)';
const joinedParams = (t: JoinedName) => [t.rest, t.rest + MAX, t.first];

/** One term's matching ids: a word's index ranges, or a joined name's. */
const idsOfTerm = (t: SearchTerm) =>
  typeof t === 'string' ? idsOf('UNION ALL') : `SELECT id FROM households WHERE ${JOINED}`;

/**
 * The ids matching every word, from the prefix indexes alone: one word's ranges, or the words'
 * sets intersected (so "amira patel" reads only the few households matching both, not each
 * "amira" household's row to test it for "patel").
 */
function idsOfAll(words: SearchTerm[]): string {
  return words.length === 1
    ? idsOfTerm(words[0]!)
    : words.map((w) => `SELECT id FROM (${idsOfTerm(w)})`).join(' INTERSECT ');
}

/**
 * The ways a search can match (searchWays): the words as typed, each to be matched, and the words
 * with neighbours run together, each run one word; for one word, also each way it may be a first
 * name and surname run together (joinedWays).
 */
export type SearchWays = SearchTerm[][];

/**
 * The words as typed and every way of running neighbouring words together ("van den berg":
 * "van den berg", "vanden berg", "van denberg", "vandenberg"): a caller spells a name as they hear
 * it, so "van den berg" must find a stored "Vandenberg" and "o brien" an "O'Brien" (folded
 * "obrien", which "brien" does not start; an apostrophe does not part a name, domain/fold.ts), as
 * "vandenberg" finds "Van den Berg" (household_name_parts). A household matches when every word of
 * one way is the start of one of its names, reference, email or postcode. `holds` (a run of two
 * or more words is the start of something held, from the indexes: `runHolds`) leaves out the ways
 * with a run that matches nobody, so a search whose runs find none (most) is the words alone, as
 * before. Four words at most (searchWords): eight ways.
 */
export function searchWays(words: string[], holds: (run: string) => boolean = () => true): string[][] {
  if (words.length < 2) return [words];
  const ways: string[][] = [];
  const live = new Map<string, boolean>();
  const ok = (run: string) => {
    if (!live.has(run)) live.set(run, holds(run));
    return live.get(run)!;
  };
  // Each of the n - 1 gaps between words kept (a space) or closed (run together); all kept first.
  for (let closed = 0; closed < 1 << (words.length - 1); closed++) {
    const way: string[] = [words[0]!];
    let fine = true;
    for (let i = 1; i < words.length && fine; i++) {
      if (closed & (1 << (i - 1))) {
        way[way.length - 1] += words[i]!;
        if (i === words.length - 1 || !(closed & (1 << i))) fine = ok(way[way.length - 1]!);
      } else way.push(words[i]!);
    }
    if (fine) ways.push(way);
  }
  return ways;
}

const HOLDS = `SELECT 1 FROM (${idsOf('UNION ALL')}) LIMIT 1`;
/** Whether a run of words is the start of anything held: one probe of each prefix index, stopped at the first. */
export function runHolds(db: Db): (run: string) => boolean {
  // Prepared at the first run asked about: a search of one word has none.
  let q: { get(...params: string[]): unknown } | undefined;
  return (run) => {
    q ??= db.prepare(HOLDS).pluck();
    return q.get(...SEARCH_SOURCES.flatMap((c) => bounds(c, run))) !== undefined;
  };
}

const paramsOf = (ways: SearchWays) =>
  ways.flatMap((words) =>
    words.flatMap((w) =>
      typeof w === 'string' ? SEARCH_SOURCES.flatMap((c) => bounds(c, w)) : joinedParams(w),
    ),
  );

const FIRST_NAME_HELD = 'SELECT 1 FROM households WHERE first_name_fold = ? LIMIT 1';
const JOINED_HELD = `SELECT 1 FROM households WHERE ${JOINED} LIMIT 1`;

/**
 * The ways one word may be a first name and surname run together ("annsmith": "ann" and "smith"),
 * each cut whose start is someone's whole first name (one probe of the first name's index, most
 * finding none: "patel" asks for first names "p", "pa", "pat" and "pate") and whose rest starts the
 * surname of one of them. A first name with a space ("Mary Ann") or a carer's name is not looked for
 * so (only household_name_parts could hold them run together).
 */
export function joinedWays(db: Db, word: string): SearchWays {
  const folded = foldForSearch(word);
  if (/\s/.test(folded)) return [];
  const chars = [...folded];
  const ways: SearchWays = [];
  let firstHeld: { get(...params: string[]): unknown } | undefined;
  let joinedHeld: { get(...params: string[]): unknown } | undefined;
  for (let k = 1; k < chars.length; k++) {
    const first = chars.slice(0, k).join('');
    const rest = chars.slice(k).join('');
    firstHeld ??= db.prepare(FIRST_NAME_HELD).pluck();
    if (firstHeld.get(first) === undefined) continue;
    joinedHeld ??= db.prepare(JOINED_HELD).pluck();
    if (joinedHeld.get(...joinedParams({ first, rest })) !== undefined) ways.push([{ first, rest }]);
  }
  return ways;
}

/** The ids matching any way: each way's (idsOfAll), their UNION. */
function idsOfWays(ways: SearchWays): string {
  return ways.length === 1
    ? idsOfAll(ways[0]!)
    : ways.map((words) => `SELECT id FROM (${idsOfAll(words)})`).join(' UNION ');
}

/** The words as `id IN (...)`: the planner reads the matching ids from the prefix indexes. */
export function searchIn(ways: SearchWays): { parts: string[]; params: string[] } {
  return {
    parts: ways[0]!.length ? [`id IN (${idsOfWays(ways)})`] : [],
    params: paramsOf(ways),
  };
}

const wordTest = (t: SearchTerm) =>
  typeof t === 'string' ? `(${SEARCH_SOURCES.map(rowTest).join(' OR ')})` : JOINED_ROW;

/** Each word tested on the row itself (`rowTest`), never through the prefix indexes; the ways OR-ed. */
export function searchRowTest(ways: SearchWays): { parts: string[]; params: string[] } {
  return {
    parts:
      ways.length === 1
        ? ways[0]!.map(wordTest)
        : [`(${ways.map((words) => `(${words.map(wordTest).join(' AND ')})`).join(' OR ')})`],
    params: paramsOf(ways),
  };
}

/**
 * The count of households matching the words, from the indexes only (a household matching in
 * two columns, or two ways, counts once).
 */
export function searchCountSql(search: SearchWays | string[]): { sql: string; params: string[] } {
  // Words alone are one way: those words, each to be matched.
  const ways = search.length && typeof search[0] === 'string' ? [search as string[]] : (search as SearchWays);
  const one = ways.length === 1 && ways[0]!.length === 1 && typeof ways[0]![0] === 'string';
  return {
    sql: `SELECT COUNT(*) FROM (${one ? idsOf('UNION') : idsOfWays(ways)})`,
    params: paramsOf(ways),
  };
}

/**
 * The count for one column (or the names' later parts), leaving out households an earlier one
 * already counted: the column's index range, then (only for the rows in it) a look at the row's
 * earlier columns.
 */
export function columnCountSql(
  word: string,
  column: Column,
  earlier: Column[],
): { sql: string; params: string[] } {
  const not = earlier.map((c) => ` AND NOT COALESCE(${rowTest(c)}, 0)`).join('');
  const params = [...bounds(column, word), ...earlier.flatMap((c) => bounds(c, word))];
  if (column !== 'name_part')
    return { sql: `SELECT COUNT(*) FROM households WHERE ${range(column)}${not}`, params };
  // A household with two parts in the range counts once.
  return {
    sql: earlier.length
      ? `SELECT COUNT(*) FROM households WHERE id IN (${PART_IDS})${not}`
      : 'SELECT COUNT(DISTINCT household_id) FROM household_name_parts WHERE part >= ? AND part < ?',
    params,
  };
}

/**
 * Above this many matches outside the word's biggest column, the households are counted by a
 * UNION of the index ranges (~35 ms for 87,000 ids) rather than by reading each one's row.
 */
const LOOK_UP_AT_MOST = 2000;

/**
 * How many households match one word, exactly. Each column's matches are counted from its
 * index; when the word matches in one column only (or the others add few), the total needs no
 * de-duplicating set of ids: the biggest column's count, plus the other columns' rows that the
 * bigger ones did not already count (`columnCountSql`).
 */
export function countSearch(db: Db, word: string): number {
  const counts = SEARCH_SOURCES.map((c) => {
    const q = columnCountSql(word, c, []);
    return {
      c,
      n: db
        .prepare(q.sql)
        .pluck()
        .get(...q.params) as number,
    };
  }).sort((a, b) => b.n - a.n);
  const rest = counts.slice(1).reduce((s, x) => s + x.n, 0);
  if (rest === 0) return counts[0]!.n;
  if (rest > LOOK_UP_AT_MOST) {
    const q = searchCountSql([word]);
    return db
      .prepare(q.sql)
      .pluck()
      .get(...q.params) as number;
  }
  let total = counts[0]!.n;
  for (let i = 1; i < counts.length; i++) {
    if (counts[i]!.n === 0) continue;
    const q = columnCountSql(
      word,
      counts[i]!.c,
      counts
        .slice(0, i)
        .filter((x) => x.n > 0)
        .map((x) => x.c),
    );
    total += db
      .prepare(q.sql)
      .pluck()
      .get(...q.params) as number;
  }
  return total;
}
