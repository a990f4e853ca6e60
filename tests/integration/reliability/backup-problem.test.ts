import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayOf, today } from '../../../src-main/clock.ts';
import { logFaultsBeside, logFaultsTo } from '../../../src-main/fault-log.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { startHttpBridge } from '../../../src-main/transports/http.ts';
import { testApp } from '../../support/temp.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The daily backup is made as the database is opened, and never stops it opening: its failure was
// swallowed, so a service could go weeks with no backup and no one told.
describe('today’s automatic backup, when it cannot be made', () => {
  afterEach(() => logFaultsTo(null));

  it('is told by the status, the backups list, the HTTP bridge and the CLI, in words quoting the log, until a backup is made', async () => {
    const app = await testApp();
    await app.call('imports.importFile', {
      path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
    });
    logFaultsBeside(app.dbPath);
    const log = join(app.dir, 'fostering-funnel.log');
    // A backups "folder" that cannot be written to (a file of its name: tests may run as root,
    // who ignores a folder's mode), then the app opened again, as it is each morning.
    const folder = `${app.dbPath}-backups`;
    writeFileSync(folder, 'not a folder');
    await app.ctx.store.switchTo(app.dbPath);

    const problem = (await app.call('system.getStatus', {})).backupProblem!;
    expect(problem.message).toMatch(
      new RegExp(
        `^Today's automatic backup was not made when this database was opened \\(26/11/2026 \\d{2}:\\d{2}\\)\\. No backup could be made in ${escape(folder)}: a file of that name is in the way: it is not a folder\\. Free some space on the disk, or make the folder writable \\(ask IT if you cannot\\)\\. Your records are unchanged and the app works as usual, but there is no backup of today's work yet: once that is put right, choose Back up now in Settings \\(or run fostering-funnel backup\\)\\. The details are in the app's log, ${escape(log)}, under reference ${problem.reference}\\.$`,
      ),
    );
    expect(problem.message).not.toMatch(/ENOTDIR|SQLITE|Error/);
    expect(dayOf(new Date(problem.at))).toBe(today());
    // The details are IT's, in the log under the reference the words quote.
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`Fostering Funnel fault ${problem.reference}: Error \\(ENOTDIR\\)\\n\\s+at `),
    );
    expect((await app.call('data.listBackups', {})).backupProblem).toEqual(problem);

    const bridge = await startHttpBridge({ ctx: app.ctx, staticDir: join(app.dir, 'no-ui') });
    try {
      const reply = await fetch(`http://127.0.0.1:${bridge.port}/api/system.getStatus`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(await reply.json()).toMatchObject({ backupProblem: problem });
    } finally {
      await bridge.close();
    }

    // The CLI opens the file itself, and is told of its own failed attempt.
    app.ctx.store.close();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['status', '--db', app.dbPath], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join('\n')).toMatch(
      /\nBackups: {8}Today's automatic backup was not made when this database was opened \(26\/11\/2026 \d{2}:\d{2}\)\. No backup could be made in .* under reference [0-9A-F]{8}\.$/,
    );

    // Put right, a backup made clears it.
    await app.ctx.store.switchTo(app.dbPath);
    expect((await app.call('system.getStatus', {})).backupProblem).not.toBeNull();
    rmSync(folder);
    await app.call('data.backupNow', {});
    expect((await app.call('system.getStatus', {})).backupProblem).toBeNull();
    expect((await app.call('data.listBackups', {})).backupProblem).toBeNull();
  });

  it('is logged to the file alone, so each CLI command is not followed by its frames on the error output', async () => {
    const app = await testApp();
    await app.call('imports.importFile', {
      path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
    });
    logFaultsBeside(app.dbPath);
    writeFileSync(`${app.dbPath}-backups`, 'not a folder');
    let written = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    }) as typeof process.stderr.write);
    try {
      await app.ctx.store.switchTo(app.dbPath);
    } finally {
      spy.mockRestore();
    }
    const { reference } = (await app.call('system.getStatus', {})).backupProblem!;
    expect(readFileSync(join(app.dir, 'fostering-funnel.log'), 'utf8')).toContain(
      `Fostering Funnel fault ${reference}: `,
    );
    expect(written).toBe('');
  });

  it('is not told of a database where it was made, nor carried to another file opened after', async () => {
    const app = await testApp();
    await app.call('imports.importFile', {
      path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
    });
    writeFileSync(`${app.dbPath}-backups`, 'not a folder');
    await app.ctx.store.switchTo(app.dbPath);
    expect((await app.call('system.getStatus', {})).backupProblem).not.toBeNull();
    const other = await app.call('system.useSampleData', { households: 5, seed: 1 });
    expect(other.backupProblem).toBeNull();
    rmSync(`${app.dbPath}-backups`);
    await app.call('system.useRealData', {});
    // Opened again with the folder put right: today's backup is made, and nothing is said.
    const back = await app.call('system.getStatus', {});
    expect(back.backupProblem).toBeNull();
    expect((await app.call('data.listBackups', {})).backups.map((b) => b.label)).toEqual(['daily']);
  });
});
