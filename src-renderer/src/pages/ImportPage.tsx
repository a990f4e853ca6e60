import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImportResult } from '../../../src-main/contract/imports.ts';
import { pathForFile } from '../api.ts';
import { CommitActions } from '../import/CommitActions.tsx';
import { FileChooser } from '../import/FileChooser.tsx';
import { FileOptions, type ImportKind } from '../import/FileOptions.tsx';
import { ImportedBanner } from '../import/ImportedBanner.tsx';
import { MappingTable } from '../import/MappingTable.tsx';
import { MissingFields } from '../import/MissingFields.tsx';
import { PastImports } from '../import/PastImports.tsx';
import { PreviewReport } from '../import/PreviewReport.tsx';
import { ReadingProgress } from '../import/ReadingProgress.tsx';
import { mappingList, useColumnMapping } from '../import/use-column-mapping.ts';
import { useImportJob, type StartOptions } from '../import/use-import-job.ts';
import { useStatus } from '../status.tsx';
import { Announced } from '../ui/Announced.tsx';
import type { PageProps } from './page-props.ts';
import '../import/import.css';

/**
 * Import: choose a file, let the core read it into a preview (in a worker), settle the mapping,
 * then commit. Nothing is stored before the commit, and the whole file lands or none of it.
 */
export function ImportPage(_props: PageProps) {
  const { status, refresh } = useStatus();
  const { job, error, committing, start, cancel, commit, reset } = useImportJob();
  const [file, setFile] = useState<{ path: string; fileName: string } | null>(null);
  const [kind, setKind] = useState<ImportKind>('auto');
  const [overwrite, setOverwrite] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<{ text: string } | null>(null);
  const [version, setVersion] = useState(0);
  // A refused commit (the database changed since the preview) is done with: that preview cannot be
  // imported again, so Import gives way to Preview again until a new preview is made.
  const [refused, setRefused] = useState(false);
  const previewAgain = useRef<HTMLButtonElement>(null);
  // Import, which had the focus, is gone: the keyboard goes on from Preview again.
  useEffect(() => {
    if (refused) previewAgain.current?.focus();
  }, [refused]);
  const fileInput = useRef<HTMLInputElement>(null);
  // A sheet, kind or overwrite changed reads the file again, the options cleared meanwhile: the
  // keyboard goes on from the control changed, not from the heading below or the page's top
  // (helper-247: an arrow key on the select threw focus away). The heading's own focus comes first.
  const focusAfterRead = useRef<string | null>(null);
  const preview = job?.preview ?? null;
  const columns = useColumnMapping(preview);

  const run = (o: Partial<StartOptions> & { path: string; fileName: string }) => {
    setResult(null);
    setRefused(false);
    void start({ kind, overwriteHand: overwrite, ...o });
  };
  const rerun = (extra: Partial<StartOptions> = {}) => {
    if (file) run({ ...file, sheet: preview?.sheet, ...extra });
  };

  // The file as chosen: a preview made again reads it anew (in browser mode the copy sent to the
  // core goes once its import is done with, as it is after a refused commit).
  const chosenFile = useRef<File | null>(null);
  const readFile = async (chosen: File, options: Partial<StartOptions> = {}) => {
    chosenFile.current = chosen;
    setUploading(true);
    setUploadError(null);
    try {
      const f = { path: await pathForFile(chosen), fileName: chosen.name };
      setFile(f);
      run({ ...f, ...options });
    } catch (err) {
      setUploadError({ text: (err as Error).message });
    } finally {
      setUploading(false);
    }
  };
  const chooseFile = (chosen: File) => {
    reset();
    setFile(null);
    setResult(null);
    return readFile(chosen);
  };

  const doCommit = async (profileName: string | undefined) => {
    const r = await commit(profileName);
    if (r) {
      setResult(r);
      setVersion((v) => v + 1);
      await refresh();
    } else setRefused(true);
  };

  // Stops the worker holding this preview, then clears the screen.
  // Focus goes back to choosing a file: Cancel went with the preview.
  const cancelPreview = () => {
    void cancel().then(() => {
      reset();
      setFile(null);
      setRefused(false);
      fileInput.current?.focus();
    });
  };

  const running = job?.state === 'running';
  // Each failure a new object, drawn by Announced, so the same words failing again are said again;
  // a job's own once per answer about it (none comes after it stopped).
  const jobFailure = useMemo(
    () =>
      (job?.state === 'failed' || job?.state === 'cancelled') && job.error
        ? { text: job.error.message }
        : null,
    [job],
  );
  const failure = uploadError ?? error ?? jobFailure;
  useEffect(() => {
    if (job?.state === 'ready' && focusAfterRead.current)
      document.getElementById(focusAfterRead.current)?.focus();
    // A file that could not be read leaves the keyboard at choosing another, not at the page's top.
    else if (failure && document.activeElement === document.body) fileInput.current?.focus();
    if (job?.state !== 'running') focusAfterRead.current = null;
  }, [job?.state, failure]);
  const rereadFrom = (id: string, extra: Partial<StartOptions>) => {
    focusAfterRead.current = id;
    rerun(extra);
  };

  return (
    <section aria-labelledby="page-title" className="import-steps">
      <h1 id="page-title">Import</h1>
      <p>
        Import an enquiry export or a carers register (Excel .xlsx or .xls, OpenDocument .ods, or CSV). You
        will see exactly what will change before anything is saved.
      </p>
      {status?.sample && (
        <p className="banner">
          This is sample data: anything you import here is removed when you go back to your own data.
        </p>
      )}
      <FileChooser
        ref={fileInput}
        disabled={running || uploading || committing}
        chosen={file?.fileName ?? null}
        onChoose={(f) => void chooseFile(f)}
      />
      {(running || uploading) && (
        <ReadingProgress uploading={uploading} job={job} onCancel={() => void cancel()} />
      )}
      {failure && (
        <p className="banner error" role="alert">
          <Announced news={failure} />
        </p>
      )}
      {result && <ImportedBanner result={result} preview={preview} />}

      {committing && <p role="status">Writing the import…</p>}
      {preview && job?.state === 'ready' && (
        // Once Import is pressed the file is being written: nothing here may change or stop it.
        <fieldset className="import-steps-fieldset" disabled={committing}>
          <FileOptions
            preview={preview}
            kind={kind}
            overwrite={overwrite}
            onSheet={(sheet) => rereadFrom('import-sheet', { sheet, mapping: undefined })}
            onKind={(k) => (setKind(k), rereadFrom('import-kind', { kind: k }))}
            onOverwrite={(o) => {
              setOverwrite(o);
              rereadFrom('import-overwrite', {
                overwriteHand: o,
                mapping: columns.changed ? mappingList(columns.mapping) : undefined,
              });
            }}
          />
          <MissingFields preview={preview} mapping={columns.mapping} onPick={columns.pickColumnFor} />
          <MappingTable preview={preview} mapping={columns.mapping} onChange={columns.setColumn} />
          {(columns.changed || preview.questions.length > 0) && (
            <div className="import-actions">
              <button type="button" onClick={() => rerun({ mapping: mappingList(columns.mapping) })}>
                Preview with this mapping
              </button>
            </div>
          )}
          {preview.missing.length === 0 && <PreviewReport preview={preview} />}
          {refused ? (
            <div className="import-actions">
              <button
                ref={previewAgain}
                type="button"
                onClick={() => {
                  // The same file, sheet and mapping as the preview refused.
                  if (chosenFile.current)
                    void readFile(chosenFile.current, {
                      sheet: preview.sheet,
                      mapping: mappingList(columns.mapping),
                    });
                }}
              >
                Preview again
              </button>
              <button type="button" className="secondary" onClick={cancelPreview}>
                Cancel
              </button>
            </div>
          ) : (
            <CommitActions
              preview={preview}
              mappingChanged={columns.changed}
              onCommit={(name) => void doCommit(name)}
              onCancel={cancelPreview}
            />
          )}
        </fieldset>
      )}

      <PastImports
        version={version}
        onUndone={(batchId) => {
          // "Imported as batch N" is no longer true once batch N is undone: the list says it was.
          if (result?.batch === batchId) setResult(null);
          void refresh();
        }}
      />
    </section>
  );
}
