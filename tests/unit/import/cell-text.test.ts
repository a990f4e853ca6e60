import { describe, expect, it } from 'vitest';
import { cellText } from '../../../src-main/import/records/parse-row.ts';

/**
 * cellText skips its whitespace replace and lower-casing where they cannot change the answer;
 * it must read every cell exactly as the plain rule does: whitespace runs made one space,
 * trimmed, and a word meaning "nothing entered" read as blank.
 */
const BLANK_WORDS = ['', '-', 'n/a', 'na', 'none', 'null', 'tbc', 'unknown'];
const plainRule = (c: string | number | null | undefined): string => {
  if (c === null || c === undefined) return '';
  const t = typeof c === 'number' ? String(c) : c.replace(/\s+/g, ' ').trim();
  return BLANK_WORDS.includes(t.toLowerCase()) ? '' : t;
};

describe('cellText', () => {
  it('reads every cell as the plain rule does: spaces, tabs, line breaks, non-breaking spaces, blank words', () => {
    const spaces = ['', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', ' \u00a0 '];
    const words = [
      'Ann',
      'Ann Lee',
      'N/A',
      'n/a',
      'Unknown',
      'TBC',
      'none',
      'None of these',
      '-',
      'n / a',
      'nA',
    ];
    const cells: Array<string | number | null | undefined> = [null, undefined, 0, 12.5, -1, 'x'.repeat(300)];
    for (const w of words)
      for (const a of spaces)
        for (const b of spaces) {
          cells.push(`${a}${w}${b}`);
          cells.push(w.replace(' ', `${a} `));
          cells.push(`${a}${b}`);
        }
    let blanks = 0;
    for (const c of cells) {
      expect(cellText(c), JSON.stringify(c)).toBe(plainRule(c));
      if (plainRule(c) === '') blanks++;
    }
    // The oracle is not trivially blank or trivially not.
    expect(blanks).toBeGreaterThan(100);
    expect(blanks).toBeLessThan(cells.length - 100);
  });
});
