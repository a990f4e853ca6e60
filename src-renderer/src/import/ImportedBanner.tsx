import { useRef } from 'react';
import type { ImportResult } from '../../../src-main/contract/imports.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';

/** What the commit stored, in one line (focus comes here: the button pressed is gone with the preview). */
export function ImportedBanner({ result }: { result: ImportResult }) {
  const line = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(line, result);
  return (
    <p className="banner" role="status" ref={line} tabIndex={-1}>
      {result.batch !== null
        ? `Imported as batch ${result.batch}: ${result.new} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.duplicates} duplicates, ${result.rejected} rejected.`
        : 'Nothing was imported.'}
    </p>
  );
}
