import { useRef } from 'react';
import type { ImportPreview, ImportResult } from '../../../src-main/contract/imports.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';
import { IssueTable, NearMatchTable } from './PreviewReport.tsx';

/**
 * What the commit stored, in one line (focus comes here: the button pressed is gone with the
 * preview), with what the preview said of the whole file (rows hidden in the sheet that were
 * imported), which went with the preview. Below it, the rows refused, the warnings and the possible
 * duplicates stay listed, each by file, row and column: "1 rejected" alone left the officer no way
 * to find which row to put right, once the preview had gone (helper-271).
 */
export function ImportedBanner({ result, preview }: { result: ImportResult; preview: ImportPreview | null }) {
  const line = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(line, result);
  const fileNotes = result.warnings.filter((w) => w.row === null).map((w) => ` ${w.message}`);
  return (
    <>
      <p className="banner" role="status" ref={line} tabIndex={-1}>
        {result.batch !== null
          ? `Imported as batch ${result.batch}: ${result.new} new, ${result.updated} updated, ${result.unchanged} unchanged, ${countOf(result.duplicates, 'duplicate')}, ${result.rejected} rejected.${fileNotes.join('')}`
          : 'Nothing was imported.'}
      </p>
      {result.batch !== null && preview && (
        <>
          <IssueTable
            title="Errors: these rows were not imported"
            issues={result.errors}
            total={Math.max(result.errors.length, preview.errorCount)}
            preview={preview}
          />
          <IssueTable
            title="Warnings"
            issues={result.warnings}
            total={Math.max(result.warnings.length, preview.warningCount)}
            preview={preview}
          />
          <NearMatchTable matches={result.nearMatches} />
        </>
      )}
    </>
  );
}
