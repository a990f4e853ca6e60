import { useRef } from 'react';
import type { ImportResult } from '../../../src-main/contract/imports.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';

/**
 * What the commit stored, in one line (focus comes here: the button pressed is gone with the
 * preview), with what the preview said of the whole file (rows hidden in the sheet that were
 * imported), which went with the preview.
 */
export function ImportedBanner({ result }: { result: ImportResult }) {
  const line = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(line, result);
  const fileNotes = result.warnings.filter((w) => w.row === null).map((w) => ` ${w.message}`);
  return (
    <p className="banner" role="status" ref={line} tabIndex={-1}>
      {result.batch !== null
        ? `Imported as batch ${result.batch}: ${result.new} new, ${result.updated} updated, ${result.unchanged} unchanged, ${countOf(result.duplicates, 'duplicate')}, ${result.rejected} rejected.${fileNotes.join('')}`
        : 'Nothing was imported.'}
    </p>
  );
}
