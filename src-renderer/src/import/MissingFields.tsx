import type { ImportPreview } from '../../../src-main/contract/imports.ts';

interface Props {
  preview: ImportPreview;
  mapping: Record<number, string | null>;
  /** Puts `field` on `column` (null: on no column), taking it off any other. */
  onPick(field: string, column: number | null): void;
}

/**
 * What this kind of file needs and no column gives: for each, the user picks the column that
 * holds it, so a file the app could not read unaided still goes on to a preview.
 */
export function MissingFields({ preview, mapping, onPick }: Props) {
  if (preview.missing.length === 0) return null;
  const label = (key: string) => preview.fieldOptions.find((f) => f.key === key)?.label ?? key;
  const what = preview.kind === 'carers' ? 'A carers register' : 'An enquiry export';
  const columnOf = (field: string) => {
    const hit = Object.entries(mapping).find(([, f]) => f === field);
    return hit ? hit[0] : '';
  };
  return (
    <section className="import-missing" aria-labelledby="import-missing-title">
      <h2 id="import-missing-title">Choose the columns the file needs</h2>
      {preview.missing.map((need) => (
        <div key={need.label}>
          <p>
            {what} needs a column for <strong>{need.label}</strong>, and none of the headers names it. Pick
            the column that holds it
            {need.fields.length > 1 ? ' (either will do)' : ''}, then preview again.
          </p>
          <div className="import-options">
            {need.fields.map((field) => (
              <div key={field}>
                <label htmlFor={`import-need-${field}`}>Column for {label(field)}</label>
                <select
                  id={`import-need-${field}`}
                  value={columnOf(field)}
                  onChange={(e) => onPick(field, e.target.value === '' ? null : Number(e.target.value))}
                >
                  <option value="">Choose a column…</option>
                  {preview.mapping.map((m) => (
                    <option key={m.column} value={m.column}>
                      {m.header || `Column ${m.column + 1} (no header)`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
