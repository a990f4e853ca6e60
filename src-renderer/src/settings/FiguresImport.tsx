import { useId, useRef, useState } from 'react';
import type { FigureIssue } from '../../../src-main/contract/planning.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { call, pathForFile } from '../api.ts';
import { useAction } from '../ui/use-action.ts';
import { FormError } from '../ui/Field.tsx';

/** Imports targets and comparators from a csv: all of it, or nothing and every problem listed. */
export function FiguresImport({ onImported }: { onImported(): void }) {
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [result, setResult] = useState<{ imported: number; issues: FigureIssue[] } | null>(null);

  const run = () =>
    void action.run(async () => {
      const f = file.current?.files?.[0];
      if (!f) throw new Error('Choose a csv file first.');
      const r = await call('planning.importFigures', { path: await pathForFile(f) });
      setResult(r);
      if (r.imported > 0) onImported();
    });

  return (
    <div className="figures-import">
      <h3>Import figures from a csv</h3>
      <p id={`${id}-hint`} className="hint">
        A header row naming Year, Comparator, Measure and Value (and optionally Pathway), then one figure a
        row, e.g. “2024/25, England, Number of households approved, 1520”. A file with any problem changes
        nothing.
      </p>
      <label htmlFor={id}>Figures file (csv)</label>{' '}
      <input id={id} ref={file} type="file" accept=".csv,text/csv" aria-describedby={`${id}-hint`} />{' '}
      <button type="button" onClick={run} disabled={action.busy}>
        Import figures
      </button>
      <FormError error={action.error} shown={[]} />
      <div role="status">
        {result && result.issues.length === 0 && <p>Imported {countOf(result.imported, 'figure')}.</p>}
        {result && result.issues.length > 0 && (
          <>
            <p className="error">
              Nothing was imported: the file has {countOf(result.issues.length, 'problem')}.
            </p>
            <ul>
              {result.issues.slice(0, 50).map((i, n) => (
                <li key={n}>{i.message}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
