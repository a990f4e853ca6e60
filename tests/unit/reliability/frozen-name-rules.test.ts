import { describe, expect, it } from 'vitest';
import { fold29 } from '../../../src-main/db/migrations/0029-households-folded-names.ts';
import {
  hasParts31,
  surnameParts,
} from '../../../src-main/db/migrations/0031-surname-parts-and-name-fold-index.ts';
import { namePartsOf as namePartsOf33 } from '../../../src-main/db/migrations/0033-name-parts-with-the-rest.ts';
import { foldForSearch, hasParts, namePartsOf } from '../../../src-main/domain/fold.ts';

/*
 * Migrations 29, 31 and 33 fold and part names by their own copies of domain/fold.ts's rules as
 * they shipped, so each does what it did whatever becomes of the live rules (a shipped migration
 * never changes). Today the copies and the live rules answer alike for every name below.
 *
 * IF THIS FAILS, the live rule (domain/fold.ts) has changed since those migrations shipped. Do NOT
 * change the migrations' copies to match: a shipped migration never changes. The households' stored
 * folds (first_name_fold, surname_fold) and household_name_parts were written by the old rule, and
 * the search reads them with the new one: add a migration (the next free number) refilling them by
 * the new rule, with its own test, and only then change the comparison below to pin the copies'
 * own answers (the "as they shipped" cases already do for a few names).
 */

const PIECES = [
  '',
  ' ',
  '  ',
  '\t',
  '-',
  '--',
  "'",
  '’',
  '‘',
  'ʼ',
  '`',
  '‐',
  '‑',
  '–',
  '—',
  '.',
  'a',
  'Z',
  'O',
  "O'",
  'Mc',
  'Van',
  'den',
  'de la',
  'Jones',
  'SMITH',
  'smith',
  'Khan',
  'Ali',
  'Brontë',
  'Zoë',
  'François',
  'Siân',
  'Łukasz',
  'Bjørn',
  'Straße',
  'Æsa',
  'Œuvre',
  'Đorđe',
  'Þór',
  'Iğdır',
  'İpek',
  'ı',
  'e\u0301',
  'Ángel',
  'Ñuñez',
  'Σοφία',
  'Мария',
  '李',
  'Ⅻ',
  'ﬁ',
  '😀',
];

/** Every name of one to three pieces (about 140,000), and a few written out. */
function* names(): Generator<string> {
  for (const a of PIECES) {
    yield a;
    for (const b of PIECES) {
      yield a + b;
      for (const c of PIECES) if (a && c) yield `${a}${b}${c}`;
    }
  }
  yield* [
    'Brown Jones-Smith',
    'Van den Berg',
    'Mary-Jane',
    "O'Neill–Quill",
    "Smith-O'Neil",
    '  Lee  ',
    ' -Lee- ',
    'Ann - Marie',
    'de la Cruz-García',
    'Nguyễn Thị Minh Khai',
    "D'Arcy-O'Brien",
    'Jean\u00a0Paul',
    'Anne\u2009Marie',
    'Ló-Pez\u200b',
    'X Æ A-12',
  ];
}

describe("migrations' own copies of the name rules", () => {
  it("fold, part and keep parts as today's live rules do, over every kind of name", () => {
    let n = 0;
    const differ: string[] = [];
    for (const name of names()) {
      n++;
      if (fold29(name) !== foldForSearch(name)) differ.push(`fold ${JSON.stringify(name)}`);
      if (hasParts31(name) !== hasParts(name)) differ.push(`hasParts ${JSON.stringify(name)}`);
      const h = { first_name: name, surname: name.split('').reverse().join('') };
      if (JSON.stringify(namePartsOf33(h)) !== JSON.stringify(namePartsOf(h)))
        differ.push(`namePartsOf ${JSON.stringify(h)}`);
    }
    expect(n).toBeGreaterThan(100_000);
    expect(differ).toEqual([]);
    for (const missing of [null, undefined]) {
      expect(fold29(missing)).toBe(foldForSearch(missing));
      expect(hasParts31(missing)).toBe(hasParts(missing));
      expect(namePartsOf33({ first_name: missing, surname: missing })).toEqual(namePartsOf({}));
    }
  });

  it('answer as they shipped for names the migrations stored', () => {
    expect(['Brontë', "O'Shea", 'O’Shea', 'Smith-Jones', 'Straße', 'van der Berg', ''].map(fold29)).toEqual([
      'bronte',
      'oshea',
      'oshea',
      'smithjones',
      'strasse',
      'van der berg',
      '',
    ]);
    expect(
      [
        'Smith-Jones',
        'Van den Berg',
        'Khan Ali',
        "Smith-O'Neil",
        "O'Neil",
        'Lee',
        'Lee-',
        "O'Neill–Quill",
      ].map(surnameParts),
    ).toEqual([['jones'], ['den', 'berg'], ['ali'], ['oneil'], [], [], [], ['quill']]);
    expect(namePartsOf33({ first_name: 'Mary-Jane', surname: 'Brown Jones-Smith' })).toEqual([
      'jane',
      'jonessmith',
      'smith',
    ]);
    expect(namePartsOf33({ first_name: 'Ann', surname: 'Van den Berg' })).toEqual(['denberg', 'berg']);
  });
});
