import { useEffect, useState } from 'react';
import type { ImportPreview } from '../../../src-main/contract/imports.ts';

export type ColumnMapping = Record<number, string | null>;

/** The mapping as the core takes it: one entry per column. */
export const mappingList = (m: ColumnMapping) =>
  Object.entries(m).map(([column, field]) => ({ column: Number(column), field }));

/**
 * The column → field choices the user is editing, starting from each new preview's own mapping.
 * `changed` says the screen no longer matches the preview, so it must be previewed again before
 * an import (the core commits only what it previewed).
 */
export function useColumnMapping(preview: ImportPreview | null) {
  const [mapping, setMapping] = useState<ColumnMapping>({});
  useEffect(() => {
    if (preview) setMapping(Object.fromEntries(preview.mapping.map((m) => [m.column, m.field])));
  }, [preview]);

  const changed = preview !== null && preview.mapping.some((m) => (mapping[m.column] ?? null) !== m.field);
  /** Sets one column's field (the mapping table). */
  const setColumn = (column: number, field: string | null) => setMapping((m) => ({ ...m, [column]: field }));
  /** Puts `field` on `column` (null: on none), taking it off any other column (a needed field). */
  const pickColumnFor = (field: string, column: number | null) =>
    setMapping((m) => {
      const next: ColumnMapping = {};
      for (const [c, f] of Object.entries(m)) next[Number(c)] = f === field ? null : f;
      if (column !== null) next[column] = field;
      return next;
    });
  return { mapping, changed, setColumn, pickColumnFor };
}
