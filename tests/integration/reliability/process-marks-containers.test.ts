import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepOrphanedProbes } from '../../../src-main/db/open.ts';
import { bootId, machineUptime, processStartedAt } from '../../../src-main/db/processes.ts';
import { sampleHeldBy } from '../../../src-main/db/sample-files.ts';
import { testApp } from '../../support/temp.ts';

// A live try's sample marker, or a live process's temp folder, judged a crash's is deleted under
// that process: the sample file (real people's details, imported on a try) or a database's probe
// copy. In a container whose /proc/uptime counts from the container's own start (LXD, Incus,
// Proxmox's LXC: lxcfs), while /proc/<pid>/stat counts a process's start from the machine's, every
// process seemed to start after it was running ("time travellers", lxcfs #164), and lxcfs has
// been known to set its /proc/uptime back to 0 (#165): both were read as the id having gone to
// another program. A process is now told by its own start, read from the one place both times are
// read (/proc/<pid>/stat), never by comparing it with /proc/uptime; nor, where the machine has a
// boot id, is an uptime read less than the mark's taken for a restart.

const after: Array<() => void> = [];
afterEach(() => {
  while (after.length) after.pop()!();
});

/** A process of this machine running `code` (an ES module), once it has written its first line. */
async function running(code: string): Promise<{ pid: number; said: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', code]);
  after.push(() => child.kill());
  const said = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.on('exit', (c) => reject(new Error(`exited ${c}`)));
  });
  return { pid: child.pid!, said };
}

const module = (path: string) =>
  JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../../src-main/db', path)).href);

/**
 * What /proc/uptime says, when the machine's says `uptime`, in a container started once the machine
 * had been up half as long as it has now: its processes started by the machine's count after that.
 */
const late = machineUptime() / 2;
const inContainer = (uptime: number) => Math.round((uptime - late) * 100) / 100;

describe.runIf(process.platform === 'linux')('in a container whose /proc/uptime is its own (lxcfs)', () => {
  it('a running try holds its sample marker: the file is neither taken nor deleted', async () => {
    const app = await testApp();
    const sample = join(app.dir, 'sample.db');
    const { pid } = await running(
      `import { claimSample } from ${module('sample-files.ts')};
claimSample(${JSON.stringify(sample)}); process.stdout.write('claimed\\n'); setTimeout(() => {}, 120000);`,
    );
    writeFileSync(sample, 'theirs');
    const marker = sample + '.in-use';
    const written = JSON.parse(readFileSync(marker, 'utf8')) as Record<string, unknown>;
    expect(processStartedAt(pid)).toBeGreaterThan(inContainer(written.uptime as number));
    for (const uptime of [
      inContainer(written.uptime as number), // what the try's /proc/uptime said
      machineUptime() + 3600, // its /proc/uptime since set back (lxcfs #165)
    ]) {
      writeFileSync(marker, JSON.stringify({ ...written, uptime }));
      expect(sampleHeldBy(sample)).toBe(pid);
      await expect(app.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
        `(the app or browser mode, process ${pid})`,
      );
      expect(readFileSync(sample, 'utf8')).toBe('theirs');
    }
  });

  it("a running process's temp folder is kept, named by this version or the one before", async () => {
    const { pid, said } = await running(
      `import { makeTempFolder } from ${module('processes.ts')};
process.stdout.write(makeTempFolder('ff-probe-') + '\\n'); setTimeout(() => {}, 120000);`,
    );
    after.push(() => rmSync(said, { recursive: true, force: true }));
    const started = processStartedAt(pid)!;
    expect(said).toContain(`-s${started}-`);
    // The same process's folder as the version before named it in the container: no start.
    const before = join(tmpdir(), `ff-probe-${pid}-u${inContainer(machineUptime())}-b${bootId()}-Qx7Lm2`);
    mkdirSync(before);
    writeFileSync(join(before, 'probe.db'), 'a copy of a database being opened');
    after.push(() => rmSync(before, { recursive: true, force: true }));

    sweepOrphanedProbes();
    expect([existsSync(said), existsSync(before)]).toEqual([true, true]);
  });
});

// macOS gives the machine's uptime in whole seconds, as its clock less kern.boottime, both moved
// when the clock is set: a reading may fall a second behind one before it in the same run, and a
// live try's marker (no boot id there) read so was taken for a restart's, and its file deleted.
describe('where marks have no boot id (macOS, Windows)', () => {
  it('a running try holds its marker though the uptime now reads less than a second behind it', async () => {
    const app = await testApp();
    const sample = join(app.dir, 'sample.db');
    const { pid } = await running(
      `import { claimSample } from ${module('sample-files.ts')};
claimSample(${JSON.stringify(sample)}); process.stdout.write('claimed\\n'); setTimeout(() => {}, 120000);`,
    );
    writeFileSync(sample, 'theirs');
    const marker = sample + '.in-use';
    const { boot: _boot, ...written } = JSON.parse(readFileSync(marker, 'utf8')) as Record<string, unknown>;
    writeFileSync(marker, JSON.stringify({ ...written, uptime: machineUptime() + 0.9 }));
    expect(sampleHeldBy(sample)).toBe(pid);
    await expect(app.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
      `(the app or browser mode, process ${pid})`,
    );
    expect(readFileSync(sample, 'utf8')).toBe('theirs');
    // A second or more behind: the machine has started again since (a restart's marker).
    writeFileSync(marker, JSON.stringify({ ...written, uptime: machineUptime() + 5 }));
    expect(sampleHeldBy(sample)).toBeNull();
  });
});
