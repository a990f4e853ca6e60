import { describe, expect, it } from 'vitest';
import { figureNumberText } from '../../../src-main/domain/targets.ts';

/**
 * A figure as typed in Settings or written in a csv, made ready for Number(): a comma grouping
 * thousands is dropped, a decimal comma is not (it was, and "5,5" became 55: helper-241).
 */
describe('a figure’s text', () => {
  it('drops commas that group thousands, a per cent sign and the screen’s minus sign', () => {
    const read = (t: string) => Number(figureNumberText(t));
    expect(read('1,200')).toBe(1200);
    expect(read('12,345,678.5')).toBe(12345678.5);
    expect(read(' 1,200 % ')).toBe(1200);
    expect(read('+1,200')).toBe(1200);
    expect(read('\u22121,200')).toBe(-1200);
    expect(read('3.5%')).toBe(3.5);
  });

  it('leaves a decimal comma, or a comma out of place, for Number() to refuse', () => {
    for (const t of ['5,5', '5,5%', '1,20', '12,00,000', ',5', '1 200'])
      expect(Number.isNaN(Number(figureNumberText(t))), t).toBe(true);
  });
});
