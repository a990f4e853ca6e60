import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { machineUptime, processStartedAt } from '../../../src-main/db/processes.ts';
import { claimSample, sampleHeldBy } from '../../../src-main/db/sample-files.ts';
import { tempDir, testApp } from '../../support/temp.ts';

// A try marks the sample file with its process id (sample-data.db.in-use), and a marker whose
// process is running holds the file: another try is refused, naming it, and the file is left.
// A marker left by a crash whose id has since gone to another program (ids are reused: soon on
// Windows, from the start after a restart) held the file until that program ended, and every try
// was refused "being tried in another Fostering Funnel" when none was. The marker now says too in
// which run of the machine, and when in it, it was written, by the boot clock: never the wall clock,
// whose reading against the file's time deleted a live try's file under faketime (CI's other date).

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

  // Whatever the clock says (CI runs this again under faketime, which the child inherits).
  it('holds it when that process marked it itself, a try of its own', async () => {
    const app = await testApp();
    const sample = join(app.dir, 'sample.db');
    const module = pathToFileURL(join(import.meta.dirname, '../../../src-main/db/sample-files.ts'));
    const child = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `import { claimSample } from ${JSON.stringify(module.href)};
claimSample(${JSON.stringify(sample)}); process.stdout.write('claimed\\n'); setTimeout(() => {}, 120000);`,
    ]);
    stopAfter.push(() => child.kill());
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    writeFileSync(sample, 'theirs');
    expect(sampleHeldBy(sample)).toBe(child.pid);
    await expect(app.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
      `(the app or browser mode, process ${child.pid})`,
    );
    expect(readFileSync(sample, 'utf8')).toBe('theirs');
  });
});

/** A marker's text with some of what it says changed; a bare id (the first format) has only `pid`. */
function changed(
  text: string,
  change: { pid?: number; boot?: string; uptime?: number; start?: number | null },
): string {
  const said = JSON.parse(text) as number | Record<string, unknown>;
  return typeof said === 'number' ? String(change.pid ?? said) : JSON.stringify({ ...said, ...change });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a marker whose process id names another program now', () => {
  it.runIf(process.platform === 'linux')(
    'was left by a crash when that program started after it was written, and holds while the program that wrote it runs',
    async () => {
      const app = await testApp();
      const sample = join(app.dir, 'sample.db');
      const marker = sample + '.in-use';
      writeFileSync(sample, 'Quillfeather');
      const before = anotherProgram();
      claimSample(sample); // as a try writes it (this process's, which then crashed)
      await pause(50);
      const after = anotherProgram(); // the id given out again since
      expect(processStartedAt(after)).toBeGreaterThan(processStartedAt(before)!);

      // As `before` would have written it (its own start); then as this process did, which crashed.
      const written = readFileSync(marker, 'utf8');
      writeFileSync(marker, changed(written, { pid: before, start: processStartedAt(before) }));
      expect(sampleHeldBy(sample)).toBe(before);
      writeFileSync(marker, changed(written, { pid: after }));
      expect(sampleHeldBy(sample)).toBeNull();

      expect(await app.call('system.useSampleData', { households: 5, seed: 2 })).toMatchObject({
        sample: true,
        households: 5,
      });
      await app.call('system.useRealData', {});
      expect(readdirSync(app.dir).filter((f) => f.startsWith('sample.db'))).toEqual([]);
    },
  );

  it.runIf(process.platform === 'linux')(
    'was left by a crash when written in another run of the machine',
    async () => {
      const app = await testApp();
      const sample = join(app.dir, 'sample.db');
      const marker = sample + '.in-use';
      const other = anotherProgram();
      claimSample(sample);
      writeFileSync(
        marker,
        changed(readFileSync(marker, 'utf8'), { pid: other, start: processStartedAt(other) }),
      );
      expect(sampleHeldBy(sample)).toBe(other);
      writeFileSync(marker, changed(readFileSync(marker, 'utf8'), { boot: randomUUID() }));
      expect(sampleHeldBy(sample)).toBeNull();
    },
  );

  it('was left by a crash when the machine has been up less long than when it was written (a restart)', async () => {
    const app = await testApp();
    const sample = join(app.dir, 'sample.db');
    const marker = sample + '.in-use';
    const other = anotherProgram();
    claimSample(sample);
    writeFileSync(
      marker,
      changed(readFileSync(marker, 'utf8'), { pid: other, start: processStartedAt(other) }),
    );
    expect(sampleHeldBy(sample)).toBe(other);
    writeFileSync(
      marker,
      changed(readFileSync(marker, 'utf8'), { boot: undefined, uptime: machineUptime() + 3600 }),
    );
    expect(sampleHeldBy(sample)).toBeNull();
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

  it.runIf(process.platform === 'linux')(
    'deletes a claim not given its name whose id went to another program after it was written, and no other',
    async () => {
      const app = await testApp();
      const scratch = join(tempDir(), 'scratch.db');
      const before = anotherProgram();
      claimSample(scratch);
      const text = readFileSync(scratch + '.in-use', 'utf8');
      await pause(50);
      const after = anotherProgram();
      const reused = join(app.dir, `sample.db.in-use.${after}-0a1b2c3d4e5f.tmp`);
      const running = join(app.dir, `sample.db.in-use.${before}-0a1b2c3d4e5f.tmp`);
      writeFileSync(reused, changed(text, { pid: after }));
      writeFileSync(running, changed(text, { pid: before, start: processStartedAt(before) }));
      await app.call('system.useSampleData', { households: 5, seed: 2 });
      await app.call('system.useRealData', {});
      expect(readdirSync(app.dir).filter((f) => f.startsWith('sample.db'))).toEqual([
        running.slice(app.dir.length + 1),
      ]);
    },
  );
});
