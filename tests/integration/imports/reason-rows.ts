import type { TestApp } from '../../support/temp.ts';

/** A CSV written to the app's folder and imported in one step. */
export const importCsv = (app: TestApp, name: string, text: string) =>
  app.call('imports.importFile', { path: app.file(name, text) });

/** An import's warnings, each as "row column: message" (row and column null for the whole file). */
export const warningLines = (r: {
  warnings: Array<{ row: number | null; column: string | null; message: string }>;
}) => r.warnings.map((w) => `${w.row} ${w.column}: ${w.message}`);

/** An import's warnings, as their messages. */
export const messages = (r: { warnings: Array<{ message: string }> }) => r.warnings.map((w) => w.message);

/** Each closure's or cessation's reason as stored, by household reference. */
export const storedReasons = (app: TestApp, table: 'closures' | 'cessations') =>
  app.ctx.store.db
    .prepare(
      `SELECT h.reference, c.reason_key, c.reason_text FROM ${table} c JOIN households h ON h.id = c.household_id ORDER BY h.reference`,
    )
    .all();
