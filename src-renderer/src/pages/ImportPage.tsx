import { useEffect, useState, type ChangeEvent } from 'react';
import type { ImportResult } from '../../../src-main/contract/imports.ts';
import { pathForFile } from '../api.ts';
import { MappingTable } from '../import/MappingTable.tsx';
import { MissingFields } from '../import/MissingFields.tsx';
import { PastImports } from '../import/PastImports.tsx';
import { PreviewReport } from '../import/PreviewReport.tsx';
import { useImportJob, type StartOptions } from '../import/use-import-job.ts';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';
import '../import/import.css';

type Kind = 'auto' | 'enquiries' | 'carers';

export function ImportPage(_props: PageProps) {
  const { refresh } = useStatus();
  const { job, error, start, cancel, commit, reset } = useImportJob();
  const [file, setFile] = useState<{ path: string; fileName: string } | null>(null);
  const [kind, setKind] = useState<Kind>('auto');
  const [overwrite, setOverwrite] = useState(false);
  const [mapping, setMapping] = useState<Record<number, string | null>>({});
  const [profileName, setProfileName] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const preview = job?.preview ?? null;

  useEffect(() => {
    if (!preview) return;
    setMapping(Object.fromEntries(preview.mapping.map((m) => [m.column, m.field])));
    setProfileName(preview.profile ?? '');
  }, [preview]);

  const run = (o: Partial<StartOptions> & { path: string; fileName: string }) => {
    setResult(null);
    void start({ kind, overwriteHand: overwrite, ...o });
  };

  const chooseFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    reset();
    setResult(null);
    setUploading(true);
    setUploadError(null);
    try {
      const path = await pathForFile(chosen);
      const f = { path, fileName: chosen.name };
      setFile(f);
      run(f);
    } catch (err) {
      setUploadError((err as Error).message);
    } finally {
      setUploading(false);
    }
  };

  const mappingChanged =
    preview !== null && preview.mapping.some((m) => (mapping[m.column] ?? null) !== m.field);
  // A needed field with no column, or a header fitting two fields: the user answers, then previews again.
  const needsColumns = (preview?.missing.length ?? 0) > 0;
  const unanswered = (preview?.questions.length ?? 0) > 0;
  const pick = (field: string, column: number | null) =>
    setMapping((m) => {
      const next: Record<number, string | null> = {};
      for (const [c, f] of Object.entries(m)) next[Number(c)] = f === field ? null : f;
      if (column !== null) next[column] = field;
      return next;
    });
  const rerun = (extra: Partial<StartOptions> = {}) => {
    if (!file) return;
    run({ ...file, sheet: preview?.sheet, ...extra });
  };

  const doCommit = async () => {
    const r = await commit(profileName.trim() || undefined);
    if (r) {
      setResult(r);
      setVersion((v) => v + 1);
      await refresh();
    }
  };

  const running = job?.state === 'running';
  const failure =
    uploadError ??
    error ??
    (job?.state === 'failed' || job?.state === 'cancelled' ? job.error?.message : null);

  return (
    <section aria-labelledby="page-title" className="import-steps">
      <h1 id="page-title">Import</h1>
      <p>
        Import an enquiry export or a carers register (Excel .xlsx or .xls, OpenDocument .ods, or CSV). You
        will see exactly what will change before anything is saved.
      </p>

      <div>
        <label htmlFor="import-file">Spreadsheet or CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".xlsx,.xls,.ods,.csv,.txt,.tsv"
          disabled={running || uploading}
          onChange={(e) => void chooseFile(e)}
        />
      </div>

      {(running || uploading) && (
        <div className="import-progress" role="status" aria-live="polite">
          <p>
            {uploading
              ? 'Preparing the file…'
              : job && job.totalRows > 0
                ? `Read ${job.rowsRead.toLocaleString('en-GB')} of ${job.totalRows.toLocaleString('en-GB')} rows`
                : 'Reading the file…'}
          </p>
          <progress
            aria-label="Rows read"
            max={job?.totalRows || 1}
            value={job && job.totalRows > 0 ? job.rowsRead : undefined}
          />
          {running && (
            <button type="button" className="secondary" onClick={() => void cancel()}>
              Cancel
            </button>
          )}
        </div>
      )}

      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}

      {result && (
        <p className="banner" role="status">
          {result.batch !== null
            ? `Imported as batch ${result.batch}: ${result.new} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.duplicates} duplicates, ${result.rejected} rejected.`
            : 'Nothing was imported.'}
        </p>
      )}

      {preview && job?.state === 'ready' && (
        <>
          <div className="import-options">
            <div>
              <label htmlFor="import-sheet">Sheet</label>
              <select
                id="import-sheet"
                value={preview.sheet}
                disabled={preview.format === 'csv'}
                onChange={(e) => rerun({ sheet: e.target.value, mapping: undefined })}
              >
                {preview.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name} ({s.rows.toLocaleString('en-GB')} rows{s.hasHeader ? '' : ', no header found'})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="import-kind">Kind of file</label>
              <select
                id="import-kind"
                value={kind}
                onChange={(e) => {
                  const k = e.target.value as Kind;
                  setKind(k);
                  rerun({ kind: k });
                }}
              >
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
                  type="checkbox"
                  checked={overwrite}
                  onChange={(e) => {
                    setOverwrite(e.target.checked);
                    rerun({
                      overwriteHand: e.target.checked,
                      mapping: mappingChanged ? mappingList(mapping) : undefined,
                    });
                  }}
                />{' '}
                Let this file overwrite values entered by hand
              </label>
            </div>
          </div>

          <MissingFields preview={preview} mapping={mapping} onPick={pick} />
          <MappingTable
            preview={preview}
            mapping={mapping}
            onChange={(column, field) => setMapping((m) => ({ ...m, [column]: field }))}
          />
          {(mappingChanged || unanswered) && (
            <div className="import-actions">
              <button type="button" onClick={() => rerun({ mapping: mappingList(mapping) })}>
                Preview with this mapping
              </button>
            </div>
          )}

          {!needsColumns && <PreviewReport preview={preview} />}

          {!needsColumns && (
            <div className="import-options">
              <div>
                <label htmlFor="import-profile">Save this mapping as (optional)</label>
                <input
                  id="import-profile"
                  type="text"
                  value={profileName}
                  placeholder="e.g. Mosaic monthly export"
                  onChange={(e) => setProfileName(e.target.value)}
                />
              </div>
            </div>
          )}
          <div className="import-actions">
            {!needsColumns && (
              <button
                type="button"
                disabled={mappingChanged || unanswered || preview.counts.rejected === preview.counts.rows}
                onClick={() => void doCommit()}
              >
                Import {(preview.counts.new + preview.counts.updated).toLocaleString('en-GB')} changes
              </button>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                // Stops the worker holding this preview, then clears the screen.
                void cancel().then(() => {
                  reset();
                  setFile(null);
                });
              }}
            >
              Cancel
            </button>
          </div>
          {mappingChanged ? (
            <p className="hint">Preview the new mapping before importing.</p>
          ) : (
            unanswered && (
              <p className="hint">
                {needsColumns
                  ? 'Choose the columns the file needs, then preview again.'
                  : 'Choose a field for each marked column (or leave it Not imported), then preview again.'}
              </p>
            )
          )}
        </>
      )}

      <PastImports version={version} onUndone={() => void refresh()} />
    </section>
  );
}

const mappingList = (m: Record<number, string | null>) =>
  Object.entries(m).map(([column, field]) => ({ column: Number(column), field }));
