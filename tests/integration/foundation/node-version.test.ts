import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Runs a script as an older Node would: process.versions.node says 20 before anything loads. */
function runAsNode20(script: string, args: string[] = []) {
  const fake = join(tempDir(), 'node20.cjs');
  writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
  return spawnSync(process.execPath, ['--require', fake, join(ROOT, script), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('a clear stop on a Node.js older than 22.12', () => {
  it.each([
    ['the CLI', 'bin/fostering-funnel.js', ['status']],
    ['npm start', 'scripts/start.js', []],
    ['npm run serve', 'scripts/serve.js', []],
    ['the check npm test runs first', 'scripts/check-node.js', []],
  ])('%s stops at once with one line naming the version needed', (_name, script, args) => {
    const r = runAsNode20(script, args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'Fostering Funnel needs Node.js 22.12 or later (24 recommended, see .nvmrc); this is Node.js 20.20.2.',
    ]);
  });

  it('npm test and npm ci check it first', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.scripts.test).toMatch(/^node scripts\/check-node\.js && /);
    expect(pkg.engines.node).toBe('>=22.12');
    // npm refuses to install on an unsupported Node instead of warning.
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });
});

describe('npm start when the server cannot start', () => {
  it('exits non-zero with a message, never 0 without the app running', () => {
    const notADatabase = join(tempDir(), 'notes.db');
    writeFileSync(notADatabase, 'this is not a database, it is a shopping list\n'.repeat(200));
    const env = { ...process.env, electron_config_cache: tempDir() };
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/start.js'), '--db', notADatabase], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not start/i);
  });
});
