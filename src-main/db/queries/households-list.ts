import type { Db } from '../open.ts';
import type {
  Dashboard,
  HouseholdListRow,
  HouseholdFilter as ListFilter,
  PipelineColumn,
  SortColumn,
  DuplicateCandidate,
} from '../../domain/household-records.ts';
import { daysBetween } from '../../domain/dates.ts';
import { duplicateKeys, duplicateWhy, nameKey, nameKeyOfFolds } from '../../domain/duplicates.ts';
import { fyEnd, fyStart } from '../../domain/financial-year.ts';
import { OPEN_STAGES, type Pathway } from '../../domain/stages.ts';
import type { AlertKind } from '../../domain/alerts.ts';
import { shownName } from '../../domain/words.ts';
import { foundByPeople, joinedHolds, ownAnswers, type SearchedPerson } from '../../domain/search-parts.ts';
import {
  countSearch,
  joinedWays,
  runHolds,
  searchCountSql,
  searchIn,
  searchRowTest,
  searchWays,
  searchWords,
  type SearchWays,
} from './households-search.ts';
import { leadValuesSql, orderOf, PIPELINE_ORDER, SORT_LEAD, STANDING_SINCE } from './households-order.ts';

/**
 * The households list: every query here is answered by an index (migration 0002 adds the
 * missing ones; tests/integration/households/query-plan.test.ts checks with EXPLAIN QUERY PLAN).
 * SQL text is assembled only from the fixed fragments below and in households-order.ts (the order);
 * every user value is a bound parameter.
 */
export interface Where {
  sql: string;
  params: Array<string | number>;
}

/**
 * Filter columns whose index runs on in the sort's order: `(stage, enquiry_date)` and the like
 * (migrations 1 and 4), with the id after them as in every index. An equality on one reads its matches
 * already in the page's order, however many there are, so even in 'sort' mode it keeps its index:
 * walking the enquiry dates instead for a Stage 1 filter keeping 7% of 1,000,000 households took
 * 54 ms a page (90 ms where the matches are old), reading the stage's index 1 ms. Of several such
 * filters only the first listed keeps its index, the likeliest to keep fewest rows (a stage before
 * a source, a pathway or a status): left to choose without statistics, SQLite took the status's
 * index whenever there was one, and a far page of closed households at Stage 1 walked 85% of them.
 */
const IN_SORT_ORDER: Partial<Record<SortColumn, ReadonlyArray<'stage' | 'source' | 'pathway' | 'status'>>> = {
  enquiryDate: ['stage', 'source', 'pathway', 'status'],
};

/**
 * How a page is found. 'filter': through the filter's index, then sorted (best when the filter
 * keeps few rows). 'sort': by walking the sort column's index in order and testing each row
 * against the filter, stopping at the page (best when the filter keeps most rows, where sorting
 * them all would take a second at 100,000). A leading `+` stops SQLite using a filter's index.
 *
 * A 'filter' plan asked for overdue households reads the overdue flag's index alone and tests the
 * rest on each row: only households whose next alert is past its day are overdue, a few in a
 * hundred, while the stage's, source's, pathway's and status's indexes run in enquiry-date order,
 * so SQLite, left to choose without statistics, read one of those to save the sort. At 1,000,000
 * households a count of overdue households at Stage 1 read 66,525 rows for 438 (0.3 s warm, 14 s
 * cold; 0.06 s by the overdue index).
 */
export type PlanMode = 'filter' | 'sort';

/**
 * Search is by prefix of reference, first name, surname, email or postcode; each word must match one,
 * or, in one of the ways the words run together (households-search.ts searchWays), each run must.
 * In 'filter' mode the words' ids come from the prefix indexes (a UNION of index ranges, so the
 * planner never falls back to reading every row); in 'sort' mode each walked row is tested itself.
 */
export function whereOf(
  f: Omit<ListFilter, 'dir'>,
  mode: PlanMode = 'filter',
  ways: SearchWays = searchWays(searchWords(f.search)),
): Where {
  const search = (mode === 'sort' ? searchRowTest : searchIn)(ways);
  const parts: string[] = search.parts;
  const params: Array<string | number> = search.params;
  const add = (sql: string, ...values: Array<string | number>) => {
    parts.push(sql);
    params.push(...values);
  };
  const sort = f.sort ?? 'enquiryDate';
  const inOrder = IN_SORT_ORDER[sort]?.find((c) => f[c]);
  const lead = mode === 'sort' ? [SORT_LEAD[sort], inOrder] : f.overdue === true ? ['overdue'] : null;
  const col = (c: string) => (lead && !lead.includes(c) ? `+${c}` : c);
  if (f.stage) add(`${col('stage')} = ?`, f.stage);
  if (f.status) add(`${col('status')} = ?`, f.status);
  if (f.pathway) add(`${col('pathway')} = ?`, f.pathway);
  if (f.source) add(`${col('source')} = ?`, f.source);
  if (f.fy) add(`${col('enquiry_date')} BETWEEN ? AND ?`, fyStart(f.fy), fyEnd(f.fy));
  if (f.overdue !== undefined) add(`${col('overdue')} = ?`, f.overdue ? 1 : 0);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface ListRow {
  id: number;
  reference: string;
  first_name: string | null;
  surname: string | null;
  purged_at: string | null;
  pathway: Pathway;
  stage: string;
  stage_date: string | null;
  standing_since: string | null;
  source: string | null;
  enquiry_date: string | null;
  status: HouseholdListRow['status'];
  next_alert: AlertKind | null;
  next_alert_date: string | null;
  overdue: number;
  email: string | null;
  telephone: string | null;
  postcode: string | null;
  reason: string | null;
}

const COLUMNS = `id, reference, first_name, surname, purged_at, pathway, stage, stage_date,
  ${STANDING_SINCE} AS standing_since, source, enquiry_date, status,
  next_alert, next_alert_date, overdue, email, telephone, postcode, CASE status
    WHEN 'closed' THEN (SELECT COALESCE(r.label, c.reason_key) FROM closures c
      LEFT JOIN reasons r ON r.list = c.reason_list AND r.key = c.reason_key
      WHERE c.household_id = households.id AND c.episode = households.episode)
    WHEN 'ceased' THEN (SELECT COALESCE(r.label, c.reason_key) FROM cessations c
      LEFT JOIN reasons r ON r.list = c.reason_list AND r.key = c.reason_key WHERE c.household_id = households.id)
    END AS reason`;

/** `amira.khan@example.org` → `a•••@example.org`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.indexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/** `07700900123` → `07•••••••23`. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s+/g, '');
  return digits.length <= 4
    ? '•••'
    : `${digits.slice(0, 2)}${'•'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

function toListRow(r: ListRow, today: string, masked: boolean): HouseholdListRow {
  return {
    id: r.id,
    reference: r.reference,
    name: shownName(r),
    pathway: r.pathway,
    stage: r.stage,
    stageDate: r.stage_date,
    // None once ended (STANDING_SINCE), nor before the stage begins.
    daysInStage: r.standing_since && r.standing_since <= today ? daysBetween(r.standing_since, today) : null,
    source: r.source,
    enquiryDate: r.enquiry_date,
    status: r.status,
    nextAlert: r.next_alert,
    nextAlertDate: r.next_alert_date,
    overdue: r.overdue === 1,
    email: masked ? maskEmail(r.email) : r.email,
    telephone: masked ? maskPhone(r.telephone) : r.telephone,
    reason: r.reason,
  };
}

/** A search with no other filter: counted from the prefix indexes alone. */
function searchOnly(f: Omit<ListFilter, 'dir'>): boolean {
  const others = [f.stage, f.status, f.pathway, f.source, f.fy, f.overdue].some((v) => v !== undefined);
  return searchWords(f.search).length > 0 && !others;
}

/**
 * The ways a search can match, less those with a run of words run together that matches nobody;
 * for one word, with each way it is someone's first name and surname run together (joinedWays).
 */
function liveWays(db: Db, f: Omit<ListFilter, 'dir'>): SearchWays {
  const words = searchWords(f.search);
  const ways: SearchWays = searchWays(words, runHolds(db));
  return words.length === 1 ? [...ways, ...joinedWays(db, words[0]!)] : ways;
}

/**
 * The SQL of one page and of the count, exposed so the query-plan test checks exactly what runs
 * (by default with every way of running the words together, as if each matched someone).
 */
export function listSql(
  f: ListFilter,
  mode: PlanMode = 'filter',
  reversed = false,
  ways: SearchWays = searchWays(searchWords(f.search)),
): { page: string; count: string; params: Array<string | number>; countParams: Array<string | number> } {
  const w = whereOf(f, mode, ways);
  const c = whereOf(f, 'filter', ways);
  const count = searchOnly(f) ? searchCountSql(ways) : null;
  // The lead's values lead the walk in 'sort' mode or where nothing else is asked (households-order.ts).
  const values = leadValuesSql(f.sort, mode === 'sort' || !w.sql);
  const where = values ? `${w.sql ? `${w.sql} AND` : 'WHERE'} ${values}` : w.sql;
  return {
    page: `SELECT ${COLUMNS} FROM households ${where} ${orderOf(f.sort, f.dir, reversed)} LIMIT ? OFFSET ?`,
    count: count?.sql ?? `SELECT COUNT(*) FROM households ${c.sql}`,
    params: w.params,
    countParams: count?.params ?? c.params,
  };
}

/** Filters keeping more than this share of all households are answered in 'sort' mode. */
const BROAD = 0.05;

/**
 * Which plan finds a page fastest, from the number of matches and an estimate of all households.
 * A broad filter walks the sort index (sorting most of the table would take a second). A search
 * walks it when each walked row is likelier to match than a match's row is cheap to read and sort:
 * about n × 100 / matches rows walked against `matches` rows read, so beyond √(100 n) matches
 * (10,000 at 1,000,000 households). Never when sorting by name or reference: the matches of a
 * name search sit together in that order, so the walk would pass every row before them.
 */
function planFor(f: ListFilter, matches: number, all: number): PlanMode {
  if (!searchWords(f.search).length) return matches > 1000 && matches > all * BROAD ? 'sort' : 'filter';
  if (f.sort === 'name' || f.sort === 'reference') return 'filter';
  return matches > 1000 && matches * matches > 100 * all ? 'sort' : 'filter';
}

export function listHouseholds(
  db: Db,
  f: ListFilter,
  page: { offset: number; limit: number },
  today: string,
): { total: number; rows: HouseholdListRow[] } {
  // One read transaction: the count and the page see the same rows (a far page is found from the count).
  return db.transaction(() => {
    const ways = liveWays(db, f);
    const q = listSql(f, 'filter', false, ways);
    // One word: counted column by column (no set of ids when it matches one column); more: the sets' intersection.
    const total =
      searchOnly(f) && ways.length === 1 && ways[0]!.length === 1 && typeof ways[0]![0] === 'string'
        ? countSearch(db, ways[0]![0])
        : (db
            .prepare(q.count)
            .pluck()
            .get(...q.countParams) as number);
    const filtered = q.countParams.length > 0;
    // The plan choice needs only the size of the table: the highest id stands for it (no count of every row).
    const all = filtered
      ? ((db.prepare('SELECT MAX(id) FROM households').pluck().get() as number | null) ?? 0)
      : total;
    const mode = planFor(f, total, all);
    // A page past the middle is read from the other end, in the opposite order: the rows skipped
    // to reach it (the OFFSET, walked one by one) are then fewer than half the list, not up to all of it.
    const fromEnd = page.offset > total / 2;
    const run = listSql(f, mode, fromEnd, ways);
    const limit = fromEnd ? Math.min(page.limit, total - page.offset) : page.limit;
    const offset = fromEnd ? Math.max(0, total - page.offset - page.limit) : page.offset;
    if (limit <= 0) return { total, rows: [] };
    const found = db.prepare<unknown[], ListRow>(run.page).all(...run.params, limit, offset);
    if (fromEnd) found.reverse();
    const rows = found.map((r) => toListRow(r, today, true));
    if (ways[0]!.length) sayFoundBy(db, ways, found, rows);
    return { total, rows };
  })();
}

/**
 * Each searched row found by carers' own names rather than the household's gets who they are
 * (`foundBy`): the page's carers are read, by household, only for rows whose own names, reference,
 * email and postcode do not answer the search (most answer it: no read).
 */
function sayFoundBy(db: Db, ways: SearchWays, found: ListRow[], rows: HouseholdListRow[]): void {
  // A first name and surname run together is always the household's own (joinedWays).
  const words = ways.filter((w): w is string[] => w.every((t) => typeof t === 'string'));
  const joined = ways.flatMap((w) => w.filter((t) => typeof t !== 'string'));
  const ask = found.filter((r) => !ownAnswers(words, r) && !joined.some((t) => joinedHolds(t, r)));
  if (!ask.length) return;
  const people = db
    .prepare<[string], SearchedPerson & { household_id: number }>(
      `SELECT household_id, position, first_name, surname, left_on FROM household_people
       WHERE household_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ask.map((r) => r.id)));
  for (const r of ask) {
    const by = foundByPeople(
      words,
      r,
      people.filter((p) => p.household_id === r.id),
    );
    if (!by.length) continue;
    rows.find((x) => x.id === r.id)!.foundBy = by.map((p) => ({
      name: [p.first_name, p.surname].filter(Boolean).join(' ') || '(no name)',
      position: p.position,
      left: p.left_on !== null,
    }));
  }
}

/** Every row of the filtered list (for export), in the list's order, unmasked; iterated, not loaded at once. */
export function* iterateList(db: Db, f: ListFilter, today: string): Generator<HouseholdListRow> {
  const q = listSql(f, 'filter', false, liveWays(db, f));
  const sql = q.page.replace(/LIMIT \? OFFSET \?$/, '');
  for (const r of db.prepare<unknown[], ListRow>(sql).iterate(...q.params)) yield toListRow(r, today, false);
}

export function pipeline(
  db: Db,
  pathway: Pathway | undefined,
  limit: number,
  today: string,
): PipelineColumn[] {
  const p = pathway ? ' AND pathway = ?' : '';
  const count = db.prepare(`SELECT COUNT(*) FROM households WHERE status = 'open' AND stage = ?${p}`).pluck();
  const rows = db.prepare<unknown[], ListRow>(
    `SELECT ${COLUMNS} FROM households WHERE status = 'open' AND stage = ?${p}
     ${PIPELINE_ORDER} LIMIT ?`,
  );
  return OPEN_STAGES.map((stage) => {
    const args = pathway ? [stage, pathway] : [stage];
    return {
      stage,
      count: count.get(...args) as number,
      households: rows.all(...args, limit).map((r) => ({
        id: r.id,
        reference: r.reference,
        name: shownName(r),
        stageDate: r.stage_date,
        days: r.stage_date ? Math.max(0, daysBetween(r.stage_date, today)) : null,
        overdue: r.overdue === 1,
      })),
    };
  });
}

/**
 * The count above the households list, of every pathway or of the one the list is filtered to.
 * Of one pathway, the overdue households are read by the overdue flag's index and the open ones by
 * the status's, the pathway tested on each row (`+pathway`: the pathway's index holds most
 * households, closed ones too, and SQLite, left to choose, read it for the overdue ones). The
 * overdue count is the sum of their kinds (each has its next alert), so they are read once; the
 * open households are read as the pipeline's counts of one pathway read them. No full scan.
 */
export function dashboard(db: Db, pathway?: Pathway): Dashboard {
  type ByKind = { kind: AlertKind; count: number };
  if (pathway) {
    const byAlert = db
      .prepare<[string], ByKind>(
        `SELECT next_alert AS kind, COUNT(*) AS count FROM households WHERE overdue = 1 AND +pathway = ?
         GROUP BY next_alert ORDER BY count DESC`,
      )
      .all(pathway);
    const open = db
      .prepare("SELECT COUNT(*) FROM households WHERE status = 'open' AND +pathway = ?")
      .pluck()
      .get(pathway) as number;
    return { overdue: byAlert.reduce((sum, a) => sum + a.count, 0), open, byAlert, pathway };
  }
  const overdue = db.prepare('SELECT COUNT(*) FROM households WHERE overdue = 1').pluck().get() as number;
  const open = db.prepare("SELECT COUNT(*) FROM households WHERE status = 'open'").pluck().get() as number;
  const byAlert = db
    .prepare<[], ByKind>(
      'SELECT next_alert AS kind, COUNT(*) AS count FROM households WHERE overdue = 1 GROUP BY next_alert ORDER BY count DESC',
    )
    .all();
  return { overdue, open, byAlert, pathway: null };
}

type NamedRow = { first_name_fold: string | null; surname_fold: string | null };

/**
 * Households whose stored folded name has the keys `first` and `surname` (domain/duplicates.ts
 * foldedNameKey: the fold less its spaces and punctuation), read by the folded names' index
 * (surname_fold, first_name_fold: migration 31), never by a function over every row. A fold is
 * its key with separators (space, ".", ",": below "0") between its letters, so its first word is
 * one of the key's starts: for each start, the surnames that are that start and then a separator,
 * and those that are the whole key (with or without more after a separator). "Smith Jones" reads
 * "smith jones" and "smithjones", not "smithson". Such a fold also lies between its first letter
 * and the key itself, which narrows the first names: for the surname that is the key itself (most
 * of the rows: a surname held by 48,000 households at 1,000,000) a range of the index's second
 * column after an equality on its first, so only the few with such a first name are read (they
 * were each read to test the first name: ~0.14 s). A superset: callers compare the whole keys.
 */
function sameNameKey<Row extends NamedRow>(db: Db, first: string, surname: string, cols: string): Row[] {
  // No first name: none held, or one of punctuation alone (below "a").
  const firstIs = first
    ? 'first_name_fold >= ? AND first_name_fold < ?'
    : "(first_name_fold IS NULL OR first_name_fold < 'a')";
  const read = (surnameIs: string) =>
    db.prepare<string[], Row>(`SELECT ${cols} FROM households WHERE ${surnameIs} AND ${firstIs}`);
  const range = read('surname_fold >= ? AND surname_fold < ?');
  const same = read('surname_fold = ?');
  const after = read('surname_fold > ? AND surname_fold < ?');
  const firstBounds = first ? [first.slice(0, 1), `${first}0`] : [];
  const rows: Row[] = [];
  for (let i = 1; i < surname.length; i++)
    rows.push(...range.all(`${surname.slice(0, i)} `, `${surname.slice(0, i)}0`, ...firstBounds));
  rows.push(...same.all(surname, ...firstBounds), ...after.all(surname, `${surname}0`, ...firstBounds));
  return rows;
}

/**
 * Likely duplicates of a household typed by hand, by the rule an import's near matches follow
 * (domain/duplicates.ts duplicateWhy): the same email (any case), the same name and postcode, the
 * same name with an enquiry close to `enquiryDate` (any, when none is given), or the same telephone
 * number. Households are read by their email and folded names indexes (and the telephone's last
 * digits); duplicateWhy then decides and names the sign, as it does for an import's near matches.
 */
export function findDuplicates(
  db: Db,
  h: {
    email?: string | null;
    firstName?: string | null;
    surname?: string | null;
    postcode?: string | null;
    telephone?: string | null;
    enquiryDate?: string | null;
  },
  excludeId?: number,
): DuplicateCandidate[] {
  type Row = NamedRow & {
    id: number;
    reference: string;
    first_name: string | null;
    surname: string | null;
    purged_at: string | null;
    postcode: string | null;
    email: string | null;
    telephone: string | null;
    status: DuplicateCandidate['status'];
    enquiry_date: string | null;
  };
  // Candidates by each index (email, telephone, folded names), in that order; duplicateWhy decides.
  const candidates = new Map<number, Row>();
  const add = (r: Row) => {
    if (r.id !== excludeId && !candidates.has(r.id)) candidates.set(r.id, r);
  };
  const cols =
    'id, reference, first_name, surname, purged_at, postcode, email, telephone, status, enquiry_date, first_name_fold, surname_fold';
  const mine = duplicateKeys({ ...h, name: nameKey(h.firstName, h.surname), enquiry: h.enquiryDate });
  if (mine.email) {
    for (const r of db
      .prepare<[string], Row>(`SELECT ${cols} FROM households WHERE email = ? COLLATE NOCASE LIMIT 10`)
      .all(h.email!.trim()))
      add(r);
  }
  // The same telephone number, by its digits (phoneKey). Households hold no index on it (every
  // import would pay to build one), so this is one pass over the table for the numbers ending in
  // the same four digits, which the key then decides: a hand entry is one household at a time.
  if (mine.telephone) {
    for (const r of db
      .prepare<[string], Row>(`SELECT ${cols} FROM households WHERE telephone LIKE ? LIMIT 1000`)
      .all(`%${mine.telephone.slice(-4)}`))
      add(r);
  }
  const [firstKey = '', surnameKey = ''] = mine.name.split('|');
  if (surnameKey) for (const r of sameNameKey<Row>(db, firstKey, surnameKey, cols)) add(r);
  const out: DuplicateCandidate[] = [];
  for (const r of candidates.values()) {
    const why = duplicateWhy(
      mine,
      duplicateKeys({
        ...r,
        name: nameKeyOfFolds(r.first_name_fold, r.surname_fold),
        enquiry: r.enquiry_date,
      }),
    );
    if (why)
      out.push({
        id: r.id,
        reference: r.reference,
        name: shownName(r),
        postcode: r.postcode,
        email: r.email,
        status: r.status,
        enquiryDate: r.enquiry_date,
        why,
      });
  }
  return out;
}
