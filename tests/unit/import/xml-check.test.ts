import { describe, expect, it } from 'vitest';
import { xmlProblem } from '../../../src-main/import/read/xml-check.ts';

/** The well-formedness check every XML part of a workbook passes before it is read. */
const check = (xml: string) => xmlProblem(Buffer.from(xml));

describe('the XML check', () => {
  it('takes white space of every kind inside start and end tags, as XML allows', () => {
    for (const ws of [' ', '\t', '\n', '\r\n', ' \t\r\n'])
      expect(
        check(`<a${ws}x${ws}=${ws}"1"${ws}y='2'${ws}><b${ws}/><c${ws}r="A1"${ws}>v</c${ws}></a${ws}>`),
        JSON.stringify(ws),
      ).toBeNull();
  });

  it('a name ends at white space, ">" or "/" only, so an end tag naming another element is refused', () => {
    expect(check('<a><b></a></b>')).toMatch(/end tag that does not match/);
    expect(check('<ab></a>')).toMatch(/end tag that does not match/);
    expect(check('<a></a\tb>')).toMatch(/end tag that does not match/);
    expect(check('<a-b><c.d/></a-b>')).toBeNull();
  });
});
