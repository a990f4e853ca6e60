import { createRequire } from 'node:module';
import type * as XLSX from 'xlsx';

// SheetJS is loaded on first use, not at start-up: most commands never read or write a
// workbook, and loading it was a tenth of every CLI command's start-up time.
const requireLib = createRequire(import.meta.url);
let lib: typeof XLSX | undefined;

export function xlsx(): typeof XLSX {
  return (lib ??= requireLib('xlsx') as typeof XLSX);
}
