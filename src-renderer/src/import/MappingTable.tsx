import type { ImportPreview } from '../../../src-main/contract/imports.ts';

interface Props {
  preview: ImportPreview;
  mapping: Record<number, string | null>;
  onChange(column: number, field: string | null): void;
}

/** One row per column of the file: its header and the field it fills (or "Not imported"). */
export function MappingTable({ preview, mapping, onChange }: Props) {
  return (
    <table className="import-mapping">
      <caption>Columns in the file (header on row {preview.headerRow})</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Imported as</th>
        </tr>
      </thead>
      <tbody>
        {preview.mapping.map((m) => (
          <tr key={m.column}>
            <th scope="row">{m.header || `(column ${m.column + 1}, no header)`}</th>
            <td>
              <select
                aria-label={`Field for column ${m.header || m.column + 1}`}
                value={mapping[m.column] ?? ''}
                onChange={(e) => onChange(m.column, e.target.value || null)}
              >
                <option value="">Not imported</option>
                {preview.fieldOptions.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
