import { useRef } from 'react';
import { issueColumnNamer } from '../../../src-main/contract/import-issues.ts';
import type { ImportPreview, NearMatch, RowIssue } from '../../../src-main/contract/imports.ts';
import { formatUkDate, MILESTONE_LABELS, MILESTONES, sourceLabel } from '../../../src-main/contract/vocab.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';

const ACTION_LABELS = {
  new: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  duplicate: 'Duplicate',
  rejected: 'Rejected',
} as const;

export function IssueTable({
  title,
  issues,
  total,
  preview,
}: {
  title: string;
  issues: RowIssue[];
  total: number;
  preview: ImportPreview;
}) {
  if (issues.length === 0) return null;
  const where = issueColumnNamer(preview.headers);
  return (
    <table className="import-issues">
      <caption>
        {title} ({total.toLocaleString('en-GB')}
        {total > issues.length ? `; the first ${issues.length.toLocaleString('en-GB')} are listed` : ''})
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Sheet</th>
          <th scope="col" className="num">
            Row
          </th>
          <th scope="col">Column</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i, n) => (
          <tr key={n}>
            <td>{preview.fileName}</td>
            <td>{preview.format === 'csv' ? '–' : preview.sheet}</td>
            <td className="num">{i.row ?? '–'}</td>
            <td>{i.column === null ? '–' : where(i.column)}</td>
            <td>{i.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the commit will do: counts, the first rows as read from the file, every error and warning.
 * The rows are the file's values, not the records after the commit: a date typed by hand that the
 * import keeps is said among the warnings (helper-238 read "as they will be stored" as the latter).
 */
export function PreviewReport({ preview }: { preview: ImportPreview }) {
  const c = preview.counts;
  const shown = MILESTONES.filter((m) => preview.preview.some((r) => r.milestones[m]));
  // The file is read again (a new mapping, sheet or kind) with the screen cleared meanwhile: focus goes here.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading, preview);
  return (
    <>
      <h2 ref={heading} tabIndex={-1}>
        What will change
      </h2>
      <dl className="facts import-counts" aria-label="Row counts">
        <dt>Rows read</dt>
        <dd>{c.rows.toLocaleString('en-GB')}</dd>
        <dt>New households</dt>
        <dd>{c.new.toLocaleString('en-GB')}</dd>
        <dt>Updated</dt>
        <dd>{c.updated.toLocaleString('en-GB')}</dd>
        <dt>Unchanged</dt>
        <dd>{c.unchanged.toLocaleString('en-GB')}</dd>
        <dt>Duplicates in the file</dt>
        <dd>{c.duplicates.toLocaleString('en-GB')}</dd>
        <dt>Rejected</dt>
        <dd>{c.rejected.toLocaleString('en-GB')}</dd>
      </dl>
      {preview.importedBefore.length > 0 && (
        <p className="hint">
          This exact file was imported before (batch {preview.importedBefore.join(', ')}): rows the records
          still hold as it has them show as unchanged.
        </p>
      )}
      {/* A region that scrolls sideways is one Tab stop, so the columns past the edge are reached by keyboard. */}
      <div className="import-scroll" role="region" aria-labelledby="import-preview-caption" tabIndex={0}>
        <table className="import-preview">
          <caption id="import-preview-caption">First rows as read from the file</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Action</th>
              <th scope="col">Reference</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Postcode</th>
              <th scope="col">Source</th>
              {shown.map((m) => (
                <th scope="col" key={m}>
                  {MILESTONE_LABELS[m]}
                </th>
              ))}
              <th scope="col">Closed</th>
              <th scope="col">Ceased</th>
            </tr>
          </thead>
          <tbody>
            {preview.preview.map((r) => (
              <tr key={`${r.row}-${r.action}`}>
                <td className="num">{r.row}</td>
                <td>{ACTION_LABELS[r.action]}</td>
                <td>{r.reference}</td>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{r.postcode}</td>
                <td>{sourceLabel(r.source)}</td>
                {shown.map((m) => (
                  <td key={m}>{formatUkDate(r.milestones[m])}</td>
                ))}
                <td>{formatUkDate(r.closed)}</td>
                <td>{formatUkDate(r.ceased)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <IssueTable
        title="Errors: these rows will not be imported"
        issues={preview.errors}
        total={preview.errorCount}
        preview={preview}
      />
      <IssueTable title="Warnings" issues={preview.warnings} total={preview.warningCount} preview={preview} />
      <NearMatchTable matches={preview.nearMatches} />
    </>
  );
}

/** New households that look like one held, or like another new row of the file: never merged. */
export function NearMatchTable({ matches }: { matches: NearMatch[] }) {
  if (matches.length === 0) return null;
  return (
    <table className="import-near">
      <caption>
        Possible duplicates: imported as new households, not merged. Check them after importing.
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            Row
          </th>
          <th scope="col">New reference</th>
          <th scope="col">Looks like</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {matches.map((m, i) => (
          <tr key={i}>
            <td className="num">{m.row}</td>
            <td>{m.reference}</td>
            <td>
              {m.matchId === null ? (
                `${m.matchReference} (row ${m.matchRow} of this file)`
              ) : (
                <a href={`#/household?id=${m.matchId}`}>{m.matchReference}</a>
              )}
            </td>
            <td>{m.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
