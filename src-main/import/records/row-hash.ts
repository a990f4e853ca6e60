import { hash } from 'node:crypto';
import { APP_VERSION } from '../../api/version.ts';
import type { ApplicationBasis } from '../../domain/journey-dates.ts';
import type { RawCell } from '../read/raw-sheet.ts';
import type { ImportKind } from './mapping.ts';
import type { ReasonRow } from './vocab.ts';

/**
 * What a row's outcome depends on besides its own cells and the household it meets: the kind of
 * file, which column is which field, the workbook's date system, the reasons and application
 * basis set in Settings, whether hand-entered values are overwritten, and the app's version (its
 * reading and journey rules). The day is not in it: a mark records the day it was made instead
 * (db/queries/import-marks.ts), as every rule that reads the day only refuses dates after it.
 */
export interface RowHashContext {
  kind: ImportKind;
  columns: ReadonlyArray<{ column: number; field: string | null }>;
  date1904: boolean;
  reasons: readonly ReasonRow[];
  applicationBasis: ApplicationBasis;
  overwriteHand: boolean;
}

/** Bump when the reading or planning rules change within one app version (tests, development). */
const RULES = 1;

/** The context as one short key (its own hash): the start of every row hash made under it. */
export function rowHashKey(c: RowHashContext): string {
  const context = JSON.stringify([
    RULES,
    APP_VERSION,
    c.kind,
    c.columns.map((m) => [m.column, m.field]),
    c.date1904,
    c.reasons,
    c.applicationBasis,
    c.overwriteHand,
  ]);
  return hash('sha256', context, 'base64');
}

/**
 * A row's hash: every cell as read (text, number or date, types kept apart) under the context
 * key. SHA-256, so two different rows never share one in practice.
 */
export const rowHash = (key: string, cells: readonly RawCell[]): string =>
  hash('sha256', key + JSON.stringify(cells), 'base64');
