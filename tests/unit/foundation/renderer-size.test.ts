import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '../../../src-renderer/src');

/** Every .ts and .tsx file below `dir`, with its line count. */
function sources(dir: string): Array<{ file: string; lines: number }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .map((p) => ({ file: relative(RENDERER, p), lines: readFileSync(p, 'utf8').split('\n').length }));
}

const over = (limit: number, files: Array<{ file: string; lines: number }>) =>
  files.filter((f) => f.lines > limit).map((f) => `${f.file}: ${f.lines} lines`);

describe('renderer structure (issue 15)', () => {
  it('keeps every page under 250 lines: pages compose components from their feature folders and ui/', () => {
    expect(over(250, sources(join(RENDERER, 'pages')))).toEqual([]);
  });

  it('keeps every component and module of the renderer under 250 lines: split one that grows by what it does', () => {
    expect(over(250, sources(RENDERER))).toEqual([]);
  });
});
