import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepOrphanedProbes } from '../../../src-main/db/open.ts';
import { bootId, machineUptime, makeTempFolder, processStartedAt } from '../../../src-main/db/processes.ts';
import { startHttpBridge } from '../../../src-main/transports/http.ts';
import { testApp } from '../../support/temp.ts';

// A database's probe copy and browser mode's uploads live in temp folders named after the process
// that made them, deleted at the next start once that process has gone: they hold copies of
// personal data no purge reaches. A crash whose process id had since gone to another program (ids
// are reused: soon on Windows, from the start after a restart) left its folder until that program
// ended. The name now records, as sample mode's marker does, in which run of the machine and when
// in it the folder was made, by the boot clock: never the wall clock (CI runs this under faketime).

const after: Array<() => void> = [];
afterEach(() => {
  while (after.length) after.pop()!();
});

/** Another program, running: the process id a folder names. */
function anotherProgram(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  after.push(() => child.kill());
  return child.pid!;
}

/**
 * A folder as a process with this id would have made it, holding a copy; removed after the test.
 * `start`: when its maker started (processStartedAt), as this version's names record it.
 */
function folder(
  prefix: string,
  pid: number,
  mark: { uptime: number; boot?: string | null; start?: number | null },
): string {
  const boot = mark.boot === undefined ? bootId() : mark.boot;
  const start = typeof mark.start === 'number' ? `-s${mark.start}` : '';
  const dir = join(
    tmpdir(),
    `${prefix}${pid}-u${mark.uptime}${start}${boot ? `-b${boot}` : ''}-${randomUUID().slice(0, 6)}`,
  );
  mkdirSync(dir);
  writeFileSync(join(dir, 'probe.db'), 'a copy of someone else’s database');
  after.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a temp folder whose process id names another program now', () => {
  it.runIf(process.platform === 'linux')(
    'is deleted when that program started after the folder was made, and kept while the program that made it runs',
    async () => {
      const before = anotherProgram();
      const made = machineUptime(); // a process (this one, by its start) made its folders, then crashed
      const crashed = processStartedAt(process.pid);
      await pause(50);
      const reused = anotherProgram(); // its id given out again since
      expect(processStartedAt(reused)).toBeGreaterThan(made);
      expect(processStartedAt(before)).toBeLessThanOrEqual(made);

      const probes = [
        folder('ff-probe-', reused, { uptime: made, start: crashed }),
        folder('ff-probe-', before, { uptime: made, start: processStartedAt(before) }), // made by `before`
      ];
      sweepOrphanedProbes();
      expect(probes.map(existsSync)).toEqual([false, true]);

      const uploads = [
        folder('fostering-funnel-uploads-', reused, { uptime: made, start: crashed }),
        folder('fostering-funnel-uploads-', before, { uptime: made, start: processStartedAt(before) }), // made by `before`
      ];
      const bridge = await startHttpBridge({ ctx: (await testApp()).ctx });
      await bridge.close();
      expect(uploads.map(existsSync)).toEqual([false, true]);
    },
  );

  it('is deleted when made in another run of the machine, or when the machine has been up less long since', () => {
    const other = anotherProgram();
    const restarted = [
      folder('ff-probe-', other, { uptime: machineUptime(), boot: randomUUID() }),
      folder('ff-probe-', other, { uptime: machineUptime() + 3600, boot: null }),
    ];
    const held = folder('ff-probe-', other, { uptime: machineUptime() }); // this run, since it started
    sweepOrphanedProbes();
    expect(restarted.map(existsSync)).toEqual([false, false]);
    expect(existsSync(held)).toBe(true);
  });
});

// Whatever the clock says: CI runs this again under faketime, which the child inherits.
describe('a temp folder whose process is running', () => {
  it('is kept, made by another process or by this one', async () => {
    const module = pathToFileURL(join(import.meta.dirname, '../../../src-main/db/processes.ts'));
    const child = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `import { makeTempFolder } from ${JSON.stringify(module.href)};
process.stdout.write(makeTempFolder('ff-probe-') + '\\n'); setTimeout(() => {}, 120000);`,
    ]);
    after.push(() => child.kill());
    const theirs = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    after.push(() => rmSync(theirs, { recursive: true, force: true }));
    const ours = makeTempFolder('ff-probe-');
    after.push(() => rmSync(ours, { recursive: true, force: true }));
    expect(basename(theirs)).toMatch(new RegExp(`^ff-probe-${child.pid}-u[0-9.]+-`));

    sweepOrphanedProbes();
    expect([existsSync(theirs), existsSync(ours)]).toEqual([true, true]);
  });
});
