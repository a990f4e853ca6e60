import type { ImportPreview } from '../../../src-main/contract/imports.ts';

interface Props {
  preview: ImportPreview;
  mapping: Record<number, string | null>;
  onChange(column: number, field: string | null): void;
}

const percent = (c: number) => `${Math.round(c * 100)} %`;

/** How the app chose a column's field (a column to choose for apart). */
function howChosen(m: ImportPreview['mapping'][number], profile: string | null): string {
  if (m.field === null) return '';
  if (m.byValues) return `Its cells are ${m.byValues}`;
  if (m.confidence === null) return profile ? `Profile "${profile}"` : 'Your choice';
  return m.confidence >= 1 ? 'Header matches' : `Header partly matches (${percent(m.confidence)})`;
}

/**
 * One row per column of the file: its header, the field it fills (or "Not imported"), and how
 * the app chose it. A header that fits two fields equally is marked for the user to choose;
 * fields the file needs but has no column for are marked "needed" in every list.
 */
export function MappingTable({ preview, mapping, onChange }: Props) {
  const label = (key: string) => preview.fieldOptions.find((f) => f.key === key)?.label ?? key;
  const needed = new Set(preview.missing.flatMap((n) => n.fields));
  return (
    <table className="import-mapping">
      <caption>Columns in the file (header on row {preview.headerRow})</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Imported as</th>
          <th scope="col">How it was chosen</th>
        </tr>
      </thead>
      <tbody>
        {preview.mapping.map((m) => {
          const tied = m.tied.length > 0 && (mapping[m.column] ?? null) === m.field;
          return (
            <tr key={m.column} className={tied ? 'needs-choice' : undefined}>
              <th scope="row">{m.header || `(column ${m.column + 1}, no header)`}</th>
              <td>
                <select
                  aria-label={`Field for column ${m.header || m.column + 1}`}
                  aria-invalid={tied || undefined}
                  // The words saying why it is marked, and what to do, read with the select (helper-247).
                  aria-describedby={tied ? `import-how-${m.column}` : undefined}
                  value={mapping[m.column] ?? ''}
                  onChange={(e) => onChange(m.column, e.target.value || null)}
                >
                  <option value="">Not imported</option>
                  {preview.fieldOptions.map((f) => (
                    <option key={f.key} value={f.key}>
                      {needed.has(f.key) ? `${f.label} (needed)` : f.label}
                    </option>
                  ))}
                </select>
              </td>
              <td id={`import-how-${m.column}`}>
                {tied
                  ? `Could be ${m.tied.map(label).join(' or ')}: choose one`
                  : howChosen(m, preview.profile)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
