import { describe, expect, it } from 'vitest';
import { cutOf, fitName, nameLength } from '../../../src-main/db/paths.ts';

// The names the app gives files after a database's (its backups, a restore's copy) are cut to fit
// the disk where the database's own name leaves no room (db/backup.ts backupStem, restoreCopyHeads).

describe('fitName', () => {
  it('keeps a name that fits, so every name earlier versions gave is given still', () => {
    expect(fitName('Fostering funnel', 16)).toBe('Fostering funnel');
    expect(fitName('é'.repeat(10), 20, 'linux')).toBe('é'.repeat(10));
  });

  it('cuts a longer one between characters, to the limit as each platform counts it, with a mark of the whole name', () => {
    const name = `Recruitment ${'é'.repeat(100)}`;
    const linux = fitName(name, 60, 'linux');
    expect(nameLength(linux, 'linux')).toBeLessThanOrEqual(60);
    expect(nameLength(linux, 'linux')).toBeGreaterThanOrEqual(59); // a two-byte character may not fit the last byte
    expect(linux).toMatch(/^Recruitment é+~[0-9a-f]{8}$/);
    // Windows counts UTF-16 units: é is one, so more of the name is kept.
    const windows = fitName(name, 60, 'win32');
    expect(windows).toHaveLength(60);
    expect(windows.length).toBeGreaterThan(linux.length);
    // The same name, the same cut on every run; another name, another mark.
    expect(fitName(name, 60, 'linux')).toBe(linux);
    expect(fitName(`${name}x`, 60, 'linux').slice(-8)).not.toBe(linux.slice(-8));
  });

  it('is known as the name’s by cutOf at whatever length it was cut', () => {
    const name = 'a'.repeat(200);
    for (const max of [9, 40, 120]) {
      const cut = fitName(name, max, 'linux');
      expect(cutOf(name, `${cut}-2026-11-26T06-20-01-123Z-daily.db`, '-')).toBe(cut);
    }
    expect(cutOf('b'.repeat(200), `${fitName(name, 40, 'linux')}-x`, '-')).toBeNull();
    expect(cutOf(name, 'a'.repeat(30), '-')).toBeNull();
  });
});
