import { describe, expect, it } from 'vitest';
import type { MergedAcross, RawSheet } from '../../../src-main/import/read/raw-sheet.ts';
import { fieldForHeader } from '../../../src-main/import/records/fields.ts';
import { findHeader, headerSignature } from '../../../src-main/import/records/header.ts';
import {
  autoMapping,
  detectKind,
  mappingFromProfile,
  profileMapping,
} from '../../../src-main/import/records/mapping.ts';

const sheet = (rows: Array<Array<string | number | null>>, mergedAcross?: MergedAcross[]): RawSheet => ({
  ...(mergedAcross ? { mergedAcross } : {}),
  name: 'S',
  totalRows: rows.length,
  date1904: false,
  *rows() {
    for (let i = 0; i < rows.length; i++) yield { rowNumber: i + 1, cells: rows[i]! };
  },
});

describe('header detection and column mapping', () => {
  it('matches header synonyms ignoring case, spacing and punctuation', () => {
    expect(fieldForHeader('Date Received')).toBe('enquiry_date');
    expect(fieldForHeader('date of enquiry')).toBe('enquiry_date');
    expect(fieldForHeader('E-MAIL ADDRESS')).toBe('email');
    expect(fieldForHeader('Stage 2 start')).toBe('stage2_date');
    expect(fieldForHeader('Reason for leaving')).toBe('leaving_reason');
    expect(fieldForHeader('Favourite colour')).toBeNull();
  });

  it('skips titles, notes and blank rows above the header and drops trailing empty columns', () => {
    const h = findHeader(
      sheet([
        ['Fostering enquiries 2024'],
        ['Note: data as at 1 April'],
        [],
        ['Ref', 'Enquiry Date', 'Surname', '', null],
        ['A', 1, 'B'],
      ]),
    );
    // Its width counts the empty cells after the last heading: a CSV's rows have as many.
    expect(h).toEqual({ rowNumber: 4, headers: ['Ref', 'Enquiry Date', 'Surname'], recognised: 3, width: 5 });
    expect(findHeader(sheet([['Totals'], ['Apples', 'Pears']]))).toBeNull();
  });

  it('reads a group heading row and the headings under it as one header, and a title above as a title', () => {
    // "Reference" merged down over both rows is its own column's heading, not a group's.
    expect(
      findHeader(
        sheet([
          ['Reference', 'Applicant 1', null, 'Applicant 2', null],
          [null, 'Forename', 'Surname', 'Forename', 'Surname'],
          ['R1', 'Ann', 'Lee', 'Bob', 'Lee'],
        ]),
      ),
    ).toEqual({
      rowNumber: 2,
      headers: [
        'Reference',
        'Applicant 1 Forename',
        'Applicant 1 Surname',
        'Applicant 2 Forename',
        'Applicant 2 Surname',
      ],
      recognised: 5,
      width: 5,
    });
    // A title over the header names no more fields joined to it: the header is its own row.
    expect(
      findHeader(
        sheet([
          ['Carers', null, null],
          ['Carer No.', 'Name', 'Approval date'],
          ['FC1', 'Ann Lee', 'x'],
        ]),
      ),
    ).toEqual({ rowNumber: 2, headers: ['Carer No.', 'Name', 'Approval date'], recognised: 3, width: 3 });
  });

  it('maps each field to one column only, detects carers registers, and round-trips profiles', () => {
    // Of columns equally sure of a field, the first; but one saying more of it ("Enquiry Date"
    // over "Date"; "Approval Date" over "Approved for" or "Approved?", which hold terms or Yes/No).
    const m = autoMapping(['Ref', 'Enquiry Date', 'Date of Enquiry', 'Misc']);
    expect(m.map((x) => x.field)).toEqual(['reference', 'enquiry_date', null, null]);
    expect(autoMapping(['Ref', 'Date', 'Enquiry Date']).map((x) => x.field)).toEqual([
      'reference',
      null,
      'enquiry_date',
    ]);
    expect(autoMapping(['Approved for', 'Approved?', 'Approval Date']).map((x) => x.field)).toEqual([
      null,
      null,
      'approval_date',
    ]);
    expect(detectKind(autoMapping(['Carer Ref', 'Date Approved', 'Reason for leaving']))).toBe('carers');
    expect(detectKind(autoMapping(['Ref', 'Enquiry Date', 'Approval Date']))).toBe('enquiries');
    expect(detectKind(autoMapping(['Carer No', 'Date Left', 'Reason Left']))).toBe('carers');
    const saved = profileMapping([
      { column: 0, header: 'Case No', field: 'reference' },
      { column: 1, header: 'Family', field: 'surname' },
    ]);
    expect(mappingFromProfile(['case no', 'FAMILY', 'Other'], saved).map((x) => x.field)).toEqual([
      'reference',
      'surname',
      null,
    ]);
    expect(headerSignature(['Case No', 'Family'])).toBe('caseno|family');
  });

  it('saves each header as the file writes it, and reads profiles saved folded by earlier versions', () => {
    const saved = profileMapping([
      { column: 0, header: 'Foster Carer No.', field: 'reference' },
      { column: 1, header: 'Date of Approval', field: 'approval_date' },
      { column: 2, header: 'Notes', field: null },
    ]);
    expect(saved).toEqual({
      'Foster Carer No.': 'reference',
      'Date of Approval': 'approval_date',
      Notes: null,
    });
    // Next month's export with other case and punctuation still fits it.
    const next = ['FOSTER CARER NO', 'date of approval', 'Notes'];
    expect(mappingFromProfile(next, saved).map((x) => x.field)).toEqual(['reference', 'approval_date', null]);
    // An earlier version's profile, its headers folded.
    const folded = { fostercarerno: 'reference', dateofapproval: 'approval_date' };
    expect(mappingFromProfile(next, folded).map((x) => x.field)).toEqual([
      'reference',
      'approval_date',
      null,
    ]);
    // Two headers of the same words: each as written, no longer one taking the other's field.
    const two = profileMapping([
      { column: 0, header: 'Ref', field: 'reference' },
      { column: 1, header: 'REF.', field: null },
    ]);
    expect(mappingFromProfile(['Ref', 'REF.'], two).map((x) => x.field)).toEqual(['reference', null]);
  });

  // Found by review (helper-227), each with a register written by openpyxl and saved by LibreOffice.
  describe('a group heading merged across its columns', () => {
    const header = (group: Array<string | null>, sub: string[], merges: MergedAcross[]) =>
      findHeader(sheet([group, sub, ['R1']], merges))!.headers;

    it('gives its width to a group after it that is not merged', () => {
      // Without it, "Carer 2" ran on over Places and Deregistered, and the carer stayed approved.
      const group = [null, null, 'Carer 1', null, null, null, 'Carer 2'];
      const sub = ['Carer No', 'Approval Date', 'First Name', 'Surname', 'DOB', 'Email', 'First Name'];
      expect(
        header(group, [...sub, 'Surname', 'DOB', 'Places', 'Deregistered'], [{ row: 1, from: 2, to: 4 }]),
      ).toEqual([
        'Carer No',
        'Approval Date',
        'Carer 1 First Name',
        'Carer 1 Surname',
        'Carer 1 DOB',
        'Email',
        'Carer 2 First Name',
        'Carer 2 Surname',
        'Carer 2 DOB',
        'Places',
        'Deregistered',
      ]);
    });

    it('leaves a column that makes sense only alone its own, where the merge reaches one column too far', () => {
      const group = [null, null, 'Carer 1', null, 'Carer 2', null, null];
      const sub = ['Carer No', 'Approval Date', 'First Name', 'Surname', 'First Name', 'Surname', 'Places'];
      const merges = [
        { row: 1, from: 2, to: 3 },
        { row: 1, from: 4, to: 6 },
      ];
      expect(header(group, sub, merges).slice(4)).toEqual([
        'Carer 2 First Name',
        'Carer 2 Surname',
        'Places',
      ]);
    });

    it('wins a tie with its lower row alone where each merged heading names a field with every heading under it', () => {
      // "Carer 2" over one "Full Name": both readings name six fields, and read alone Bo Ash was the
      // household's full name, carer 2 never stored (helper-227).
      const sub = ['Carer No', 'Approval Date', 'First Name', 'Surname', 'Full Name', '', 'Places'];
      const h = findHeader(
        sheet(
          [
            [null, null, 'Carer 1', null, 'Carer 2', null, null],
            sub,
            ['R1', '03/05/2022', 'Ann', 'Ash', 'Bo Ash'],
          ],
          [
            { row: 1, from: 2, to: 3 },
            { row: 1, from: 4, to: 5 },
          ],
        ),
      )!;
      expect(h.headers).toEqual([
        'Carer No',
        'Approval Date',
        'Carer 1 First Name',
        'Carer 1 Surname',
        'Carer 2 Full Name',
        '',
        'Places',
      ]);
      // A "Household" banner merged beside them changes nothing (helper-231: it brought the fault back).
      const banner = findHeader(
        sheet(
          [
            ['Household', null, 'Carer 1', null, 'Carer 2', null, null],
            sub,
            ['R1', '03/05/2022', 'Ann', 'Ash', 'Bo Ash'],
          ],
          [
            { row: 1, from: 0, to: 1 },
            { row: 1, from: 2, to: 3 },
            { row: 1, from: 4, to: 5 },
          ],
        ),
      )!;
      expect(banner.headers.slice(2, 5)).toEqual([
        'Carer 1 First Name',
        'Carer 1 Surname',
        'Carer 2 Full Name',
      ]);
      // A title merged over the whole width, above a header it makes no sense with: the header alone.
      const titled = findHeader(
        sheet(
          [['Approved carers register'], ['Carer No', 'Approval Date', 'Surname'], ['R1']],
          [{ row: 1, from: 0, to: 2 }],
        ),
      )!;
      expect(titled).toMatchObject({ rowNumber: 2, headers: ['Carer No', 'Approval Date', 'Surname'] });
    });
  });
});
