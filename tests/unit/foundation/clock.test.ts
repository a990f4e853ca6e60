import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { now, nowIso, setClock, today } from '../../../src-main/clock.ts';
import { TEST_NOW } from '../../support/clock-setup.ts';

afterEach(() => setClock(TEST_NOW));

describe('the one clock', () => {
  it('runs every test at the suite fixed moment, whatever the real date', () => {
    expect(today()).toBe('2026-11-26');
  });

  it('moves to the day a test sets, a leap day and a year end included, and ticks on from there', async () => {
    for (const day of ['2028-02-29', '2027-03-31', '2030-04-01']) {
      setClock(day);
      expect(today()).toBe(day);
    }
    setClock('2027-03-31T12:00:00Z');
    const first = now().getTime();
    await new Promise((r) => setTimeout(r, 20));
    expect(now().getTime()).toBeGreaterThan(first);
    expect(nowIso().startsWith('2027-03-31T12:00:00')).toBe(true);
  });

  it('refuses a moment that is not a date', () => {
    expect(() => setClock('the 31st of Smarch')).toThrow(/not a date/);
  });
});

describe('the real clock', () => {
  it('is read nowhere in the core but the clock module (performance.now only orders or throttles, never dates)', () => {
    const root = join(import.meta.dirname, '../../..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const readers = files(join(root, 'src-main'))
      .filter((f) => /\bDate\.now\(\)|new Date\(\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f).split('\\').join('/'));
    expect(readers).toEqual(['src-main/clock.ts']);
  });
});
