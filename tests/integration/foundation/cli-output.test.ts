import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src-main/api/context.ts';
import { dispatch } from '../../../src-main/api/registry.ts';
import { Store } from '../../../src-main/db/store.ts';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('the CLI never prints control characters from data (issue 13, finding 10)', () => {
  it('escapes ESC, BEL, CR and C1 in names, in text and in --json (which still parses to the stored value)', async () => {
    const db = join(tempDir(), 'c.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    // Typed by hand (another program, an older version): the CLI must not trust what is stored.
    const store = await Store.open(db);
    const ctx = createContext(store, { realDbPath: db, sampleDbPath: join(tempDir(), 's.db') });
    const surname = 'Evil\u001b]0;owned\u0007\u001b[2J\rX\u0085';
    await dispatch(ctx, 'households.createHousehold', {
      reference: 'ESC1',
      enquiryDate: '2024-04-01',
      firstName: 'Ann',
      surname,
    });
    store.close();

    for (const args of [['household', 'ESC1'], ['households'], ['households', '--search', 'Evil']]) {
      const text = await cli(...args, '--db', db);
      expect(text.code, args.join(' ')).toBe(0);
      expect(text.out).toContain('Evil\\u001b]0;owned\\u0007');
      expect(text.out).not.toMatch(CONTROL);
      const json = await cli(...args, '--db', db, '--json');
      expect(json.out).not.toMatch(CONTROL);
      expect(JSON.stringify(JSON.parse(json.out))).toContain(JSON.stringify(surname).slice(1, -1));
    }
    const refused = await cli('household', 'NOPE\u001b[2J', '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).not.toMatch(CONTROL);
  });
});

describe('the CLI household line', () => {
  it('says where the household stands once: open at a stage, or ceased', async () => {
    const db = join(tempDir(), 'h.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const store = await Store.open(db);
    const ctx = createContext(store, { realDbPath: db, sampleDbPath: join(tempDir(), 's.db') });
    const { id } = (await dispatch(ctx, 'households.createHousehold', {
      reference: 'C1',
      enquiryDate: '2023-04-01',
      surname: 'Carer',
    })) as { id: number };
    await dispatch(ctx, 'households.createHousehold', {
      reference: 'O1',
      enquiryDate: '2024-04-01',
      surname: 'Open',
    });
    await dispatch(ctx, 'households.recordMilestone', { id, kind: 'approval', date: '2024-02-01' });
    await dispatch(ctx, 'households.ceaseHousehold', {
      id,
      date: '2025-06-01',
      reasonKey: 'other',
      initiatedBy: 'carer',
      notes: null,
    });
    store.close();
    expect((await cli('household', 'C1', '--db', db)).out.split('\n')[0]).toBe(
      'C1  Carer  (Mainstream, Ceased)',
    );
    expect((await cli('household', 'O1', '--db', db)).out.split('\n')[0]).toBe(
      'O1  Open  (Mainstream, Open, Enquiry)',
    );
  });

  it('names each alert and its due date as the record does, never "Initial visit due due"', async () => {
    const db = join(tempDir(), 'a.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const store = await Store.open(db);
    const ctx = createContext(store, { realDbPath: db, sampleDbPath: join(tempDir(), 's.db') });
    await dispatch(ctx, 'households.createHousehold', {
      reference: 'A1',
      enquiryDate: '2024-04-01',
      surname: 'Waiting',
    });
    store.close();
    const alerts = (await cli('household', 'A1', '--db', db)).out
      .split('\n')
      .filter((l) => l.includes('alert'));
    expect(alerts).toEqual([
      '  alert: Respond to the enquiry: due 02/04/2024 (overdue)',
      '  alert: Initial visit due: due 08/04/2024 (overdue)',
    ]);
    // The decision alert says what it counts from, as the record does: the panel where no minutes are recorded.
    const again = await Store.open(db);
    const after = createContext(again, { realDbPath: db, sampleDbPath: join(tempDir(), 's.db') });
    const { id } = (await dispatch(after, 'households.createHousehold', {
      reference: 'P1',
      enquiryDate: '2024-04-01',
      surname: 'Heard',
    })) as { id: number };
    for (const [kind, date] of [
      ['stage1', '2024-05-01'],
      ['stage2', '2024-07-01'],
      ['panel', '2025-01-06'],
    ] as const)
      await dispatch(after, 'households.recordMilestone', { id, kind, date });
    again.close();
    expect((await cli('household', 'P1', '--db', db)).out).toContain(
      '  alert: Decision after panel due (from the panel date: minutes not recorded): due 15/01/2025 (overdue)',
    );
  });
});

describe('the CLI with --json, refused', () => {
  it('prints one object, {"error": {code, message}}, as browser mode answers, and the message on stderr', async () => {
    const dir = tempDir();
    const missing = await cli('status', '--db', join(dir, 'missing.db'), '--json');
    expect(missing.code).toBe(1);
    const gone = JSON.parse(missing.out) as { error: { code: string; message: string } };
    expect(Object.keys(gone)).toEqual(['error']);
    expect(gone.error.code).toBe('not_found');
    expect(missing.err).toContain(gone.error.message);

    const db = join(dir, 'r.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const unknown = await cli('household', 'NOPE\u001b[2J', '--db', db, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.out).not.toMatch(CONTROL);
    expect(unknown.out.split('\n')).toHaveLength(1);
    expect((JSON.parse(unknown.out) as { error: { message: string } }).error.message).toContain('NOPE');
    // Without --json nothing goes to stdout; a usage error (exit 2) stays on stderr alone.
    expect((await cli('household', 'NOPE', '--db', db)).out).toBe('');
    const usage = await cli('household', '--db', db, '--json', '--bogus');
    expect(usage.code).toBe(2);
    expect(usage.out).toBe('');
  });
});
