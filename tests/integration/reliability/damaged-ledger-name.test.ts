import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../src-main/db/purge-ledger.ts';
import { Store } from '../../../src-main/db/store.ts';
import { tempDir } from '../../support/temp.ts';

// A purge ledger beside the database that is no ledger (cut short, edited by hand) is set aside as
// `<ledger>.damaged-<stamp>` and read as empty; the table in the database still holds every purge.
// For a database name of 205 to 233 bytes the ledger keeps its whole name (`<name>.purge-ledger.json`
// and its `.tmp` fit the disk's 255 bytes), but `.damaged-<stamp>` after it did not: the rename
// threw ENAMETOOLONG and every open of the file failed "for a reason the app did not expect". Real
// files in a temp folder; no fs mocked.

const NOW = '2026-11-26T12:00:00.000Z';

/** A database of the app's with one purge recorded, named `bytes` bytes long (its `.db` included). */
async function purgedDatabase(bytes: number): Promise<string> {
  const path = join(tempDir(), `${'r'.repeat(bytes - 3)}.db`);
  const store = await Store.open(path, { create: true });
  try {
    store.db.prepare('INSERT INTO purge_ledger (reference, purged_at) VALUES (?, ?)').run('GONE-1', NOW);
  } finally {
    store.close();
  }
  return path;
}

describe('a damaged purge ledger', () => {
  for (const bytes of [100, 205, 220, 233]) {
    it(`beside a database named ${bytes} bytes long is set aside, and the file opens`, async () => {
      const path = await purgedDatabase(bytes);
      const ledger = ledgerPath(path);
      expect(basename(ledger)).toBe(`${basename(path)}.purge-ledger.json`);
      writeFileSync(ledger, '{"format": "Fostering Funnel purge ledger", "entr');
      const store = await Store.open(path, { create: false });
      try {
        expect(store.db.prepare('SELECT reference FROM purge_ledger').pluck().all()).toEqual(['GONE-1']);
      } finally {
        store.close();
      }
      // Kept beside it, for whoever looks, under a name the disk holds.
      const aside = readdirSync(join(path, '..')).filter((f) => f.includes('.damaged-'));
      expect(aside).toHaveLength(1);
      expect(Buffer.byteLength(aside[0]!)).toBeLessThanOrEqual(255);
      expect(readFileSync(join(path, '..', aside[0]!), 'utf8')).toContain('"entr');
      // Where it fits, the name every version gave it.
      if (bytes === 100) expect(aside[0]!.startsWith(`${basename(ledger)}.damaged-`)).toBe(true);
      // The ledger is written again whole from the table.
      expect(JSON.parse(readFileSync(ledger, 'utf8')).entries).toEqual([
        { reference: 'GONE-1', purgedAt: NOW },
      ]);
    });
  }
});
