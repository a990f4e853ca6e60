import type { Ref } from 'react';

/** The file input that starts an import; disabled while a file is being read or uploaded. */
export function FileChooser({
  disabled,
  onChoose,
  ref,
}: {
  disabled: boolean;
  onChoose(file: File): void;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <div>
      <label htmlFor="import-file">Spreadsheet or CSV file</label>
      <input
        id="import-file"
        ref={ref}
        type="file"
        accept=".xlsx,.xls,.ods,.csv,.txt,.tsv"
        disabled={disabled}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          if (chosen) onChoose(chosen);
        }}
      />
    </div>
  );
}
