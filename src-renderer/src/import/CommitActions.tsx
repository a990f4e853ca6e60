import { useEffect, useState } from 'react';
import type { ImportPreview } from '../../../src-main/contract/imports.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';

/**
 * The end of a preview: the profile name to save the mapping as, Import (only once the preview
 * matches the screen and every question is answered) and Cancel, with a hint saying what is
 * still needed; or, where no row would add or change a household, the core's word that there is
 * nothing to import, and Cancel.
 */
export function CommitActions({
  preview,
  mappingChanged,
  onCommit,
  onCancel,
}: {
  preview: ImportPreview;
  mappingChanged: boolean;
  onCommit(profileName: string | undefined): void;
  onCancel(): void;
}) {
  const [profileName, setProfileName] = useState('');
  useEffect(() => setProfileName(preview.profile ?? ''), [preview]);
  // A needed field with no column, or a header fitting two fields: the user answers, then previews again.
  const needsColumns = preview.missing.length > 0;
  const unanswered = preview.questions.length > 0;
  // No row adds or changes a household (the core's sentence): no Import to offer, only that.
  const nothing = mappingChanged || unanswered ? null : preview.nothingToImport;
  return (
    <>
      {nothing && (
        <p className="banner" role="status">
          {nothing}
        </p>
      )}
      {!needsColumns && !nothing && (
        <div className="import-options">
          <div>
            <label htmlFor="import-profile">Save this mapping as (optional)</label>
            <input
              autoComplete="off"
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
        {!needsColumns && !nothing && (
          <button
            type="button"
            disabled={mappingChanged || unanswered || preview.counts.rejected === preview.counts.rows}
            onClick={() => onCommit(profileName.trim() || undefined)}
          >
            Import {countOf(preview.counts.new + preview.counts.updated, 'change')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onCancel}>
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
  );
}
