import { describe, expect, it } from 'vitest';
import { openImportReader, openImportWriter } from '../../../src-main/db/import-connection.ts';
import { testApp } from '../../support/temp.ts';

/**
 * The import worker commits through a connection of its own (db/import-connection.ts), not the
 * app's (db/open.ts). SQLite sets these per connection, so each must be set there too: without
 * secure_delete an import's commit would leave what it overwrote readable in the file's free
 * pages, out of reach of erasure; without foreign_keys it could write a row pointing nowhere.
 */
describe("the import worker's connections", () => {
  it('the writer is as durable, as strict and as erasing as the app’s own connection', async () => {
    const app = await testApp();
    const writer = openImportWriter(app.dbPath);
    try {
      for (const name of ['secure_delete', 'foreign_keys', 'synchronous', 'journal_mode', 'busy_timeout']) {
        const own = app.ctx.store.db.pragma(name, { simple: true });
        expect(writer.pragma(name, { simple: true }), name).toBe(own);
      }
      // Both could lose it at once: the rule itself.
      expect(writer.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      writer.close();
    }
  });

  it('the reader cannot write', async () => {
    const app = await testApp();
    const reader = openImportReader(app.dbPath);
    try {
      expect(() => reader.prepare("UPDATE settings SET value = value WHERE key = 'x'").run()).toThrow(
        /readonly/,
      );
    } finally {
      reader.close();
    }
  });
});
