import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultDetails } from '../../../src-main/fault-log.ts';

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
  'src-main/fault-log.ts':
    'an unexpected fault’s reference, kind, code and stack frames (a message only where SQLite wrote it)',
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

  it('keeps of a fault its kind, code and frames, and a message only where SQLite wrote it', () => {
    const typed = faultDetails(new SyntaxError('"Jane Smith, 07700 900123" is not valid JSON'));
    expect(typed).toMatch(/^SyntaxError\n\s+at /);
    expect(typed).not.toMatch(/Jane|07700/);
    const file = Object.assign(new Error("ENOENT: no such file, open '/home/jane.smith/Smith family.xlsx'"), {
      code: 'ENOENT',
    });
    expect(faultDetails(file)).toMatch(/^Error \(ENOENT\)\n/);
    expect(faultDetails(file)).not.toMatch(/jane|Smith/i);
    const sqlite = Object.assign(new Error('no such table: households'), {
      name: 'SqliteError',
      code: 'SQLITE_ERROR',
    });
    expect(faultDetails(sqlite)).toMatch(/^SqliteError \(SQLITE_ERROR\): no such table: households\n/);
    expect(faultDetails('Jane Smith')).toBe('a thrown string');
  });
});
