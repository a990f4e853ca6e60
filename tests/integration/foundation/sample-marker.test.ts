import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { machineStartedAt, sampleHeldBy } from '../../../src-main/db/sample-files.ts';
import { testApp } from '../../support/temp.ts';

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
