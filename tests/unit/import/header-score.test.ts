import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, IMPORT_FIELDS } from '../../../src-main/import/records/fields.ts';
import { matchHeader } from '../../../src-main/import/records/header-score.ts';
import { headerWords } from '../../../src-main/import/records/header-words.ts';
import { autoMapping, withOverrides, fieldNamed } from '../../../src-main/import/records/mapping.ts';

/**
 * Every header the importer recognised when it matched a fixed list of synonyms (the list as
 * it stood before the scorer replaced it): each must still name the same field, surely.
 */
const BEFORE: Partial<Record<string, readonly string[]>> = {
  reference: [
    'Reference',
    'Ref',
    'Ref No',
    'Reference Number',
    'Enquiry Ref',
    'Enquiry Reference',
    'Enquiry ID',
    'Case Reference',
    'Case ID',
    'Person ID',
    'Client ID',
    'ID',
    'Carer Reference',
    'Carer Ref',
    'Carer ID',
    'Household Reference',
    'Household ID',
    'CRM Reference',
    'Mosaic ID',
    'LL ID',
  ],
  enquiry_date: [
    'Enquiry Date',
    'Date Received',
    'Date of Enquiry',
    'Date Enquiry Received',
    'Received',
    'Received Date',
    'Enquiry Received',
    'Contact Date',
    'Date of Contact',
    'Initial Enquiry Date',
    'Date',
  ],
  first_name: ['First Name', 'Forename', 'Forenames', 'Given Name', 'First Names', 'Applicant First Name'],
  surname: ['Surname', 'Last Name', 'Family Name', 'Applicant Surname'],
  full_name: [
    'Name',
    'Full Name',
    'Applicant Name',
    'Applicant',
    'Enquirer',
    'Enquirer Name',
    'Carer Name',
    'Household Name',
    'Carer',
  ],
  email: ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Contact Email'],
  telephone: [
    'Telephone',
    'Phone',
    'Phone Number',
    'Tel',
    'Tel No',
    'Telephone Number',
    'Mobile',
    'Mobile Number',
    'Contact Number',
  ],
  postcode: ['Postcode', 'Post Code', 'Postal Code', 'Zip'],
  source: [
    'Source',
    'Channel',
    'Enquiry Source',
    'How did you hear about us',
    'Heard About Us',
    'Referral Source',
    'Marketing Source',
    'Source of Enquiry',
  ],
  pathway: [
    'Pathway',
    'Type of Fostering',
    'Fostering Type',
    'Assessment Type',
    'Carer Type',
    'Mainstream or Kinship',
  ],
  household_type: [
    'Household Type',
    'Household',
    'Single or Couple',
    'Applicant Type',
    'Household Composition',
  ],
  eoi_date: ['EOI', 'EOI Date', 'Expression of Interest', 'Expression of Interest Date', 'EOI Received'],
  initial_visit_date: [
    'Initial Visit',
    'Initial Visit Date',
    'Home Visit',
    'Home Visit Date',
    'Visit Date',
    'Date of Initial Visit',
    'IV Date',
    'Date of IV',
    'Initial Visit (IV) Date',
  ],
  stage1_date: [
    'Stage 1',
    'Stage 1 Start',
    'Stage 1 Started',
    'Stage 1 Start Date',
    'Stage One',
    'Stage One Start',
    'Date Stage 1 Started',
  ],
  stage2_date: [
    'Stage 2',
    'Stage 2 Start',
    'Stage 2 Started',
    'Stage 2 Start Date',
    'Stage Two',
    'Stage Two Start',
    'Date Stage 2 Started',
    'Form F Start',
  ],
  panel_date: ['Panel', 'Panel Date', 'Date of Panel', 'Fostering Panel', 'Panel Heard'],
  approval_date: [
    'Approval',
    'Approval Date',
    'Approved',
    'Date Approved',
    'ADM Decision Date',
    'ADM Date',
    'Date Registered',
    'Registration Date',
    'Date of Approval',
    'Approved Date',
  ],
  closed_date: [
    'Date Closed',
    'Closed',
    'Closed Date',
    'Closure Date',
    'Date of Closure',
    'Withdrawn Date',
    'Date Withdrawn',
    'End Date',
  ],
  closure_reason: [
    'Closure Reason',
    'Reason Closed',
    'Reason for Closure',
    'Withdrawal Reason',
    'Reason for Withdrawal',
    'Drop Out Reason',
    'Dropout Reason',
    'Closed Reason',
  ],
  closed_by: ['Closed By', 'Ended By', 'Withdrawn By', 'Closure Initiated By', 'Who Ended'],
  deregistration_date: [
    'Deregistration Date',
    'Date Deregistered',
    'Deregistered',
    'De-registration Date',
    'Resignation Date',
    'Date Ceased',
    'Ceased',
    'Ceased Date',
    'Cessation Date',
    'Date Left',
  ],
  leaving_reason: [
    'Reason for Leaving',
    'Leaving Reason',
    'Deregistration Reason',
    'Reason for Deregistration',
    'Reason Left',
    'Cessation Reason',
    'Reason Ceased',
  ],
  ceased_by: [
    'Initiated By',
    'Deregistration Initiated By',
    'Who Initiated',
    'Deregistered By',
    'Cessation Initiated By',
  ],
  notes: ['Notes', 'Comments', 'Note', 'Comment', 'Remarks'],
};

describe('the header scorer', () => {
  it('still recognises every header the synonym lists did, each field label and key, surely', () => {
    for (const field of IMPORT_FIELDS) {
      for (const h of [...(BEFORE[field] ?? []), FIELD_LABELS[field], field]) {
        expect({ h, ...matchHeader(h) }).toMatchObject({ h, field, confidence: 1, tied: [] });
      }
    }
  });

  it('reads the words of a header: case, order, punctuation, plurals and filler ignored', () => {
    expect(headerWords('Date of Approval')).toEqual(['date', 'approval']);
    expect(headerWords('Carer(s) Name')).toEqual(['carer', 'name']);
    expect(headerWords('De-registration Date')).toEqual(['deregistration', 'date']);
    expect(headerWords('Stage1 Start')).toEqual(['stage', '1', 'start']);
    expect(headerWords('ENQUIRIES received')).toEqual(['enquiry', 'received']);
    expect(headerWords('Carer # (Référence)')).toEqual(['carer', 'no', 'reference']);
    expect(headerWords('E mail / Post-code')).toEqual(['email', 'postcode']);
    for (const h of ['Approval Date', 'date approval', 'APPROVAL-DATE', 'Dates of approvals', 'Approved on'])
      expect(matchHeader(h)).toMatchObject({ field: 'approval_date', confidence: 1 });
  });

  it('takes "Initiated by" alone for who initiated a leaving, never another step\'s initiator', () => {
    // A drop-out's withdrawal is Closed by's, as before the leaving's field was added.
    expect(matchHeader('Withdrawal initiated by')).toMatchObject({ field: 'closed_by', tied: [] });
    for (const h of [
      'Referral initiated by',
      'Enquiry initiated by',
      'Who initiated contact',
      'Transfer initiated by',
    ])
      expect({ h, ...matchHeader(h) }).toMatchObject({ h, field: null });
    for (const h of ['Initiated by', 'Carer initiated by', 'Resignation initiated by'])
      expect({ h, ...matchHeader(h) }).toMatchObject({ h, field: 'ceased_by', confidence: 1 });
  });

  it('recognises a reference word with any qualifier naming whose it is', () => {
    for (const h of [
      'Foster Carer No.',
      'Carer No',
      'Household Ref.',
      'Submission ID',
      'Enquiry Number',
      'Mosaic Person ID',
      'Carer #',
      'Unique Reference Number',
    ])
      expect({ h, ...matchHeader(h) }).toMatchObject({ h, field: 'reference', confidence: 1 });
    // A contact detail's number is no reference.
    expect(matchHeader('Tel No').field).toBe('telephone');
    expect(matchHeader('Contact Number').field).toBe('telephone');
  });

  it('approval with a date; deregistered, ceased, left, resigned with a date or a reason', () => {
    const cases: Array<[string, string | null]> = [
      ['Date of Approval', 'approval_date'],
      ['Date First Approved', 'approval_date'],
      ['Date Deregistered', 'deregistration_date'],
      ['Resigned/Deregistered Date', 'deregistration_date'],
      ['Date Carer Left', 'deregistration_date'],
      ['Approval End Date', 'deregistration_date'],
      ['Reason for Deregistration', 'leaving_reason'],
      ['Reason Ceased', 'leaving_reason'],
      ['Why Carer Resigned', 'leaving_reason'],
      ['Reason for End of Approval', 'leaving_reason'],
      // Registration is approval; deregistration, however it is written, is leaving.
      ['De-Registered Date', 'deregistration_date'],
      ['Date of De-registration', 'deregistration_date'],
      ['Registration of Interest Date', null],
    ];
    for (const [h, field] of cases) expect({ h, field: matchHeader(h).field }).toEqual({ h, field });
  });

  it("when the enquiry was answered: with a date, or in the app's label; never a yes-or-no column", () => {
    const cases: Array<[string, string | null]> = [
      ['Enquiry answered', 'responded_date'],
      ['Date Responded', 'responded_date'],
      ['Response Date', 'responded_date'],
      ['Date of First Response', 'responded_date'],
      ['Enquiry Response Date', 'responded_date'],
      ['Date Enquiry Answered', 'responded_date'],
      ['Date Acknowledged', 'responded_date'],
      // Before: "Enquiry Response Date" and "Date Enquiry Answered" were read as the enquiry date.
      ['Enquiry Received', 'enquiry_date'],
      ['Responded', null],
      ['Response', null],
      ['Responded to Enquiry', null],
      ['Enquiry Acknowledged', null],
      ['Response ID', 'reference'],
      // A target, the applicant's later reply or a check's is no answer to the enquiry (review of 41a41e7).
      ['Response Due Date', null],
      ['Target Response Date', null],
      ['Last Response Date', null],
      ['Applicant Response Date', null],
      ['DBS Response Date', null],
      ['No Response Date', null],
      // Another step's headers keep their field, as before the response field.
      ['EOI Response Date', 'eoi_date'],
      ['Date EOI Acknowledged', 'eoi_date'],
      ['Panel Response Date', 'panel_date'],
      ['Response Visit Date', 'initial_visit_date'],
      ['Application Acknowledged Date', 'application_received_date'],
      ['Date Response Received', 'enquiry_date'],
    ];
    for (const [h, field] of cases) expect({ h, field: matchHeader(h).field }).toEqual({ h, field });
  });

  it('gives a less sure match when a header has a word it does not know, and none below half', () => {
    expect(matchHeader('Panel Date (provisional)')).toMatchObject({
      field: 'panel_date',
      confidence: 0.67,
      tied: [],
    });
    for (const h of [
      'Favourite colour',
      'Relationship to Child',
      'Family Email',
      'Misc',
      'Status',
      'Stage 1 End Date',
      // A stage's end, outcome, closure or target is no start.
      'Stage 2 Completion Date',
      'Stage 1 Outcome Date',
      'Stage 2 Due Date',
      'Form F Target Date',
      // One carer's own dates are that person's, never the household's approval or deregistration.
      'Carer 2 Date Left',
      'Date Partner Left',
      'Carer 1 Leaving Date',
      'Partner Approval Date',
      'Second Carer Reason for Leaving',
      'Partner Withdrew Date',
      // "Carer 2" alone is carer 2's name; with another word it is something else about them.
      'Carer 2 Notes',
      'Carer 2 Occupation',
      'Applicant 1 Employer',
      // A count of days is a duration, never the date of the step it counts to.
      'Days to EOI',
      'Days from enquiry to Stage 1',
      'No. of days to approval',
    ])
      expect({ h, ...matchHeader(h) }).toMatchObject({ h, field: null, confidence: 0, tied: [] });
    expect(matchHeader('Day of enquiry').field).toBe('enquiry_date');
    expect(matchHeader('x'.repeat(200)).field).toBeNull();
  });

  it('asks when two fields fit a header equally well', () => {
    expect(matchHeader('Approval / Deregistration Date')).toMatchObject({
      field: null,
      confidence: 0.67,
      tied: ['approval_date', 'deregistration_date'],
    });
    expect(matchHeader('Stage 1/2 Start').tied).toEqual(['stage1_date', 'stage2_date']);
    const m = autoMapping(['Carer No', 'Approval / Deregistration Date']);
    expect(m[1]).toEqual({
      column: 1,
      header: 'Approval / Deregistration Date',
      field: null,
      confidence: null,
      tied: ['approval_date', 'deregistration_date'],
    });
  });

  it('gives a field to the column naming it most surely, then the first; --map overrides move it', () => {
    const m = autoMapping(['Panel Date (provisional)', 'Panel Date', 'Ref']);
    expect(m.map((c) => [c.field, c.confidence])).toEqual([
      [null, null],
      ['panel_date', 1],
      ['reference', 1],
    ]);
    const moved = withOverrides(m, [{ header: 'panel date (PROVISIONAL)', field: 'panel_date' }]);
    expect(moved.map((c) => c.field)).toEqual(['panel_date', null, 'reference']);
    expect(moved[0]!.confidence).toBeNull();
    expect(withOverrides(m, [{ header: 'Ref', field: null }]).map((c) => c.field)).toEqual([
      null,
      'panel_date',
      null,
    ]);
    expect(fieldNamed('Approval date')).toBe('approval_date');
    expect(fieldNamed('stage1_date')).toBe('stage1_date');
    expect(fieldNamed('favourite colour')).toBeNull();
  });

  it('carers, approval terms and the journey steps (issues 14 and 15), headed as registers head them', () => {
    const cases: Array<[string, string]> = [
      // "Application received" is the formal application: the Stage 1 start unless Settings say EOI.
      ['Application Date', 'application_received_date'],
      ['Date of Application', 'application_received_date'],
      ['Application Received', 'application_received_date'],
      ['Carer 1 Surname', 'carer1_surname'],
      ['Main Carer Forename', 'carer1_first_name'],
      ['Partner First Name', 'carer2_first_name'],
      ['Second Applicant Surname', 'carer2_surname'],
      ['Carer 2', 'carer2_full_name'],
      ['Date of Birth', 'carer1_date_of_birth'],
      ['Carer 2 D.O.B.', 'carer2_date_of_birth'],
      ['Gender', 'carer1_sex'],
      ['Gender Identity', 'carer1_gender_identity'],
      ['Ethnic Origin', 'carer1_ethnicity'],
      ['Carer 2 Ethnicity', 'carer2_ethnicity'],
      ['Religion or Belief', 'carer1_religion'],
      ['Marital Status', 'carer1_relationship_status'],
      ['No. of Places', 'places'],
      ['Approved Places', 'places'],
      ['Age Range Approved', 'age_range'],
      ['Age From', 'age_from'],
      ['Age To', 'age_to'],
      ['Max Age', 'age_to'],
      ['Respite', 'short_breaks'],
      ['P&C', 'parent_and_child'],
      ['Panel Minutes Received', 'panel_minutes_date'],
      ['Stage 1 Information Complete', 'stage1_information_date'],
      ['All Stage 1 Information Obtained', 'stage1_information_date'],
      ['Stage 1 Checks Completed', 'stage1_information_date'],
      ['Date Stage 1 Info Received', 'stage1_information_date'],
      ['Viability Outcome', 'viability_result'],
      ['Viability Outcome Date', 'viability_outcome_date'],
      ['Temporary Approval Date', 'reg24_placement_date'],
      ['Regulation 24 Placement', 'reg24_placement_date'],
      ['Reg 25 Extension', 'extension_date'],
      ['Extension Length (weeks)', 'extension_weeks'],
      ['Length of Extension', 'extension_weeks'],
      ['Reg 25 Extension Period', 'extension_weeks'],
      ['Extension (wks)', 'extension_weeks'],
      ['Extension Weeks', 'extension_weeks'],
      ['IRM Concluded', 'irm_concluded_date'],
    ];
    for (const [h, field] of cases)
      expect({ h, ...matchHeader(h) }).toMatchObject({ h, field, confidence: 1, tied: [] });
    // A date of the extension's period is not its length (its cells are dates).
    for (const h of [
      'Extension Period Start',
      'Extension Period End',
      'Extension Period Until',
      'Extension Week Commencing',
      'Reg 25 Period Ends',
      'Reg 25 Extension Period End',
    ])
      expect({ h, field: matchHeader(h).field }).not.toEqual({ h, field: 'extension_weeks' });
    // The Stage 1 start stays the milestone's; a bare "Stage 1 Complete" says not what was complete.
    expect(matchHeader('Stage 1 Start Date').field).toBe('stage1_date');
    expect(matchHeader('Stage 1').field).toBe('stage1_date');
    expect(matchHeader('Stage 1 Complete').field).not.toBe('stage1_information_date');
    // The household's own name and contact details stay the household's.
    expect(matchHeader('Applicant First Name').field).toBe('first_name');
    expect(matchHeader('Carer Name(s)').field).toBe('full_name');
    expect(headerWords('Age range to')).toEqual(['age', 'range', 'to']);
    expect(headerWords('Date sent to panel')).toEqual(['date', 'sent', 'panel']);
  });
});
