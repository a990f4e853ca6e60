import { describe, expect, it } from 'vitest';
import { markFits } from '../../../src-main/db/backup.ts';
import { markText, ownMark } from '../../../src-main/db/processes.ts';

// A backup's `.partial` and a restore's `.restore-….tmp` carry their maker's mark (cc1bbcb), about a
// dozen characters longer than the process id alone. Where long paths are not turned on, Windows
// opens no path over 259 UTF-16 units (MAX_PATH), so a database folder that left room for the id
// alone could have had every backup refused for the mark. The mark is given up for the id (the name
// before it, still read) where it does not fit: decided by markFits from the platform and the whole
// path alone, so every platform's answer is tested here, on any.

const mark = markText(ownMark());
const pid = String(process.pid);

/** A Windows database path whose restore copy's journal, named by `by`, is `length` units long. */
function windowsRestoreCopy(by: string, length: number): { db: string; copy: string } {
  const name = 'Fostering funnel.db';
  const tail = `\\.${name}.restore-${by}.tmp-journal`;
  const folder = `C:\\Users\\recruitment\\${'x'.repeat(length - 'C:\\Users\\recruitment\\'.length - tail.length)}`;
  const db = `${folder}\\${name}`;
  const copy = `${folder}\\.${name}.restore-${by}.tmp`;
  expect(`${copy}-journal`).toHaveLength(length);
  return { db, copy };
}

describe('whether a half-made copy carries its maker’s whole mark', () => {
  it('on Windows, does while its journal’s whole path is within 259 units, and gives way to the id past it', () => {
    expect(markFits('win32', windowsRestoreCopy(mark, 259).copy)).toBe(true);
    expect(markFits('win32', windowsRestoreCopy(mark, 260).copy)).toBe(false);
    // A folder the id alone fits (as before the mark) but the mark does not: named by the id.
    const { db } = windowsRestoreCopy(pid, 259);
    const marked = db.replace(/[^\\]+$/, (n) => `.${n}.restore-${mark}.tmp`);
    expect(marked.length).toBeGreaterThan(259 - '-journal'.length);
    expect(markFits('win32', marked)).toBe(false);
    // A backup's .partial in the backups folder alike, and a short path keeps the mark.
    const partial = `C:\\Data\\Fostering funnel.backups\\Fostering funnel-2026-12-02T10-00-00-000Z-daily.db.${mark}.partial`;
    expect(markFits('win32', partial)).toBe(true);
    const under = (folder: number) => `C:\\${'d'.repeat(folder)}${partial.slice(2)}`;
    const deepest = 259 - '-journal'.length - under(0).length; // the longest folder name it fits under
    expect(`${under(deepest)}-journal`).toHaveLength(259);
    expect(markFits('win32', under(deepest))).toBe(true);
    expect(markFits('win32', under(deepest + 1))).toBe(false);
  });

  it('elsewhere, does while its journal’s whole path is within SQLite’s 512 bytes, the name’s within 255', () => {
    // Past 512 bytes SQLite opens no file (its Unix MAX_PATHNAME): the id alone may still fit there.
    const under = (folder: number) => `/home/${'d'.repeat(folder)}/.funnel.db.restore-${mark}.tmp`;
    const deepest = 512 - '-journal'.length - Buffer.byteLength(under(0));
    for (const platform of ['linux', 'darwin'] as const) {
      expect(markFits(platform, under(deepest))).toBe(true);
      expect(markFits(platform, under(deepest + 1))).toBe(false);
    }
    // Windows' own limit is its 259 units, checked above.
    expect(markFits('win32', `C:\\${'d'.repeat(100)}\\.funnel.db.restore-${mark}.tmp`)).toBe(true);
    // The name with its journal: 255 bytes fit, 256 do not, on every platform (é is two bytes).
    const named = (bytes: number) => `/data/${'é'.repeat((bytes - '-journal'.length) / 2)}`;
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(markFits(platform, named(254))).toBe(true);
      expect(markFits(platform, `${named(254)}a`)).toBe(true);
      expect(markFits(platform, `${named(254)}ab`)).toBe(false);
    }
  });
});
