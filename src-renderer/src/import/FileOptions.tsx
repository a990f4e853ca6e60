import type { ImportPreview } from '../../../src-main/contract/imports.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';

export type ImportKind = 'auto' | 'enquiries' | 'carers';

/**
 * How to read the chosen file: which sheet, which kind of file, and whether its values may
 * overwrite values typed by hand. Each change reads the file again.
 */
export function FileOptions({
  preview,
  kind,
  overwrite,
  onSheet,
  onKind,
  onOverwrite,
}: {
  preview: ImportPreview;
  kind: ImportKind;
  overwrite: boolean;
  onSheet(sheet: string): void;
  onKind(kind: ImportKind): void;
  onOverwrite(overwrite: boolean): void;
}) {
  return (
    <div className="import-options">
      <div>
        <label htmlFor="import-sheet">Sheet</label>
        <select
          id="import-sheet"
          value={preview.sheet}
          disabled={preview.format === 'csv'}
          onChange={(e) => onSheet(e.target.value)}
        >
          {preview.sheets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} ({countOf(s.rows, 'row')}
              {s.hidden ? ', hidden' : ''}
              {s.hasHeader ? '' : ', no header found'})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="import-kind">Kind of file</label>
        <select id="import-kind" value={kind} onChange={(e) => onKind(e.target.value as ImportKind)}>
          <option value="auto">
            Detect ({preview.kind === 'carers' ? 'carers register' : 'enquiry export'})
          </option>
          <option value="enquiries">Enquiry export</option>
          <option value="carers">Carers register</option>
        </select>
      </div>
      <div>
        <label>
          <input
            id="import-overwrite"
            type="checkbox"
            checked={overwrite}
            onChange={(e) => onOverwrite(e.target.checked)}
          />{' '}
          Let this file overwrite values entered by hand
        </label>
      </div>
    </div>
  );
}
