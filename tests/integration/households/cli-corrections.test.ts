import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

/** A database holding one household, imported from a csv as an officer's would be. */
async function oneHousehold(csv: string): Promise<string> {
  const dir = tempDir();
  const db = join(dir, 'c.db');
  expect((await cli('init', '--db', db)).code).toBe(0);
  const file = join(dir, 'one.csv');
  writeFileSync(file, csv);
  const imported = await cli('import', file, '--db', db);
  expect(imported.code, imported.err).toBe(0);
  return db;
}

describe('record-milestone --correction', () => {
  // It said "recorded" for a correction ("K1: Viability assessment requested recorded 06/10/2026"),
  // so the officer could not tell the date had replaced another; and a milestone, which the core
  // asks to be corrected with a reason, could not be corrected at all ("correct it instead").
  it('says a dated step or a milestone was corrected, from what to what, and that nothing changed when nothing did', async () => {
    const db = await oneHousehold('Reference,Enquiry Date,Surname,Pathway\r\nK1,02/10/2026,Kin,Kinship\r\n');
    const run = (...args: string[]) => cli('record-milestone', 'K1', ...args, '--db', db);
    expect((await run('viability_request', '--date', '05/10/2026')).out).toBe(
      'K1: Viability assessment requested recorded 05/10/2026; now at Stage 1.',
    );
    const unasked = await run('viability_request', '--date', '06/10/2026');
    expect(unasked.code).toBe(1);
    expect(unasked.err).toContain(
      'Viability assessment requested is already recorded (05/10/2026); give a reason to correct it. Give the reason with --correction TEXT.',
    );
    const corrected = await run('viability_request', '--date', '06/10/2026', '--correction', 'Typed wrong');
    expect(corrected.code, corrected.err).toBe(0);
    expect(corrected.out).toBe(
      'K1: Viability assessment requested corrected from 05/10/2026 to 06/10/2026; now at Stage 1.',
    );
    expect((await run('viability_outcome', '--date', '20/10/2026', '--result', 'positive')).out).toBe(
      'K1: Viability outcome recorded 20/10/2026 (Positive); now at Stage 1.',
    );
    expect(
      (
        await run(
          'viability_outcome',
          '--date',
          '20/10/2026',
          '--result',
          'negative',
          '--correction',
          'Misread',
        )
      ).out,
    ).toBe(
      'K1: Viability outcome corrected from 20/10/2026 (Positive) to 20/10/2026 (Negative); now at Stage 1.',
    );
    expect((await run('viability_request', '--date', '06/10/2026', '--correction', 'Again')).out).toBe(
      'K1: Viability assessment requested already recorded 06/10/2026: nothing changed; now at Stage 1.',
    );

    expect((await run('initial_visit', '--date', '07/10/2026')).code).toBe(0);
    const visit = await run('initial_visit', '--date', '08/10/2026');
    expect(visit.code).toBe(1);
    expect(visit.err).toContain(
      'Initial visit is already recorded; correct it instead, with a reason. Give the reason with --correction TEXT.',
    );
    const moved = await run('initial_visit', '--date', '08/10/2026', '--correction', 'Visit moved');
    expect(moved.code, moved.err).toBe(0);
    expect(moved.out).toBe('K1: Initial visit corrected from 07/10/2026 to 08/10/2026; now at Stage 1.');

    const h = new Database(db, { readonly: true });
    try {
      expect(h.prepare("SELECT date FROM milestones WHERE kind = 'initial_visit'").pluck().all()).toEqual([
        '2026-10-08',
      ]);
      expect(
        h
          .prepare("SELECT reason FROM audit_log WHERE entity = 'milestone' AND reason IS NOT NULL")
          .pluck()
          .all(),
      ).toEqual(['Visit moved']);
    } finally {
      h.close();
    }
  });

  // "Say why the temporary approval was extended." left the officer to find which option says it.
  it('names the option a refusal asks for: the viability result, the extension’s reason', async () => {
    const db = await oneHousehold('Reference,Enquiry Date,Surname,Pathway\r\nK2,02/10/2026,Kin,Kinship\r\n');
    const run = (...args: string[]) => cli('record-milestone', 'K2', ...args, '--db', db);
    expect((await run('viability_request', '--date', '05/10/2026')).code).toBe(0);
    expect((await run('reg24_placement', '--date', '06/10/2026')).code).toBe(0);
    const outcome = await run('viability_outcome', '--date', '20/10/2026');
    expect(outcome.code).toBe(1);
    expect(outcome.err).toContain(
      'Say whether the viability outcome was positive or negative. Give it with --result positive or negative.',
    );
    const extension = await run('extension', '--date', '20/11/2026');
    expect(extension.code).toBe(1);
    expect(extension.err).toContain(
      'Say why the temporary approval was extended. Give it with --reason TEXT.',
    );
    // A correction of its length alone keeps the reason held, as an omitted --weeks keeps the length
    // (it was asked for the reason again: helper-242).
    expect((await run('extension', '--date', '20/11/2026', '--reason', 'Late reference')).code).toBe(0);
    const length = await run(
      'extension',
      '--date',
      '20/11/2026',
      '--weeks',
      '6',
      '--correction',
      'Length confirmed',
    );
    expect(length.code, length.err).toBe(0);
    const held = new Database(db, { readonly: true })
      .prepare("SELECT reason, weeks FROM journey_dates WHERE kind = 'extension'")
      .get();
    expect(held).toEqual({ reason: 'Late reference', weeks: 6 });
  });
});
