import type { ImportJobView } from '../../../src-main/contract/imports.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';

/**
 * How far the core has read the file (rows, once it knows the total), announced politely,
 * with Cancel while the worker is running.
 */
export function ReadingProgress({
  uploading,
  job,
  onCancel,
}: {
  uploading: boolean;
  job: ImportJobView | null;
  onCancel(): void;
}) {
  const running = job?.state === 'running';
  const known = job !== null && job.totalRows > 0;
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <p>
        {uploading
          ? 'Preparing the file…'
          : known
            ? `Read ${job.rowsRead.toLocaleString('en-GB')} of ${countOf(job.totalRows, 'row')}`
            : 'Reading the file…'}
      </p>
      <progress aria-label="Rows read" max={job?.totalRows || 1} value={known ? job.rowsRead : undefined} />
      {running && (
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
