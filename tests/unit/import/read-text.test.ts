import { describe, expect, it } from 'vitest';
import { countLines, csvRows, detectSeparator } from '../../../src-main/import/read/csv.ts';
import { decodeText } from '../../../src-main/import/read/decode-text.ts';

describe('CSV reading', () => {
  it('decodes UTF-8 with and without a BOM, and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\uFEFFZoë'))).toBe('Zoë');
    expect(decodeText(Buffer.from('Zoë'))).toBe('Zoë');
    expect(decodeText(Buffer.from([0x5a, 0x6f, 0xeb, 0x20, 0x80]))).toBe('Zoë €');
    expect(decodeText(Buffer.from('\uFEFFhi', 'utf16le'))).toBe('hi');
  });

  it('detects comma, semicolon and tab separators despite a title line', () => {
    expect(detectSeparator('Export, Jan\na;b;c\n1;2;3\n4;5;6')).toBe(';');
    expect(detectSeparator('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectSeparator('a,b,c\n"1;x",2,3')).toBe(',');
  });

  it('splits quoted fields with separators, doubled quotes, newlines and CRLF', () => {
    const rows = [...csvRows('a,"b,c","say ""hi"""\r\n"multi\nline",,x\n', ',')];
    expect(rows).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', '', 'x'],
    ]);
    expect(countLines('a\nb\nc')).toBe(3);
  });
});
