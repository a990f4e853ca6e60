import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleHeldBy } from '../../../src-main/db/sample-files.ts';
import { tempDir, testApp } from '../../support/temp.ts';

// A try marks the sample file with its process id (sample-data.db.in-use), and a marker whose
// process is running holds the file: another try is refused, naming it, and the file is left.
// (A marker whose id has since gone to another program holds it too, until that program ends:
// judging markers by when the machine started broke under a moved clock; see sample-files.ts.)

const stopAfter: Array<() => void> = [];
afterEach(() => {
  while (stopAfter.length) stopAfter.pop()!();
});

/** Another program, running: the process id a marker names. */
function anotherProgram(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  stopAfter.push(() => child.kill());
  return child.pid!;
}

describe('a marker whose process is running', () => {
  it('holds the sample file: another try is refused, naming it, and the file is left', async () => {
    const app = await testApp();
    const pid = anotherProgram();
    writeFileSync(join(app.dir, 'sample.db'), 'theirs');
    const marker = join(app.dir, 'sample.db.in-use');
    writeFileSync(marker, String(pid));
    await expect(app.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
      `(the app or browser mode, process ${pid})`,
    );
    expect(readFileSync(join(app.dir, 'sample.db'), 'utf8')).toBe('theirs');
    expect(sampleHeldBy(join(app.dir, 'sample.db'))).toBe(pid);
  });
});

// A try's marker was created empty, then its id written: another process reading it in between
// took it for no one's (id 0), could clear it and the files under the try, and, refused, was told
// "process 0". What another process could read in between is made to last here: the claiming
// process may then write no more to any file (its file size limit set to 0 once it has started).
describe('a try marking the sample file', () => {
  const hasPrlimit = (() => {
    try {
      execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(process.platform === 'linux' && hasPrlimit)(
    'never leaves a marker without its process id, even stopped before writing it',
    async () => {
      const dir = tempDir();
      const sample = join(dir, 'sample-data.db');
      const script = join(dir, 'claim.mjs');
      const module = pathToFileURL(join(import.meta.dirname, '../../../src-main/db/sample-files.ts'));
      writeFileSync(
        script,
        `import { claimSample } from ${JSON.stringify(module.href)};
process.stdout.write('ready\\n');
process.stdin.once('data', () => {
  try { claimSample(${JSON.stringify(sample)}); process.stdout.write('claimed\\n'); }
  catch (e) { process.stdout.write(e.code + '\\n'); }
  process.exit(0);
});`,
      );
      const child = spawn(process.execPath, [script]);
      stopAfter.push(() => child.kill());
      const said = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out === 'ready\n') {
            execFileSync('prlimit', ['--pid', String(child.pid), '--fsize=0:0']);
            child.stdin.write('go\n');
          } else if (out.endsWith('\n')) resolve(out.slice('ready\n'.length).trim());
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(said).toBe('EFBIG');
      // No marker (nothing to read as held by no one), and nothing of the claim left beside.
      expect(existsSync(sample + '.in-use')).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(['claim.mjs']);
    },
  );

  it('deletes a marker written whole but not given its name by a process that has gone, and no other', async () => {
    const app = await testApp();
    const gone = join(app.dir, 'sample.db.in-use.2147483646-0a1b2c3d4e5f.tmp');
    const running = join(app.dir, `sample.db.in-use.${anotherProgram()}-0a1b2c3d4e5f.tmp`);
    writeFileSync(gone, '2147483646');
    writeFileSync(running, 'theirs');
    await app.call('system.useSampleData', { households: 5, seed: 2 });
    await app.call('system.useRealData', {});
    expect(existsSync(gone)).toBe(false);
    expect(readdirSync(app.dir).filter((f) => f.startsWith('sample.db'))).toEqual([
      running.slice(app.dir.length + 1),
    ]);
  });
});
