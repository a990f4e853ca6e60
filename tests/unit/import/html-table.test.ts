import { describe, expect, it } from 'vitest';
import { htmlSheet, looksLikeHtml } from '../../../src-main/import/read/html-table.ts';

const tooWide = (): never => {
  throw new Error('too wide');
};
const cells = (html: string) => [...htmlSheet(html, 'page.xls', tooWide).rows()].map((r) => r.cells);

describe('web pages named .xls', () => {
  it('are recognised by their first tag, whatever the extension says', () => {
    expect(looksLikeHtml('\uFEFF  <!DOCTYPE html><html>')).toBe(true);
    expect(looksLikeHtml('<table><tr><td>a')).toBe(true);
    expect(looksLikeHtml('Reference,Enquiry Date\r\n<b>,1')).toBe(false);
  });

  it('keep merged cells in their columns, skip comments and scripts, and read entities', () => {
    expect(
      cells(
        `<table><thead><tr><th rowspan=2>Ref</th><th colspan="2">Carer 1</th></tr>
         <tr><th>First</th><th>Last</th></tr></thead><!-- <tr><td>hidden</td></tr> -->
         <tbody><tr><td>R1<script>"<td>"</script></td><td>Zo&euml;&nbsp;</td><td>O&#39;Neill &amp; Co</td></tr></tbody></table>`,
      ),
    ).toEqual([
      ['Ref', 'Carer 1', ''],
      ['', 'First', 'Last'],
      ['R1', 'Zoë', "O'Neill & Co"],
    ]);
  });

  it('read broken or hostile markup in one pass', () => {
    const started = Date.now();
    // Each of these took minutes when every start scanned to the end of the page again.
    cells('<table><tr><td>' + '<td'.repeat(300_000));
    cells('<table><tr><td>' + '<<<<'.repeat(300_000) + '>');
    cells('<table>' + '<script>'.repeat(200_000) + '<tr><td>x');
    cells('<table>' + '<!--'.repeat(200_000));
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
