import { readFileSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../contract/errors.ts';
import type { Db } from '../db/open.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { readFigures, replaceFigures, upsertFigures } from '../db/queries/planning-figures.ts';
import {
  BASIS_LABELS,
  checkValue,
  MEASURE_LABELS,
  type Basis,
  type FigurePathway,
  type Measure,
  type PlanningFigure,
} from '../domain/targets.ts';
import { parsePlanningCsv, type FigureIssue } from '../import/planning-csv.ts';
import { decodeText } from '../import/read/decode-text.ts';

/** Targets and comparators: typed in per year and pathway, or imported from a csv. */
const MAX_BYTES = 1024 * 1024;

/** Changes figures in one transaction with its audit entry (old and new figures of what changed). */
function save(db: Db, user: string, how: string, change: () => void): void {
  db.transaction(() => {
    const old = readFigures(db);
    change();
    writeAudit(db, {
      user,
      action: how,
      entity: 'settings',
      field: 'planning.figures',
      oldValue: old,
      newValue: readFigures(db),
    });
  })();
}

export function setFigures(
  db: Db,
  user: string,
  input: {
    fy: string;
    pathway: FigurePathway;
    figures: Array<{ basis: Basis; measure: Measure; value: number | null }>;
  },
): PlanningFigure[] {
  // Every box at fault at once, each named, as the screen refuses words in them (a Save said only
  // the first: 10.5 households and a rate of 150 % together gave "Give a whole number." alone).
  const issues = input.figures.flatMap((f, i) => {
    const bad = f.value === null ? null : checkValue(f.measure, f.value);
    return bad
      ? [
          {
            field: `figures.${i}.value`,
            message: `${BASIS_LABELS[f.basis]}, ${MEASURE_LABELS[f.measure]}: ${bad}`,
          },
        ]
      : [];
  });
  if (issues.length > 0)
    throw new ApiError('invalid_input', issues.map((x) => x.message).join(' '), issues[0]!.field, issues);
  const mine = input.figures
    .filter((f): f is typeof f & { value: number } => f.value !== null)
    .map((f) => ({
      fy: input.fy,
      pathway: input.pathway,
      basis: f.basis,
      measure: f.measure,
      value: f.value,
    }));
  save(db, user, 'update', () => replaceFigures(db, input.fy, input.pathway, mine));
  return readFigures(db);
}

export function importFigures(
  db: Db,
  user: string,
  path: string,
): { imported: number; issues: FigureIssue[] } {
  const name = basename(path);
  const unreadable = () => new ApiError('not_found', `${name}: the file cannot be read.`, 'path');
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    throw unreadable();
  }
  // Read, a folder (or a file the disk fails to give) crossed the door as "Something went wrong: EISDIR …".
  if (stat.isDirectory())
    throw new ApiError('refused', `${name} is a folder, not a file: choose the file itself.`, 'path');
  if (stat.size > MAX_BYTES) {
    return {
      imported: 0,
      issues: [{ row: null, column: null, message: `${name} is over 1 MB: that is not a file of figures.` }],
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw unreadable();
  }
  const { figures, issues } = parsePlanningCsv(name, decodeText(bytes));
  if (issues.length) return { imported: 0, issues };
  // A figure in the file replaces the same one already held; the rest are kept.
  save(db, user, 'import', () => upsertFigures(db, figures));
  return { imported: figures.length, issues: [] };
}

/** One figure, or null. */
export function figureOf(
  figures: readonly PlanningFigure[],
  fy: string,
  pathway: FigurePathway,
  basis: Basis,
  measure: Measure,
): number | null {
  return (
    figures.find((f) => f.fy === fy && f.pathway === pathway && f.basis === basis && f.measure === measure)
      ?.value ?? null
  );
}
