import { closeEnquiries, DUPLICATE_WHY_LABELS, phoneKey, sameNameWhy } from '../../domain/duplicates.ts';
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
