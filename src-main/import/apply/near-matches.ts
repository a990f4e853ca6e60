import { isoToDayNumber } from '../../domain/dates.ts';
import {
  closeEnquiries,
  DUPLICATE_WHY_LABELS,
  NEAR_DAYS,
  nameKey,
  phoneKey,
  sameNameWhy,
} from '../../domain/duplicates.ts';
import type { ImportRecord } from '../records/import-record.ts';
import type { ExistingIndex } from './existing.ts';
import type { NearMatch, PreviewRow } from './planned-change.ts';

/**
 * New households that look like ones already held (same name and close enquiry dates, or
 * the same telephone number: domain/duplicates.ts): listed in the preview for the user to merge or keep apart,
 * never merged by the import.
 */
export function nearMatches(r: ImportRecord, index: ExistingIndex): NearMatch[] {
  const out: NearMatch[] = [];
  const seen = new Set<number>();
  const enquiry = r.milestones.enquiry;
  for (const h of index.sameName(r.values.first_name, r.values.surname)) {
    if (h.reference === r.reference) continue;
    if (!closeEnquiries(enquiry, h.enquiry_date)) continue;
    seen.add(h.id);
    out.push({
      row: r.row,
      reference: r.reference,
      matchId: h.id,
      matchReference: h.reference,
      why: DUPLICATE_WHY_LABELS[sameNameWhy(enquiry, h.enquiry_date)],
    });
  }
  const phone = phoneKey(r.values.telephone);
  for (const h of phone ? (index.byPhone.get(phone) ?? []) : []) {
    if (seen.has(h.id) || h.reference === r.reference) continue;
    out.push({
      row: r.row,
      reference: r.reference,
      matchId: h.id,
      matchReference: h.reference,
      why: DUPLICATE_WHY_LABELS.telephone,
    });
  }
  return out;
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
 * would take minutes).
 */
export const FILE_NEAR_MATCHES_LISTED = 200;

export class FileNearMatches {
  /** By name, then enquiry period (UNDATED: none): the new rows so far. */
  readonly #byName = new Map<string, Map<number, ImportRecord[]>>();
  readonly #byPhone = new Map<string, ImportRecord[]>();
  #listed = 0;
  /** Whether more near matches were found than are listed. */
  more = false;

  /** `r`'s near matches among the new rows added so far, then `r` added among them. */
  take(r: ImportRecord): NearMatch[] {
    if (this.more) return [];
    const out: NearMatch[] = [];
    const seen = new Set<ImportRecord>();
    const name = r.values.surname ? nameKey(r.values.first_name, r.values.surname) : '';
    const enquiry = r.milestones.enquiry;
    const match = (m: ImportRecord, why: string) => {
      if (this.#listed === FILE_NEAR_MATCHES_LISTED) {
        this.more = true;
        this.#byName.clear();
        this.#byPhone.clear();
        return;
      }
      this.#listed++;
      seen.add(m);
      out.push({
        row: r.row,
        reference: r.reference,
        matchId: null,
        matchReference: m.reference,
        matchRow: m.row,
        why,
      });
    };
    for (const m of name ? this.#sameName(name, enquiry) : []) {
      if (m.reference === r.reference || !closeEnquiries(enquiry, m.milestones.enquiry)) continue;
      match(m, DUPLICATE_WHY_LABELS[sameNameWhy(enquiry, m.milestones.enquiry)]);
      if (this.more) return out;
    }
    const phone = phoneKey(r.values.telephone);
    for (const m of phone ? (this.#byPhone.get(phone) ?? []) : []) {
      if (!seen.has(m) && m.reference !== r.reference) match(m, DUPLICATE_WHY_LABELS.telephone);
      if (this.more) return out;
    }
    if (name) {
      const periods = this.#byName.get(name) ?? new Map<number, ImportRecord[]>();
      this.#byName.set(name, periods);
      push(periods, periodOf(enquiry), r);
    }
    if (phone) push(this.#byPhone, phone, r);
    return out;
  }

  /** The earlier new rows of `name` that may be close to `enquiry`, in file order. */
  #sameName(name: string, enquiry: string | null | undefined): ImportRecord[] {
    const periods = this.#byName.get(name);
    if (!periods) return [];
    if (!enquiry) return [...periods.values()].flat().sort(byRow);
    const p = periodOf(enquiry);
    return [UNDATED, p - 1, p, p + 1].flatMap((k) => periods.get(k) ?? []).sort(byRow);
  }
}

/** Rows of one period are within NEAR_DAYS of each other; a close pair is in one or two neighbours. */
const UNDATED = -Infinity;
const periodOf = (enquiry: string | null | undefined): number =>
  enquiry ? Math.floor(isoToDayNumber(enquiry) / (NEAR_DAYS + 1)) : UNDATED;
const byRow = (a: ImportRecord, b: ImportRecord): number => a.row - b.row;

function push<K>(map: Map<K, ImportRecord[]>, key: K, r: ImportRecord): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
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
