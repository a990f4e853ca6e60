import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FigurePathway, PlanningFigure } from '../../../src-main/contract/planning.ts';
import {
  BASES,
  BASIS_LABELS,
  FIGURE_PATHWAYS,
  MEASURES,
  MEASURE_KIND,
  MEASURE_LABELS,
  PATHWAY_SCOPE_LABELS,
  checkValue,
  figureNumberText,
  fyLabel,
  fyOf,
} from '../../../src-main/contract/vocab.ts';
import { Field } from '../ui/Field.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { LoadState } from '../ui/Page.tsx';
import { SaveStatus } from '../ui/SaveStatus.tsx';
import { useSave } from '../ui/use-save.ts';
import { useApi } from '../ui/use-api.ts';
import { call, CallError } from '../api.ts';
import { useStatus } from '../status.tsx';
import { FiguresImport } from './FiguresImport.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';

/** The years offered: five back, this one, and the next. */
function years(today: string): string[] {
  const y = Number(fyOf(today).slice(0, 4));
  return Array.from({ length: 7 }, (_, i) => fyLabel(y + 1 - i));
}

type Grid = Record<string, string>;
const cellKey = (basis: string, measure: string) => `${basis}|${measure}`;
/** The contract's field for a box: its place in the list sent (every basis × measure, in order). */
const fieldOf = (basis: number, measure: number) => `figures.${basis * MEASURES.length + measure}.value`;

function gridOf(figures: readonly PlanningFigure[], fy: string, pathway: FigurePathway): Grid {
  const out: Grid = {};
  for (const f of figures)
    if (f.fy === fy && f.pathway === pathway) out[cellKey(f.basis, f.measure)] = String(f.value);
  return out;
}

/**
 * Targets and comparators (Settings): a year's figures typed into a grid of basis × measure, or
 * a csv imported whole. They appear on the recruitment table, its exports and the Home screen.
 */
export function PlanningSettings() {
  // The core's today (never the browser's clock) says which year is "this year".
  const today = useStatus().status?.today;
  const figures = useApi('planning.getFigures', {});
  const [fy, setFy] = useState<string | null>(null);
  const [pathway, setPathway] = useState<FigurePathway>('mainstream');
  const [grid, setGrid] = useState<Grid>({});
  const action = useSave();
  const table = useRef<HTMLTableElement>(null);
  const errorId = useId();
  const year = fy ?? (today ? fyOf(today) : null);

  useEffect(() => {
    if (figures.data && year) setGrid(gridOf(figures.data.figures, year, pathway));
  }, [figures.data, year, pathway]);

  // A refused box takes focus, so the person is where the message says.
  const refused = action.error?.field;
  useEffect(() => {
    if (refused) table.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [refused, action.error]);

  if (!today || !year) return null;
  // The grid appears once the stored figures are in: a box typed into before then was emptied,
  // or given the stored figure, when they arrived (Settings reads much at once, so they can be late).
  if (!figures.data)
    return (
      <section aria-labelledby="planning-title">
        <h2 id="planning-title">Targets and comparators</h2>
        <LoadState loading={figures.loading} failure={figures.failure} />
      </section>
    );

  const save = (e: FormEvent) => {
    e.preventDefault();
    action.save(async () => {
      const list = BASES.flatMap((basis) =>
        MEASURES.map((measure) => {
          const text = figureNumberText(grid[cellKey(basis, measure)] ?? '');
          return { basis, measure, value: text === '' ? null : Number(text) };
        }),
      );
      // Words are not a number, and NaN crosses JSON as null, which removes a figure: refuse here,
      // in the core's words, as the core refuses a number it cannot store; every box at once, each
      // marked (helper-247: only the first was).
      const issues = list.flatMap((f, i) =>
        f.value !== null && !Number.isFinite(f.value)
          ? [
              {
                field: `figures.${i}.value`,
                message: `${BASIS_LABELS[f.basis]}, ${MEASURE_LABELS[f.measure]}: ${checkValue(f.measure, f.value)}`,
              },
            ]
          : [],
      );
      if (issues.length > 0)
        throw new CallError({
          code: 'invalid_input',
          message: issues.map((x) => x.message).join(' '),
          field: issues[0]!.field,
          issues,
        });
      // The save's answer holds every stored figure: shown as it is, with the grid still locked,
      // rather than read again. A refresh answered after "Saved" overwrote a box typed meanwhile.
      figures.replace(await call('planning.setFigures', { fy: year, pathway, figures: list }));
      return `Saved the ${year} figures.`;
    });
  };

  return (
    <section aria-labelledby="planning-title">
      <h2 id="planning-title">Targets and comparators</h2>
      <p className="hint">
        Annual targets and the figures you compare with. Leave a box empty for no figure. Rates are
        percentages.
      </p>
      <form onSubmit={save}>
        {/* No typing while it saves: the grid is drawn afresh from the save's answer. */}
        <FieldsLockedWhileSaving saving={action.busy}>
          <div className="planning-choices">
            <Field label="Financial year">
              {(a) => (
                <select {...a} value={year} onChange={(e) => setFy(e.target.value)}>
                  {years(today).map((y) => (
                    <option key={y}>{y}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Pathway">
              {(a) => (
                <select {...a} value={pathway} onChange={(e) => setPathway(e.target.value as FigurePathway)}>
                  {FIGURE_PATHWAYS.map((p) => (
                    <option key={p} value={p}>
                      {PATHWAY_SCOPE_LABELS[p]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <TableScroll>
            <table className="planning-grid" ref={table}>
              <caption className="visually-hidden">
                Targets and comparators for {year}, {PATHWAY_SCOPE_LABELS[pathway]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  {MEASURES.map((m) => (
                    <th scope="col" key={m}>
                      {MEASURE_LABELS[m]}
                      {MEASURE_KIND[m] === 'rate' ? ' (%)' : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {BASES.map((b, bi) => (
                  <tr key={b}>
                    <th scope="row">{BASIS_LABELS[b]}</th>
                    {MEASURES.map((m, mi) => (
                      <td key={m}>
                        <input
                          autoComplete="off"
                          {...(action.errorFor(fieldOf(bi, mi))
                            ? { 'aria-invalid': true, 'aria-describedby': errorId }
                            : {})}
                          type="text"
                          inputMode="decimal"
                          size={7}
                          aria-label={`${BASIS_LABELS[b]}: ${MEASURE_LABELS[m]}, ${year}`}
                          value={grid[cellKey(b, m)] ?? ''}
                          onChange={(e) => setGrid((g) => ({ ...g, [cellKey(b, m)]: e.target.value }))}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </FieldsLockedWhileSaving>
        <SaveStatus save={action} label="Save figures" errorId={errorId} />
      </form>
      <FiguresImport onImported={figures.refresh} />
    </section>
  );
}
