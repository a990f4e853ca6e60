import type { ImportResult } from '../../../src-main/contract/imports.ts';

/** What the commit stored, in one line. */
export function ImportedBanner({ result }: { result: ImportResult }) {
  return (
    <p className="banner" role="status">
      {result.batch !== null
        ? `Imported as batch ${result.batch}: ${result.new} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.duplicates} duplicates, ${result.rejected} rejected.`
        : 'Nothing was imported.'}
    </p>
  );
}
