import { isoToDayNumber } from '../../domain/dates.ts';
import {
  DUPLICATE_WHY_LABELS,
  duplicateKeys,
  duplicateWhy,
  NEAR_DAYS,
  nameKey,
  namePostcodeKey,
  type DuplicateKeys,
} from '../../domain/duplicates.ts';
import type { ImportRecord } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import type { NearMatch, PreviewRow } from './planned-change.ts';

/** A new row's keys for domain/duplicates.ts duplicateWhy: made once, weighed against held and earlier rows. */
export const rowKeys = (r: ImportRecord): DuplicateKeys =>
  duplicateKeys({
    email: r.values.email,
    name: nameKey(r.values.first_name, r.values.surname),
    postcode: r.values.postcode,
    telephone: r.values.telephone,
    enquiry: r.milestones.enquiry,
  });

/**
 * New households that look like ones already held, by every sign domain/duplicates.ts lists (the
 * same email, name and postcode, name and close enquiry dates, telephone number): listed in the
 * preview for the user to merge or keep apart, never merged by the import. Held households are
 * found by the indexes of name (which holds every one of the same name and postcode), email and
 * telephone, and duplicateWhy decides, naming the first sign they share. No set or sort of the
 * candidates: a name is held by hundreds at 100,000 households, and each new row reads them all.
 */
export function nearMatches(r: ImportRecord, index: ExistingIndex, k = rowKeys(r)): NearMatch[] {
  const out: NearMatch[] = [];
  const weigh = (h: ExistingHousehold, hk: DuplicateKeys) => {
    if (h.reference === r.reference) return;
    const why = duplicateWhy(k, hk);
    if (why)
      out.push({
        row: r.row,
        reference: r.reference,
        matchId: h.id,
        matchReference: h.reference,
        why: DUPLICATE_WHY_LABELS[why],
      });
  };
  const sameName = k.name ? index.byName.get(k.name) : undefined;
  for (const h of sameName ?? []) weigh(h, index.keysOf(h));
  // Those of another name: a household of the same name was weighed above, one of the same email below.
  for (const h of k.email ? (index.byEmail.get(k.email) ?? []) : []) {
    const hk = index.keysOf(h);
    if (!k.name || hk.name !== k.name) weigh(h, hk);
  }
  for (const h of k.telephone ? (index.byPhone.get(k.telephone) ?? []) : []) {
    const hk = index.keysOf(h);
    if ((!k.name || hk.name !== k.name) && (!k.email || hk.email !== k.email)) weigh(h, hk);
  }
  return out.length > 1 ? out.sort((a, b) => a.matchId! - b.matchId!) : out;
}

/**
 * nearMatches over a whole file, at most FILE_NEAR_MATCHES_LISTED listed (`more` then says there were
 * others): one shared email or telephone number (a CRM's "noemail@…" placeholder, the service's own
 * switchboard) held by thousands made every new row of it a match of every one of them, millions
 * of pairs in the preview, the CLI and the result (helper-283). Past the cap nothing more is weighed.
 */
export class HeldNearMatches {
  #listed = 0;
  readonly #index: ExistingIndex;
  more = false;
  constructor(index: ExistingIndex) {
    this.#index = index;
  }

  take(r: ImportRecord, k = rowKeys(r)): NearMatch[] {
    if (this.more) return [];
    const found = nearMatches(r, this.#index, k);
    if (this.#listed + found.length > FILE_NEAR_MATCHES_LISTED) {
      this.more = true;
      found.length = FILE_NEAR_MATCHES_LISTED - this.#listed;
    }
    this.#listed += found.length;
    return found;
  }
}

/**
 * New households of one file that look like each other: a CRM exports the same family twice under
 * two references (a web form and a telephone call), and in a first import, or a month's new rows,
 * neither is yet held, so nearMatches alone never saw them (helper-271: two Sarah Thompsons of the
 * same telephone, email and postcode imported as "0 duplicates", said nowhere). The same rules as
 * against the households held; each new row is weighed against the file's earlier new rows.
 * At most FILE_NEAR_MATCHES_LISTED are listed (`more` then says there were others): a large file of
 * few names (the bench's million rows hold ~500) has millions of such pairs, each row weighed
 * against thousands, and a list that long is read by no one; past it nothing more is weighed.
 * A name's earlier rows are kept by enquiry period (NEAR_DAYS + 1 days each), and a row weighed
 * only against those of its own and the neighbouring periods (and the undated, each a match): rows
 * of one name never close, spread over the years, were each weighed against every earlier one, as
 * none counted towards the cap (helper-274: 100,000 such rows took ~6 s more to plan, a million
 * would take minutes). Every earlier row of the same email, name and postcode, or telephone is a
 * match, so those count towards the cap.
 */
export const FILE_NEAR_MATCHES_LISTED = 200;

interface Earlier {
  r: ImportRecord;
  k: DuplicateKeys;
}

export class FileNearMatches {
  /** By name, then enquiry period (UNDATED: none): the new rows so far. */
  readonly #byName = new Map<string, Map<number, Earlier[]>>();
  /** By the other signs' keys (domain/duplicates.ts): the new rows so far. */
  readonly #bySign = {
    email: new Map<string, Earlier[]>(),
    namePostcode: new Map<string, Earlier[]>(),
    telephone: new Map<string, Earlier[]>(),
  };
  #listed = 0;
  /** Whether more near matches were found than are listed. */
  more = false;

  /** `r`'s near matches among the new rows added so far, then `r` added among them. */
  take(r: ImportRecord, k = rowKeys(r)): NearMatch[] {
    if (this.more) return [];
    const signs = { email: k.email, namePostcode: namePostcodeKey(k), telephone: k.telephone };
    const candidates = new Set<Earlier>(k.name ? this.#sameName(k.name, k.enquiry) : []);
    for (const sign of SIGNS)
      for (const m of signs[sign] ? (this.#bySign[sign].get(signs[sign]) ?? []) : []) candidates.add(m);
    const out: NearMatch[] = [];
    for (const m of [...candidates].sort(byRow)) {
      if (m.r.reference === r.reference) continue;
      const why = duplicateWhy(k, m.k);
      if (!why) continue;
      if (this.#listed === FILE_NEAR_MATCHES_LISTED) {
        this.more = true;
        this.#byName.clear();
        for (const sign of SIGNS) this.#bySign[sign].clear();
        return out;
      }
      this.#listed++;
      out.push({
        row: r.row,
        reference: r.reference,
        matchId: null,
        matchReference: m.r.reference,
        matchRow: m.r.row,
        why: DUPLICATE_WHY_LABELS[why],
      });
    }
    const self = { r, k };
    if (k.name) {
      const periods = this.#byName.get(k.name) ?? new Map<number, Earlier[]>();
      this.#byName.set(k.name, periods);
      push(periods, periodOf(k.enquiry), self);
    }
    for (const sign of SIGNS) if (signs[sign]) push(this.#bySign[sign], signs[sign], self);
    return out;
  }

  /** The earlier new rows of `name` that may be close to `enquiry`. */
  #sameName(name: string, enquiry: string | null): Earlier[] {
    const periods = this.#byName.get(name);
    if (!periods) return [];
    if (!enquiry) return [...periods.values()].flat();
    const p = periodOf(enquiry);
    return [UNDATED, p - 1, p, p + 1].flatMap((key) => periods.get(key) ?? []);
  }
}

const SIGNS = ['email', 'namePostcode', 'telephone'] as const;

/** Rows of one period are within NEAR_DAYS of each other; a close pair is in one or two neighbours. */
const UNDATED = -Infinity;
const periodOf = (enquiry: string | null): number =>
  enquiry ? Math.floor(isoToDayNumber(enquiry) / (NEAR_DAYS + 1)) : UNDATED;
const byRow = (a: Earlier, b: Earlier): number => a.r.row - b.r.row;

function push<K>(map: Map<K, Earlier[]>, key: K, e: Earlier): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

export function previewRow(r: ImportRecord, action: PreviewRow['action']): PreviewRow {
  return {
    row: r.row,
    action,
    reference: r.reference,
    name: [r.values.first_name, r.values.surname].filter(Boolean).join(' '),
    email: r.values.email ?? '',
    postcode: r.values.postcode ?? '',
    source: r.values.source ?? '',
    pathway: r.values.pathway ?? '',
    milestones: { ...r.milestones },
    closed: r.closure?.date ?? '',
    ceased: r.cessation?.date ?? '',
  };
}
