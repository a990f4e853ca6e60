import { crc32 as nodeCrc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from '../../../src-main/export/zip.ts';
import { unzip } from '../../support/docx.ts';

/** The Word export's zip writer (export/zip.ts), read back by the tests' own reader and Node's zlib. */
describe('zip', () => {
  it("computes zip's CRC-32 as zlib does", () => {
    for (const text of ['', 'a', '123456789', 'Zoë & <w:t>'.repeat(1000)]) {
      const bytes = Buffer.from(text, 'utf8');
      expect(crc32(bytes), text.slice(0, 20)).toBe(nodeCrc32(bytes));
    }
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes parts that read back exactly, deflated where that is smaller, with UTF-8 names', () => {
    const big = '<w:p>repeated</w:p>'.repeat(5000);
    const bytes = zip([
      { name: '[Content_Types].xml', data: big },
      { name: 'a/ë.bin', data: Buffer.from([1, 2, 3]) },
      { name: 'empty', data: '' },
    ]);
    const parts = unzip(bytes);
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', 'a/ë.bin', 'empty']);
    expect(parts.get('[Content_Types].xml')!.toString('utf8')).toBe(big);
    expect([...parts.get('a/ë.bin')!]).toEqual([1, 2, 3]);
    expect(parts.get('empty')!.length).toBe(0);
    // The big part is deflated (method 8), the three bytes stored (method 0).
    expect(bytes.readUInt16LE(8)).toBe(8);
    expect(bytes.length).toBeLessThan(big.length / 10);
    const second = bytes.indexOf(Buffer.from('a/ë.bin', 'utf8'));
    expect(bytes.readUInt16LE(second - 30 + 8)).toBe(0);
    expect(inflateRawSync(bytes.subarray(30 + 19, 30 + 19 + bytes.readUInt32LE(18))).toString()).toBe(big);
    // The same parts always give the same bytes (no clock in the file).
    expect(zip([{ name: 'x', data: 'y' }]).equals(zip([{ name: 'x', data: 'y' }]))).toBe(true);
  });
});
