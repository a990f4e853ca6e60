import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * LibreOffice, headless, for the tests that have a real office program write or open a file
 * (`soffice`, or SOFFICE_PATH; Debian's libreoffice-calc-nogui and libreoffice-writer-nogui).
 */
export const SOFFICE = process.env.SOFFICE_PATH ?? 'soffice';

/**
 * Runs soffice headless with `args` and a profile folder of the test's own, for at most `seconds`.
 *
 * `soffice` starts soffice.bin as its child. spawnSync's own timeout kills only the first, so a
 * LibreOffice that hung would go on running through the rest of the run, beside the tests;
 * coreutils `timeout` signals its whole process group, and the failure says why.
 */
export function soffice(args: string[], profile: string, seconds = 240): SpawnSyncReturns<string> {
  const run = spawnSync(
    'timeout',
    [
      '--kill-after=10',
      String(seconds),
      SOFFICE,
      '--headless',
      `-env:UserInstallation=file://${profile}`,
      ...args,
    ],
    { encoding: 'utf8' },
  );
  if (run.status === 124 || run.status === 137)
    run.stderr += `\nLibreOffice (${SOFFICE}) did not finish within ${seconds} s, and was stopped.`;
  return run;
}

/**
 * Why LibreOffice cannot be run here, or null when it can. Asked with a profile of its own: a
 * plain `soffice --version` makes or opens the user's own, in their home folder.
 */
export function officeMissing(): string | null {
  const profile = mkdtempSync(join(tmpdir(), 'ff-lo-version-'));
  try {
    return soffice(['--version'], profile, 60).status === 0
      ? null
      : `LibreOffice not found as ${SOFFICE} (set SOFFICE_PATH)`;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
