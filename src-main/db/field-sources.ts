import type { Db } from './open.ts';
import { HOUSEHOLD_COLUMNS } from '../domain/household-details.ts';

/**
 * Who set each field of a household: "values typed by hand win over imports". A field's source is
 * its field_sources row where it has one (a hand edit, an import's change, an undo's restore, a
 * merge's fill); otherwise, for a household an import created (households.created_batch), each
 * value it holds came from that batch. That last is read, not written: a first import would write
 * a row for every value of every new household (700,000 for 100,000 rows), all saying the same.
 * Every reader of provenance goes through here.
 */

/** What an import creates a household with: its details and when its enquiry was answered. */
export const CREATED_COLUMNS: readonly string[] = [...HOUSEHOLD_COLUMNS, 'responded_date'];

/** Household columns a new household takes from the file (pathway is a column of its own), sorted. */
export const CREATED_FIELDS = CREATED_COLUMNS.filter((c) => c !== 'pathway').sort();

const CREATED = new Set<string>(CREATED_FIELDS);
/** Whether a field's source can be the batch that created the household (read, not written). */
export const isCreatedField = (field: string): boolean => CREATED.has(field);

export interface FieldSourceRow {
  field: string;
  source: 'hand' | 'import';
  batch_id: number | null;
}

/** A household's sources, field by field, for the household `@id`. */
export const FIELD_SOURCES_SQL = `
  SELECT field, source, batch_id FROM field_sources WHERE household_id = @id
  UNION ALL
  SELECT f.field, 'import', h.created_batch
  FROM households h CROSS JOIN (${CREATED_FIELDS.map((f) => `SELECT '${f}' AS field`).join(' UNION ALL ')}) f
  WHERE h.id = @id AND h.created_batch IS NOT NULL
    AND COALESCE(CASE f.field ${CREATED_FIELDS.map((f) => `WHEN '${f}' THEN h.${f}`).join(' ')} END, '') <> ''
    AND NOT EXISTS (SELECT 1 FROM field_sources s WHERE s.household_id = h.id AND s.field = f.field)`;

/** Who set each field of one household (hand, or an import batch). */
export function fieldSourcesReader(db: Db): (householdId: number) => FieldSourceRow[] {
  const st = db.prepare<{ id: number }, FieldSourceRow>(FIELD_SOURCES_SQL);
  return (id) => st.all({ id });
}

/**
 * Gives household `to` the source `from` has for `field`: a merge fills a blank detail with the
 * duplicate's value and its provenance. Where the duplicate's value has no known source (a sample
 * household's), nothing is written, unless the field is one `to` would otherwise read as set by the
 * import that created it: then it is recorded as set by the person who merged (hand).
 */
export function copyFieldSource(db: Db, to: number, from: number, field: string): void {
  db.prepare<{ to: number; id: number; field: string; implied: number }>(
    `INSERT INTO field_sources (household_id, field, source, batch_id)
     SELECT @to, @field, COALESCE(s.source, 'hand'), s.batch_id
     FROM (SELECT 1) LEFT JOIN (${FIELD_SOURCES_SQL}) s ON s.field = @field
     WHERE s.source IS NOT NULL
        OR (@implied AND (SELECT created_batch FROM households WHERE id = @to) IS NOT NULL)
     ON CONFLICT (household_id, field) DO UPDATE SET source = excluded.source, batch_id = excluded.batch_id`,
  ).run({ to, id: from, field, implied: isCreatedField(field) ? 1 : 0 });
}
