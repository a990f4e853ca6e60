import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

async function db(): Promise<string> {
  const dir = tempDir();
  const path = join(dir, 'choices.db');
  expect((await cli('init', '--db', path)).code).toBe(0);
  const file = join(dir, 'two.csv');
  writeFileSync(
    file,
    'Reference,Enquiry Date,Surname,Pathway\r\nM1,02/10/2026,Main,Mainstream\r\nK1,03/10/2026,Kin,Kinship\r\n',
  );
  expect((await cli('import', file, '--db', path)).code).toBe(0);
  return path;
}

describe('option values as the screens word them', () => {
  // An officer typing what the screen shows ("Open", "Stage 1", "Lost contact") was refused with
  // the keys alone ("--ended-by must be applicant, service or lost_contact.") or zod's words
  // ('status: Invalid option: expected one of "open"|…', exit 1, not a usage error).
  it('takes a value by its key or by the words the screen shows for it, in any case', async () => {
    const path = await db();
    const listed = await cli(
      'households',
      '--status',
      'OPEN',
      '--stage',
      'enquiry',
      '--pathway',
      'Kinship (connected persons)',
      '--db',
      path,
      '--json',
    );
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({ total: 1, rows: [{ reference: 'K1' }] });
    const step = await cli(
      'record-milestone',
      'K1',
      'Viability assessment requested',
      '--date',
      '05/10/2026',
      '--db',
      path,
    );
    expect(step.code, step.err).toBe(0);
    expect(step.out).toBe('K1: Viability assessment requested recorded 05/10/2026; now at Stage 1.');
    const outcome = await cli(
      'record-milestone',
      'K1',
      'viability outcome',
      '--date',
      '06/10/2026',
      '--result',
      'Positive',
      '--db',
      path,
    );
    expect(outcome.code, outcome.err).toBe(0);
    const stage1 = await cli('households', '--stage', 'Stage 1', '--db', path, '--json');
    expect(JSON.parse(stage1.out)).toMatchObject({ total: 1, rows: [{ reference: 'K1' }] });
    const closed = await cli(
      'close',
      'M1',
      '--date',
      '20/11/2026',
      '--reason',
      'lost contact / NO response',
      '--ended-by',
      'Lost contact',
      '--db',
      path,
    );
    expect(closed.code, closed.err).toBe(0);
    expect(closed.out).toBe('M1: closed 20/11/2026 at Enquiry: Lost contact / no response (Lost contact).');
  });

  it('refuses a value it cannot read as a usage error listing every choice with the screen’s words', async () => {
    const path = await db();
    const status = await cli('households', '--status', 'opened', '--db', path);
    expect(status.code).toBe(2);
    expect(status.err.split('\n').slice(0, 5)).toEqual([
      '--status "opened" is not a status. Give one of these, by its key or its words:',
      '  open       Open',
      '  closed     Closed',
      '  approved   Approved',
      '  ceased     Ceased',
    ]);
    const stage = await cli('households', '--stage', 'stage 3', '--db', path);
    expect(stage.code).toBe(2);
    expect(stage.err).toMatch(/^ {2}stage1 +Stage 1$/m);
    expect(stage.err).toMatch(/^ {2}approval +Approved$/m);
    const kind = await cli('record-milestone', 'M1', 'interview', '--date', '05/10/2026', '--db', path);
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/^KIND "interview" is not a milestone or a dated step\./);
    expect(kind.err).toMatch(/^ {2}reg24_placement +Reg 24 placement \(temporary approval\)$/m);
    const endedBy = await cli(
      'close',
      'M1',
      '--date',
      '20/11/2026',
      '--reason',
      'housing',
      '--ended-by',
      'carer',
      '--db',
      path,
    );
    expect(endedBy.code).toBe(2);
    expect(endedBy.err).toMatch(/^ {2}applicant +Applicant withdrew$/m);
    expect(endedBy.err).toMatch(/^ {2}lost_contact +Lost contact$/m);
    const result = await cli(
      'record-milestone',
      'K1',
      'viability_outcome',
      '--date',
      '06/10/2026',
      '--result',
      'good',
      '--db',
      path,
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^ {2}negative +Negative$/m);
  });

  // "households --fy 2024" answered "households: fy: Give a financial year like 2024/25." and
  // "--limit 1000" "limit: Too big: expected number to be <=500", in the contract's keys and
  // zod's words, as a refusal (exit 1): they are usage errors, named as the options are.
  it('refuses a financial year or a limit it cannot take as a usage error naming the option', async () => {
    const path = await db();
    const fy = await cli('households', '--fy', '2024', '--db', path);
    expect(fy.code).toBe(2);
    expect(fy.err.split('\n')[0]).toBe('--fy needs a financial year like 2024/25.');
    const limit = await cli('households', '--limit', '1000', '--db', path);
    expect(limit.code).toBe(2);
    expect(limit.err.split('\n')[0]).toBe('--limit needs a whole number from 1 to 500.');
    const ok = await cli('households', '--fy', '2026/27', '--limit', '1', '--db', path, '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ total: 2, rows: [{}] });
  });

  it('lists in --help each KIND of record-milestone beside the record’s words for it', async () => {
    const help = await cli('record-milestone', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('KIND, by its key or as the record words it:');
    expect(help.out).toMatch(/^ {2}initial_visit +Initial visit$/m);
    expect(help.out).toMatch(/^ {2}reg24_placement +Reg 24 placement \(temporary approval\)$/m);
    expect(help.out).toContain('A milestone or dated step already recorded: why it is corrected');
  });
});
