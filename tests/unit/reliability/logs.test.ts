import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Logs never contain personal data: the core writes no logs at all. The only writers to the
 * console are listed here with what they print; the runtime check (no names or emails on the
 * console while generating, purging, exporting and failing) is in
 * tests/integration/reliability/purge.test.ts.
 */
const ALLOWED: Record<string, string> = {
  'src-main/transports/serve.ts': 'the one-line reason the server could not start (a path, never records)',
  'src-main/transports/cli/index.ts': 'the CLI’s own output, asked for by the user',
  'src-main/transports/cli/main.ts': 'flushes the CLI’s output before it exits (writes nothing of its own)',
  'src-main/electron/main.ts': 'none expected; listed in case of a startup message',
};

const ROOT = join(import.meta.dirname, '../../..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('logging', () => {
  it('nothing in src-main writes to the console, stdout or stderr except the listed doors', () => {
    const found: string[] = [];
    for (const file of files(join(ROOT, 'src-main'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      const source = readFileSync(file, 'utf8');
      if (/\bconsole\.(log|info|warn|error|debug|trace)\(|process\.(stdout|stderr)\.write\(/.test(source)) {
        if (!ALLOWED[rel]) found.push(rel);
      }
    }
    expect(found).toEqual([]);
  });
});
