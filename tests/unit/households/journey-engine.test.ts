import { describe, expect, it } from 'vitest';
import { decide, placeEnquiry, statusOf, type JourneyState } from '../../../src-main/domain/journey.ts';
import { decideMerge } from '../../../src-main/domain/journey-merge.ts';

// The engine is pure: every case is a state, an event and a day, with no database.
const TODAY = '2026-11-26';
const open = (dates: JourneyState['dates'] = { enquiry: '2025-01-10' }): JourneyState => ({
  reference: 'FF000001',
  episode: 1,
  pathway: 'mainstream',
  dates,
  respondedDate: null,
  closure: null,
  cessation: null,
});
const closed = (): JourneyState => ({
  ...open({ enquiry: '2024-01-10', eoi: '2024-02-01' }),
  closure: { id: 7, date: '2024-03-01' },
});
const approved = (): JourneyState =>
  open({ enquiry: '2023-01-10', eoi: '2023-02-01', approval: '2024-01-15' });

describe('journey engine', () => {
  it('records a milestone in order, and refuses one out of order naming the input field', () => {
    const ok = decide(open(), { type: 'record', kind: 'eoi', date: '2025-02-01' }, TODAY);
    expect(ok.violations).toEqual([]);
    expect(ok.writes).toEqual([
      { to: 'milestone', op: 'insert', episode: 1, kind: 'eoi', date: '2025-02-01' },
    ]);
    expect(ok.state.dates.eoi).toBe('2025-02-01');

    const early = decide(open(), { type: 'record', kind: 'eoi', date: '2025-01-01' }, TODAY);
    expect(early.violations).toMatchObject([{ code: 'rule_violation', field: 'date', fact: 'eoi' }]);
    expect(early.violations[0]!.message).toContain('before the Enquiry date 10/01/2025');

    const future = decide(open(), { type: 'record', kind: 'eoi', date: '2026-11-27' }, TODAY);
    expect(future.violations[0]!.message).toContain('in the future');
  });

  it('keeps the response on or after the enquiry, whichever of the two moves, by hand or by file', () => {
    const answered = { ...open(), respondedDate: '2025-01-13' };
    // By hand: a response before the enquiry, or the enquiry corrected past the response.
    expect(decide(open(), { type: 'respond', date: '2025-01-09' }, TODAY).violations).toMatchObject([
      {
        fact: 'response',
        field: 'date',
        message: 'Response date 09/01/2025 is before the Enquiry date 10/01/2025.',
      },
    ]);
    const corrected = decide(
      answered,
      { type: 'correct', kind: 'enquiry', date: '2025-01-14', reason: 'typo' },
      TODAY,
    );
    expect(corrected.violations).toMatchObject([
      {
        fact: 'enquiry',
        field: 'date',
        message:
          'Response date 13/01/2025 is before the Enquiry date 14/01/2025. Correct the response first.',
      },
    ]);
    // By file: the row's enquiry past the response held; with the row's own later response, both move.
    const row = (dates: JourneyState['dates'], responded: string | null) =>
      decide(
        answered,
        { type: 'importRow', reopenOn: null, dates, closure: null, cessation: null, responded },
        TODAY,
      );
    expect(row({ enquiry: '2025-01-14' }, null).violations).toMatchObject([
      { fact: 'enquiry', field: 'enquiry_date' },
    ]);
    const both = row({ enquiry: '2025-01-14' }, '2025-01-15');
    expect(both.violations).toEqual([]);
    expect(both.writes).toEqual([
      { to: 'responded', date: '2025-01-15', old: '2025-01-13' },
      { to: 'milestone', op: 'update', episode: 1, kind: 'enquiry', date: '2025-01-14', old: '2025-01-10' },
    ]);
    // A response the row gives before its own enquiry is the row's fault, on its column.
    expect(row({ enquiry: '2025-01-14' }, '2025-01-12').violations[0]).toMatchObject({
      fact: 'response',
      field: 'responded_date',
    });
  });

  it('lets old data keep its own fault while an unrelated change goes through', () => {
    // Stage 2 before Stage 1 was imported long ago; recording the panel must not be blocked by it.
    const s = open({ enquiry: '2024-01-10', eoi: '2024-02-01', stage1: '2024-05-01', stage2: '2024-04-01' });
    expect(decide(s, { type: 'record', kind: 'panel', date: '2024-09-01' }, TODAY).violations).toEqual([]);
  });

  it('takes a milestone only while the household is open, and never twice', () => {
    expect(
      decide(closed(), { type: 'record', kind: 'stage1', date: '2024-02-10' }, TODAY).violations,
    ).toMatchObject([{ field: 'id', message: 'Cannot record Stage 1: household FF000001 is closed.' }]);
    expect(
      decide(open(), { type: 'record', kind: 'enquiry', date: '2025-01-11' }, TODAY).violations,
    ).toMatchObject([{ code: 'conflict', field: 'kind' }]);
  });

  it('keeps a correction before the closure that ended the episode', () => {
    const d = decide(closed(), { type: 'correct', kind: 'eoi', date: '2024-03-02', reason: 'typo' }, TODAY);
    expect(d.violations.map((v) => v.message)).toContain(
      'EOI / application cannot come after the closure on 01/03/2024.',
    );
    const fine = decide(
      closed(),
      { type: 'correct', kind: 'eoi', date: '2024-02-02', reason: 'typo' },
      TODAY,
    );
    expect(fine.writes).toEqual([
      {
        to: 'milestone',
        op: 'update',
        episode: 1,
        kind: 'eoi',
        date: '2024-02-02',
        old: '2024-02-01',
        reason: 'typo',
      },
    ]);
  });

  it('closes an open household at the stage reached by the closure date, and never an approved one', () => {
    const s = open({ enquiry: '2025-01-10', eoi: '2025-02-01', stage1: '2025-03-01' });
    const d = decide(
      s,
      {
        type: 'close',
        closure: { date: '2025-04-01', reasonKey: 'other', endedBy: 'applicant', reason: null },
      },
      TODAY,
    );
    expect(d.writes).toMatchObject([{ to: 'closure', op: 'insert', stageReached: 'stage1', episode: 1 }]);
    expect(statusOf(d.state)).toBe('closed');

    const refused = decide(
      approved(),
      {
        type: 'close',
        closure: { date: '2025-04-01', reasonKey: 'other', endedBy: 'service', reason: null },
      },
      TODAY,
    );
    expect(refused.violations[0]!.message).toBe('FF000001 is approved: it cannot be closed as a drop-out.');
    // A closed household is re-opened before it is closed again by hand; an import may restate its closure.
    const again = {
      type: 'close',
      closure: { date: '2024-03-05', reasonKey: 'other', endedBy: 'service', reason: null },
    } as const;
    expect(decide(closed(), again, TODAY).violations[0]!.message).toBe(
      'Cannot close: household FF000001 is closed.',
    );
    expect(decide(closed(), { ...again, replace: true }, TODAY).writes).toMatchObject([
      { op: 'update', id: 7 },
    ]);
  });

  it('refuses a closure ended by someone its reason does not name, by hand and by an import row', () => {
    const s = open({ enquiry: '2025-01-10', eoi: '2025-02-01' });
    const checks = { label: 'Checks or references unsatisfactory', endedBy: 'service' };
    const closure = { date: '2025-04-01', reasonKey: 'unsuitable_checks', reason: checks } as const;
    const byHand = decide(s, { type: 'close', closure: { ...closure, endedBy: 'applicant' } }, TODAY);
    expect(byHand.violations).toEqual([
      {
        code: 'rule_violation',
        fact: 'closure',
        field: 'endedBy',
        message:
          'Ended by "Applicant withdrew" does not fit the reason "Checks or references unsatisfactory", which the service ends an assessment for: choose "Service ended it", or another reason.',
      },
    ]);
    const row = { type: 'importRow', reopenOn: null, dates: {}, cessation: null } as const;
    const imported = decide(s, { ...row, closure: { ...closure, endedBy: 'lost_contact' } }, TODAY);
    expect(imported.violations.map((v) => [v.fact, v.field])).toEqual([['closure', 'closed_by']]);
    // The reason's own ended-by, a reason for anyone, and a closure restated from storage are taken.
    expect(
      decide(s, { type: 'close', closure: { ...closure, endedBy: 'service' } }, TODAY).violations,
    ).toEqual([]);
    const other = { label: 'Other reason / unknown', endedBy: 'any' };
    const anyone = { ...closure, reasonKey: 'other', reason: other, endedBy: 'service' } as const;
    expect(decide(s, { type: 'close', closure: anyone }, TODAY).violations).toEqual([]);
    const added = {
      ...closure,
      reason: { label: 'Moved away', endedBy: null },
      endedBy: 'applicant',
    } as const;
    expect(decide(s, { type: 'close', closure: added }, TODAY).violations).toEqual([]);
    const restated = { ...closure, endedBy: 'applicant', reason: null } as const;
    expect(decide(s, { ...row, closure: restated }, TODAY).violations).toEqual([]);
  });

  it('refuses by hand a panel’s refusal before the panel; an import row records it (its plan warns)', () => {
    const notApproved = { label: 'Panel or decision maker did not approve', endedBy: 'service' };
    const closure = {
      date: '2025-06-01',
      reasonKey: 'not_approved',
      endedBy: 'service',
      reason: notApproved,
    } as const;
    const atStage2 = open({
      enquiry: '2025-01-10',
      eoi: '2025-02-01',
      stage1: '2025-03-01',
      stage2: '2025-04-01',
    });
    expect(decide(atStage2, { type: 'close', closure }, TODAY).violations).toEqual([
      {
        code: 'rule_violation',
        fact: 'closure',
        field: 'reasonKey',
        message:
          '"Panel or decision maker did not approve" is a decision after panel, but the household stands at Stage 2: record its panel date first, or choose another reason.',
      },
    ]);
    const atPanel = open({ ...atStage2.dates, panel: '2025-05-20' });
    expect(decide(atPanel, { type: 'close', closure }, TODAY).violations).toEqual([]);
    const row = { type: 'importRow', reopenOn: null, dates: {}, cessation: null, closure } as const;
    expect(decide(atStage2, row, TODAY).violations).toEqual([]);
  });

  it('re-opens a closed household as a new episode that starts with the new enquiry', () => {
    const d = decide(closed(), { type: 'reopen', enquiryDate: '2025-01-10', notes: null }, TODAY);
    expect(d.violations).toEqual([]);
    expect(d.writes).toEqual([
      { to: 'reopen', closureId: 7, on: '2025-01-10', fromEpisode: 1, notes: null },
      { to: 'milestone', op: 'insert', episode: 2, kind: 'enquiry', date: '2025-01-10' },
    ]);
    expect(d.state).toMatchObject({ episode: 2, closure: null, dates: { enquiry: '2025-01-10' } });
    expect(
      decide(closed(), { type: 'reopen', enquiryDate: '2024-02-15', notes: null }, TODAY).violations[0]!
        .message,
    ).toBe('The new enquiry date 15/02/2024 is before the closure on 01/03/2024.');
    expect(
      decide(open(), { type: 'reopen', enquiryDate: '2025-05-01', notes: null }, TODAY).violations,
    ).toHaveLength(1);
  });

  it('moves the re-opened closure’s date with a correction of the re-opened episode’s enquiry', () => {
    const second: JourneyState = {
      ...open({ enquiry: '2025-01-10' }),
      episode: 2,
      reopenedAfter: '2024-03-01',
    };
    const d = decide(second, { type: 'correct', kind: 'enquiry', date: '2025-01-20', reason: 'typo' }, TODAY);
    expect(d.violations).toEqual([]);
    expect(d.writes).toEqual([
      {
        to: 'milestone',
        op: 'update',
        episode: 2,
        kind: 'enquiry',
        date: '2025-01-20',
        old: '2025-01-10',
        reason: 'typo',
      },
      { to: 'reopenedOn', episode: 1, on: '2025-01-20', old: '2025-01-10' },
    ]);
    // A first episode re-opened nothing.
    const first = decide(
      open(),
      { type: 'correct', kind: 'enquiry', date: '2025-01-20', reason: 'typo' },
      TODAY,
    );
    expect(first.writes.map((w) => w.to)).toEqual(['milestone']);
  });

  it('moves a standing ending (an import restating it) no later than the exit interview that follows it', () => {
    const ceased: JourneyState = {
      ...approved(),
      cessation: { id: 3, date: '2025-06-30', interview: { on: '2025-07-01', what: 'offered' } },
    };
    const cease = (date: string) =>
      decide(
        ceased,
        { type: 'cease', cessation: { date, reasonKey: 'other', initiatedBy: 'carer' }, replace: true },
        TODAY,
      ).violations;
    expect(cease('2025-08-31')).toMatchObject([{ fact: 'cessation', field: 'date' }]);
    expect(cease('2025-08-31')[0]!.message).toBe(
      'FF000001: its exit interview was offered on 01/07/2025, before the deregistration date 31/08/2025: correct the interview first.',
    );
    expect(cease('2025-07-01')).toEqual([]);
    expect(cease('2025-05-01')).toEqual([]);
  });

  it('bounds the approval and a cessation by the carers’ dates already recorded', () => {
    const held: JourneyState = { ...approved(), carerDates: { from: '2024-03-01', until: '2025-01-15' } };
    const correct = (date: string) =>
      decide(held, { type: 'correct', kind: 'approval', date, reason: 'typo' }, TODAY).violations;
    expect(correct('2024-04-01')).toMatchObject([{ fact: 'approval', field: 'date' }]);
    expect(correct('2024-03-01')).toEqual([]);
    const cease = (date: string) =>
      decide(held, { type: 'cease', cessation: { date, reasonKey: 'other', initiatedBy: 'carer' } }, TODAY)
        .violations;
    expect(cease('2024-12-31')).toMatchObject([{ fact: 'cessation', field: 'date' }]);
    expect(cease('2025-01-15')).toEqual([]);
  });

  it('ceases only an approved household; a resignation takes effect 28 days after notice', () => {
    const d = decide(
      approved(),
      { type: 'cease', cessation: { noticeDate: '2026-10-01', reasonKey: 'retired', initiatedBy: 'carer' } },
      TODAY,
    );
    expect(d.violations).toEqual([]);
    expect(d.writes).toMatchObject([{ to: 'cessation', op: 'insert', cessation: { date: '2026-10-29' } }]);
    expect(statusOf(d.state)).toBe('ceased');
    const none = decide(
      open(),
      { type: 'cease', cessation: { date: '2026-01-01', reasonKey: 'x', initiatedBy: 'service' } },
      TODAY,
    );
    expect(none.violations[0]!.message).toContain('has no approval date');
  });

  it('removes a cessation recorded by mistake, and only from a ceased household', () => {
    const ceased: JourneyState = { ...approved(), cessation: { id: 4, date: '2026-02-01' } };
    const d = decide(ceased, { type: 'removeCessation', reason: 'wrong household' }, TODAY);
    expect(d.violations).toEqual([]);
    expect(d.writes).toEqual([
      { to: 'cessation', op: 'delete', id: 4, date: '2026-02-01', reason: 'wrong household' },
    ]);
    expect(statusOf(d.state)).toBe('approved');
    const none = decide(approved(), { type: 'removeCessation', reason: 'x' }, TODAY);
    expect(none.writes).toEqual([]);
    expect(none.violations[0]!.message).toBe('Cannot remove a cessation: household FF000001 is approved.');
  });

  it('removes the closure recorded by mistake: the episode is open again at the stage it had reached', () => {
    const d = decide(closed(), { type: 'removeClosure', reason: 'wrong household' }, TODAY);
    expect(d.violations).toEqual([]);
    expect(d.writes).toEqual([
      {
        to: 'closure',
        op: 'delete',
        id: closed().closure!.id,
        date: closed().closure!.date,
        reason: 'wrong household',
      },
    ]);
    expect(statusOf(d.state)).toBe('open');
    expect(d.state.dates).toEqual(closed().dates);
    // Not once the household's personal details were erased: its ending is what the erasure followed.
    const erased = decide(
      { ...closed(), erased: true, erasedOn: '2024-06-01' },
      { type: 'removeClosure', reason: 'x' },
      TODAY,
    );
    expect(erased.violations.map((v) => v.message)).toEqual([
      "Cannot remove the closure: FF000001's personal details were erased after it ended. If the family has come back, re-open it as a new enquiry.",
    ]);
    const ceased: JourneyState = {
      ...approved(),
      cessation: { id: 4, date: '2026-02-01' },
      erased: true,
      erasedOn: '2026-03-01',
    };
    expect(decide(ceased, { type: 'removeCessation', reason: 'x' }, TODAY).violations).toHaveLength(1);
    // An ending after the erasure (the family came back, and ended again by mistake) is removed (helper-243).
    const later = { ...closed(), erased: true, erasedOn: '2024-02-15' };
    expect(decide(later, { type: 'removeClosure', reason: 'x' }, TODAY).violations).toEqual([]);
    const none = decide(open(), { type: 'removeClosure', reason: 'x' }, TODAY);
    expect(none.writes).toEqual([]);
    expect(none.violations[0]!.message).toBe('Cannot remove a closure: household FF000001 is open.');
  });

  it('dates a pathway switch, after the enquiry and not in the future', () => {
    const d = decide(open(), { type: 'switchPathway', pathway: 'kinship', date: '2025-06-01' }, TODAY);
    expect(d.writes).toEqual([{ to: 'pathway', from: 'mainstream', pathway: 'kinship', date: '2025-06-01' }]);
    expect(
      decide(open(), { type: 'switchPathway', pathway: 'kinship', date: '2024-06-01' }, TODAY).violations,
    ).toHaveLength(1);
    expect(
      decide(open(), { type: 'switchPathway', pathway: 'mainstream', date: '2025-06-01' }, TODAY)
        .violations[0]!.field,
    ).toBe('pathway');
  });

  it('places an enquiry: the current episode, a re-opening, or an earlier episode an old export still carries', () => {
    expect(placeEnquiry('2024-01-10', closed())).toBe('current');
    expect(placeEnquiry('2024-03-01', closed())).toBe('reopens');
    const second = { ...open({ enquiry: '2025-01-10' }), episode: 2 };
    expect(placeEnquiry('2024-01-10', second)).toBe('earlier');
    expect(placeEnquiry('2025-01-05', open())).toBe('current'); // a correction while it is the only episode
  });

  it('an imported row re-opens, lands its dates in the new episode and reports every fault it has', () => {
    const d = decide(
      closed(),
      {
        type: 'importRow',
        reopenOn: '2025-01-10',
        dates: { enquiry: '2025-01-10', eoi: '2025-02-15' },
        closure: null,
        cessation: null,
      },
      TODAY,
    );
    expect(d.violations).toEqual([]);
    expect(d.writes.map((w) => w.to)).toEqual(['reopen', 'milestone', 'milestone']);
    expect(d.state).toMatchObject({ episode: 2, dates: { enquiry: '2025-01-10', eoi: '2025-02-15' } });

    const bad = decide(
      approved(),
      {
        type: 'importRow',
        reopenOn: null,
        dates: { panel: '2022-01-01' },
        closure: { date: '2025-01-01', reasonKey: 'other', endedBy: 'service', reason: null },
        cessation: null,
      },
      TODAY,
    );
    expect(bad.violations.map((v) => [v.fact, v.field])).toEqual([
      ['panel', 'panel_date'],
      ['closure', 'closed_date'],
    ]);
  });

  it('merges two journeys only where they agree, keeping the earlier enquiry, one ending at most', () => {
    const dup = (dates: JourneyState['dates'], more: Partial<JourneyState> = {}): JourneyState => ({
      ...open(dates),
      reference: 'FF000002',
      ...more,
    });
    const keep = open({ enquiry: '2025-01-10', eoi: '2025-02-01' });
    const ok = decideMerge(keep, dup({ enquiry: '2025-01-02', stage1: '2025-03-01' }), TODAY);
    expect(ok.violations).toEqual([]);
    expect(ok.earlierEnquiry).toEqual({ date: '2025-01-02', old: '2025-01-10' });
    expect(ok.dates).toEqual({ enquiry: '2025-01-02', eoi: '2025-02-01', stage1: '2025-03-01' });
    expect(ok.stageReached).toBe('stage1');

    const contradicting = decideMerge(keep, dup({ enquiry: '2025-01-10', eoi: '2025-02-03' }), TODAY);
    expect(contradicting.violations[0]).toMatchObject({ field: 'mergeReference', fact: 'eoi' });
    expect(contradicting.violations[0]!.message).toContain(
      '01/02/2025 on FF000001 but 03/02/2025 on FF000002',
    );

    const bothClosed = decideMerge(
      { ...keep, closure: { id: 1, date: '2025-04-01' } },
      dup({ enquiry: '2025-01-10' }, { closure: { id: 2, date: '2025-03-01' } }),
      TODAY,
    );
    expect(bothClosed.violations.map((v) => v.message)).toContain(
      'Both FF000001 and FF000002 are closed: re-open one before merging.',
    );

    const closedTooEarly = decideMerge(
      keep,
      dup({ enquiry: '2025-01-10' }, { closure: { id: 2, date: '2025-01-20' } }),
      TODAY,
    );
    expect(closedTooEarly.violations[0]!.message).toContain('FF000002 was closed too early to merge');
    expect(
      decideMerge(keep, dup({ enquiry: '2025-01-10' }, { episode: 2 }), TODAY).violations[0]!.message,
    ).toBe('FF000002 has been re-opened: merge it by hand, episode by episode.');
  });
});
