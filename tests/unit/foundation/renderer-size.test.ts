import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PAGES = join(import.meta.dirname, '../../../src-renderer/src/pages');

describe('renderer structure (issue 15)', () => {
  it('keeps every page under 250 lines: pages compose components from their feature folders and ui/', () => {
    const long = readdirSync(PAGES)
      .filter((f) => f.endsWith('.tsx'))
      .map((f) => ({ f, lines: readFileSync(join(PAGES, f), 'utf8').split('\n').length }))
      .filter((p) => p.lines > 250)
      .map((p) => `${p.f}: ${p.lines} lines`);
    expect(long).toEqual([]);
  });
});
