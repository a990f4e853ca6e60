import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spellingLost } from '../../../src-main/domain/fold.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, milestonesOf } from './fixtures.ts';

/**
 * A colleague's spreadsheet, or a system that writes plain letters only, gave "Siobhan ONeill" for
 * the "Siobhán O'Neill" an earlier export held: re-imported, the correct spelling was replaced
 * without a word, the row counted as updated (helper-245). The same name written without its
 * accents, apostrophes or hyphens now keeps the stored spelling; a real change of name is taken.
 */
const csv = (app: TestApp, name: string, rows: string[]) => {
  const path = join(app.dir, name);
  writeFileSync(path, ['Reference,Enquiry Date,EOI Date,First Name,Surname', ...rows, ''].join('\r\n'));
  return path;
};
const run = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });
const name = (app: TestApp, reference: string) => {
  const h = household(app.ctx.store.db, reference)!;
  return `${String(h.first_name)} ${String(h.surname)}`;
};

describe('a name re-imported without its accents or apostrophe', () => {
  it('keeps the stored spelling, and takes the rest of the row', async () => {
    const app = await testApp({ today: '2026-12-07' });
    await run(
      app,
      csv(app, 'crm.csv', [
        "E001,03/04/2026,,Siobhán,O'Neill",
        'E002,03/04/2026,,Zoë,Smith-Jones',
        'E003,03/04/2026,,ANN,SMITH',
      ]),
    );
    const result = await run(
      app,
      csv(app, 'plain.csv', [
        'E001,03/04/2026,20/04/2026,Siobhan,ONeill',
        'E002,03/04/2026,,ZOE,SMITH JONES',
        // A case change alone is a correction; another name is a change.
        'E003,03/04/2026,,Ann,Smith',
      ]),
    );
    expect([name(app, 'E001'), name(app, 'E002'), name(app, 'E003')]).toEqual([
      "Siobhán O'Neill",
      'Zoë SMITH JONES',
      'Ann Smith',
    ]);
    expect(milestonesOf(app.ctx.store.db, 'E001')).toMatchObject({ eoi: '2026-04-20' });
    expect(result.warnings).toEqual([]);
  });

  it('is the rule of the names alone', () => {
    expect(spellingLost('Siobhan ONeill', "Siobhán O'Neill")).toBe(true);
    expect(spellingLost('SIOBHAN', 'Siobhán')).toBe(true);
    expect(spellingLost('Smith', 'SMITH')).toBe(false);
    expect(spellingLost('Sean', 'Seán')).toBe(true);
    expect(spellingLost('Shaun', 'Seán')).toBe(false);
    expect(spellingLost('Seán', 'Sean')).toBe(false);
    expect(spellingLost('Smith Jones', 'Smith-Jones')).toBe(false);
    // Accents lost, hyphen or apostrophe kept (helper-249); both lost; not a mark the stored one lacks.
    expect(spellingLost('Garcia-Lopez', 'García-López')).toBe(true);
    expect(spellingLost("D'Souza", "D'Souza")).toBe(false);
    expect(spellingLost('ONEILL', "O'Neill")).toBe(true);
    expect(spellingLost("O'Neill", 'ONeill')).toBe(false);
    expect(spellingLost('Jose Luis', 'José-Luis')).toBe(false);
    // A case change alone is taken, marks or none (helper-250).
    expect(spellingLost("D'SOUZA", "D'Souza")).toBe(false);
    expect(spellingLost('Smith-Jones', 'SMITH-JONES')).toBe(false);
    expect(spellingLost("O'Neill", "O'NEILL")).toBe(false);
  });
});
