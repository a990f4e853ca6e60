import type { Ref } from 'react';

/**
 * The file input that starts an import; disabled while a file is being read or uploaded. Its
 * value is emptied as soon as a file is taken, so choosing the same file again (fixed in Excel
 * and saved under the same name) is a change too and starts a new preview: an input still holding
 * that path fires none. The name of the file taken is shown beside it instead, and the input's own
 * words ("No file chosen", once emptied) are not shown (import.css): they said so above "File chosen".
 */
export function FileChooser({
  disabled,
  chosen,
  onChoose,
  ref,
}: {
  disabled: boolean;
  /** The name of the file last taken, if any. */
  chosen: string | null;
  onChoose(file: File): void;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <div>
      <label htmlFor="import-file">Spreadsheet or CSV file</label>
      <input
        id="import-file"
        className="import-file"
        ref={ref}
        type="file"
        accept=".xlsx,.xls,.ods,.csv,.txt,.tsv"
        disabled={disabled}
        aria-describedby={chosen ? 'import-file-chosen' : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The File stays readable once the input is emptied: it is read (or uploaded) from it.
          e.target.value = '';
          if (file) onChoose(file);
        }}
      />
      {chosen && (
        <p id="import-file-chosen" className="import-file-chosen">
          File chosen: {chosen}
        </p>
      )}
    </div>
  );
}
