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

describe('where the XML check saw rows start', () => {
  const noted = (xml: string) => {
    const rows = { starts: [] as number[], opaque: false, sheetData: 0 };
    expect(xmlProblem(Buffer.from(xml), rows)).toBeNull();
    return rows;
  };

  it('notes every element named row (any prefix), its "<" in the bytes, and counts the sheetData', () => {
    const xml =
      '<?xml version="1.0"?>\n<worksheet><sheetData><row r="1"><c r="A1"/></row>\n<row r="2"/>' +
      '<x:row xmlns:x="u"/><rows/><rowBreaks/></sheetData><x:sheetData xmlns:x="u"/></worksheet>';
    const rows = noted(xml);
    expect(rows.starts).toEqual([
      xml.indexOf('<row r="1"'),
      xml.indexOf('<row r="2"'),
      xml.indexOf('<x:row'),
    ]);
    expect(rows.sheetData).toBe(2);
    expect(rows.opaque).toBe(false);
  });

  it('says when a comment or processing instruction lies inside the root (its bytes may spell rows), not before it', () => {
    expect(
      noted('<?xml version="1.0"?><!-- made by hand --><worksheet><sheetData/></worksheet>').opaque,
    ).toBe(false);
    expect(noted('<worksheet><sheetData><!-- <row r="1"/> --></sheetData></worksheet>').opaque).toBe(true);
    expect(noted('<worksheet><sheetData/><?pi x?></worksheet>').opaque).toBe(true);
    expect(noted('<worksheet><sheetData><!-- <row r="1"/> --></sheetData></worksheet>').starts).toEqual([]);
  });
});
