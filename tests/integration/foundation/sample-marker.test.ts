import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { machineStartedAt } from '../../../src-main/clock.ts';
import { sampleHeldBy } from '../../../src-main/db/sample-files.ts';
import { tempDir, testApp } from '../../support/temp.ts';

// A try marks the sample file with its process id (sample-data.db.in-use), and a marker whose
// process is running holds the file. Ids are reused (soon on Windows, and from the start after the
// machine restarts): a marker left by a crash whose id now named another program blocked every try
// with "another Fostering Funnel (process N)", and kept a crashed sample file, which may hold real
// people's details, from being deleted at every start.

const stopAfter: Array<() => void> = [];
afterEach(() => {
  while (stopAfter.length) stopAfter.pop()!();
});

/** Another program, running: its process id is what a stale marker may name. */
function anotherProgram(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  stopAfter.push(() => child.kill());
  return child.pid!;
}

describe('a marker whose process id now names another program', () => {
  it('counts as left by a crash when it was written before the machine last started', async () => {
    const app = await testApp();
    const pid = anotherProgram();
    writeFileSync(join(app.dir, 'sample.db'), 'Quillfeather');
    const marker = join(app.dir, 'sample.db.in-use');
    writeFileSync(marker, String(pid));
    const before = (machineStartedAt() - 3_600_000) / 1000;
    utimesSync(marker, before, before);

    expect(await app.call('system.useSampleData', { households: 5, seed: 2 })).toMatchObject({
      sample: true,
      households: 5,
    });
    expect(readFileSync(marker, 'utf8')).toBe(String(process.pid));
    await app.call('system.useRealData', {});
    expect(readdirSync(app.dir).filter((f) => f.startsWith('sample.db'))).toEqual([]);
  });

  it('still holds the file when it was written since the machine started', async () => {
    const app = await testApp();
    const pid = anotherProgram();
    writeFileSync(join(app.dir, 'sample.db'), 'theirs');
    const marker = join(app.dir, 'sample.db.in-use');
    writeFileSync(marker, String(pid));
    await expect(app.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
      `(the app or browser mode, process ${pid})`,
    );
    expect(readFileSync(join(app.dir, 'sample.db'), 'utf8')).toBe('theirs');
    // The same marker, the machine having started since it was written.
    expect(sampleHeldBy(join(app.dir, 'sample.db'))).toBe(pid);
    expect(sampleHeldBy(join(app.dir, 'sample.db'), Date.now() + 3_600_000)).toBeNull();
  });

  it.runIf(process.platform === 'linux')('reads when the machine started as the system records it', () => {
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))![1]) * 1000;
    expect(Math.abs(machineStartedAt() - btime)).toBeLessThan(5_000);
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
