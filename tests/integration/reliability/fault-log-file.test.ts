import { existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAULT_LOG_LIMIT,
  logFaultsBeside,
  logFaultsTo,
  unexpectedFault,
} from '../../../src-main/fault-log.ts';
import { setClock } from '../../../src-main/clock.ts';
import { TEST_NOW } from '../../support/clock-setup.ts';
import { tempDir } from '../../support/temp.ts';
import { LOGGED_AT } from '../../support/log-entry.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const referenceIn = (message: string) => /reference ([0-9A-F]{8})/.exec(message)![1]!;

describe('the fault log file', () => {
  afterEach(() => logFaultsTo(null));

  it('is made private beside the database, in a private folder made if missing, whatever the umask', () => {
    const dir = join(tempDir(), 'Fostering Funnel');
    logFaultsBeside(join(dir, 'fostering-funnel.db'));
    const old = process.umask(0o022);
    let message: string;
    try {
      message = unexpectedFault(new TypeError('x')).message;
    } finally {
      process.umask(old);
    }
    const log = join(dir, 'fostering-funnel.log');
    expect(message).toContain(
      `The details are in the app's log, ${log}, under reference ${referenceIn(message)}.`,
    );
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(log)).toBe(0o600);
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`^${LOGGED_AT}Fostering Funnel fault ${referenceIn(message)}: TypeError\\n\\s+at `),
    );
  });

  it('heads each entry with the moment of the fault, by the one clock', () => {
    const dir = tempDir();
    logFaultsBeside(join(dir, 'my.db'));
    setClock('2027-04-01T09:10:00.000Z');
    let reference: string;
    try {
      reference = referenceIn(unexpectedFault(new TypeError('x')).message);
    } finally {
      setClock(TEST_NOW);
    }
    expect(readFileSync(join(dir, 'fostering-funnel.log'), 'utf8')).toMatch(
      new RegExp(`^2027-04-01T09:10:0\\d\\.\\d{3}Z Fostering Funnel fault ${reference}: TypeError\\n`),
    );
  });

  it('appends, and makes a log an older copy left readable by others private', () => {
    const dir = tempDir();
    const log = join(dir, 'fostering-funnel.log');
    writeFileSync(log, 'Fostering Funnel fault 00000000: Error\n', { mode: 0o644 });
    logFaultsBeside(join(dir, 'my.db'));
    const reference = referenceIn(unexpectedFault(new RangeError('x')).message);
    expect(modeOf(log)).toBe(0o600);
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(
        `^Fostering Funnel fault 00000000: Error\\n${LOGGED_AT}Fostering Funnel fault ${reference}: RangeError\\n`,
      ),
    );
  });

  it('keeps one previous file once it passes its size, so it never grows without end', () => {
    const dir = tempDir();
    const log = join(dir, 'fostering-funnel.log');
    const full = 'Fostering Funnel fault 00000000: Error\n'.repeat(Math.ceil(FAULT_LOG_LIMIT / 39));
    writeFileSync(log, full);
    writeFileSync(`${log}.1`, 'the one before');
    logFaultsBeside(join(dir, 'my.db'));
    const reference = referenceIn(unexpectedFault(new TypeError('x')).message);
    expect(readFileSync(`${log}.1`, 'utf8')).toBe(full);
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`^${LOGGED_AT}Fostering Funnel fault ${reference}: TypeError\\n`),
    );
    expect(statSync(log).size).toBeLessThan(FAULT_LOG_LIMIT);
    expect(modeOf(log)).toBe(0o600);
  });

  it('begins again in place once full when its previous file cannot be replaced (a folder at that name), leaving the folder be', () => {
    const dir = tempDir();
    const log = join(dir, 'fostering-funnel.log');
    const full = 'Fostering Funnel fault 00000000: Error\n'.repeat(Math.ceil(FAULT_LOG_LIMIT / 39));
    writeFileSync(log, full, { mode: 0o644 });
    mkdirSync(`${log}.1`);
    writeFileSync(join(`${log}.1`, 'kept.txt'), "a file of the user's");
    logFaultsBeside(join(dir, 'my.db'));
    const first = unexpectedFault(new TypeError('x')).message;
    expect(first).toMatch(/in the app's log, .*fostering-funnel\.log,/);
    const second = unexpectedFault(new RangeError('y')).message;
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(
        `^${LOGGED_AT}Fostering Funnel fault ${referenceIn(first)}: TypeError\\n(\\s+at .*\\n)*${LOGGED_AT}Fostering Funnel fault ${referenceIn(second)}: RangeError\\n(\\s+at .*\\n)*$`,
      ),
    );
    expect(statSync(log).size).toBeLessThan(FAULT_LOG_LIMIT);
    expect(modeOf(log)).toBe(0o600);
    expect(statSync(`${log}.1`).isDirectory()).toBe(true);
    expect(readFileSync(join(`${log}.1`, 'kept.txt'), 'utf8')).toBe("a file of the user's");
  });

  it('never empties, through a link at its name, the full file it points to, when its previous file cannot be replaced', () => {
    const dir = tempDir();
    const elsewhere = join(dir, 'elsewhere.txt');
    const full = 'not a log\n'.repeat(Math.ceil(FAULT_LOG_LIMIT / 10));
    writeFileSync(elsewhere, full);
    symlinkSync(elsewhere, join(dir, 'fostering-funnel.log'));
    mkdirSync(join(dir, 'fostering-funnel.log.1'));
    logFaultsBeside(join(dir, 'my.db'));
    expect(unexpectedFault(new TypeError('x')).message).toMatch(/in the app's error output/);
    expect(readFileSync(elsewhere, 'utf8')).toBe(full);
  });

  it('never empties a full file that another name shares (a hard link), when its previous file cannot be replaced', () => {
    const dir = tempDir();
    const log = join(dir, 'fostering-funnel.log');
    const shared = join(dir, 'a copy the user keeps.txt');
    const full = 'Fostering Funnel fault 00000000: Error\n'.repeat(Math.ceil(FAULT_LOG_LIMIT / 39));
    writeFileSync(shared, full);
    linkSync(shared, log);
    mkdirSync(`${log}.1`);
    logFaultsBeside(join(dir, 'my.db'));
    unexpectedFault(new TypeError('x'));
    // The entry may be added, but what the other name holds is never emptied with the log.
    expect(readFileSync(shared, 'utf8').startsWith(full)).toBe(true);
  });

  it('never fails the app when it cannot be written, and then says the details are in the error output', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'fostering-funnel.log')); // a folder in the way
    logFaultsBeside(join(dir, 'my.db'));
    const fault = unexpectedFault(new TypeError('x'));
    expect(fault.code).toBe('internal');
    expect(fault.message).toMatch(
      /^Something went wrong inside the app\. The details are in the app's error output, under reference [0-9A-F]{8}\.$/,
    );
  });

  it('is never written through a link put at its name', () => {
    const dir = tempDir();
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not a log\n');
    symlinkSync(elsewhere, join(dir, 'fostering-funnel.log'));
    logFaultsBeside(join(dir, 'my.db'));
    expect(unexpectedFault(new TypeError('x')).message).toMatch(/in the app's error output/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('not a log\n');
    expect(existsSync(`${join(dir, 'fostering-funnel.log')}.1`)).toBe(false);
  });
});
