import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logFaultsBeside, logFaultsTo } from '../../../src-main/fault-log.ts';
import { workerFailed } from '../../../src-main/import/jobs.ts';
import { tempDir } from '../../support/temp.ts';
import { LOGGED_AT } from '../../support/log-entry.ts';

/** What a worker's channel says when it fails: a real child process, gone, sent a message. */
async function channelError(): Promise<Error> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  await once(child, 'exit');
  return await new Promise<Error>((resolve) => child.send({ type: 'commit' }, (e) => resolve(e!)));
}

describe('an import whose worker fails after it loaded', () => {
  afterEach(() => logFaultsTo(null));

  it("says the import stopped, naming the file, with the reference the system's words are logged under", async () => {
    const dir = tempDir();
    logFaultsBeside(join(dir, 'ff.db'));
    const e = await channelError();
    expect(e.message).toMatch(/channel closed/i); // what the user was shown before
    const why = workerFailed('Smith family enquiries.csv', e);
    const log = join(dir, 'fostering-funnel.log');
    expect(why.replace(/reference [0-9A-F]{8}$/, 'reference X')).toBe(
      `The import of Smith family enquiries.csv stopped: the process reading it failed, for a reason whose details are in the app's log, ${log}, under reference X`,
    );
    const reference = /reference ([0-9A-F]{8})$/.exec(why)![1]!;
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`^${LOGGED_AT}Fostering Funnel fault ${reference}: Error \\(ERR_IPC_CHANNEL_CLOSED\\)\\n`),
    );
  });
});
