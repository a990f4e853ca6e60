import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const RENDERER = join(ROOT, 'src-renderer/src');

/** What a module imports at run time (`import type` and `export type` are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)].map(
    (m) => m[1]!,
  );
}

/** Whether loading `file` loads zod, following its relative imports. */
function loadsZod(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  return runtimeImports(file).some((spec) =>
    spec.startsWith('.')
      ? loadsZod(resolve(dirname(file), spec), seen)
      : spec === 'zod' || spec.startsWith('zod/'),
  );
}

describe('renderer imports', () => {
  it('loads no contract module that builds zod schemas: a label imported from one put zod and every schema into the first script', () => {
    const offenders = readdirSync(RENDERER, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => join(e.parentPath, e.name))
      .flatMap((file) =>
        runtimeImports(file)
          .filter((spec) => spec.includes('src-main/'))
          .filter((spec) => loadsZod(resolve(dirname(file), spec)))
          .map((spec) => `${relative(RENDERER, file)}: ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('finds zod behind a contract module that builds schemas, and not behind the vocabulary', () => {
    expect(loadsZod(join(ROOT, 'src-main/contract/reports.ts'))).toBe(true);
    expect(loadsZod(join(ROOT, 'src-main/contract/vocab.ts'))).toBe(false);
    expect(loadsZod(join(ROOT, 'src-main/contract/report-shapes.ts'))).toBe(false);
  });
});
