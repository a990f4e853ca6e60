import { describe, expect, it } from 'vitest';
import {
  checkBeforeClosure,
  checkCessation,
  checkExitInterview,
  checkReopen,
  missingStepsWarning,
  stepsMissingBefore,
} from '../../../src-main/domain/order-rules.ts';
import { givenInInterview, interviewHeldAfter } from '../../../src-main/domain/reasons.ts';
import { interviewStatus } from '../../../src-main/sample/interviews.ts';

const today = '2026-11-26';

describe('the rules for endings', () => {
  it('cessation: only after approval; a resignation takes effect 28 days after notice and may lie ahead until then', () => {
    expect(
      checkCessation({ date: '2026-11-01', noticeDate: null, initiatedBy: 'service' }, null, today)?.message,
    ).toBe('Only an approved household can cease to foster.');
    expect(
      checkCessation(
        { date: '2026-11-20', noticeDate: '2026-11-02', initiatedBy: 'carer' },
        '2025-01-01',
        today,
      ),
    ).toEqual({
      field: 'date',
      message: 'A resignation takes effect 28 days after notice: not before 30/11/2026.',
    });
    expect(
      checkCessation(
        { date: '2026-11-30', noticeDate: '2026-11-02', initiatedBy: 'carer' },
        '2025-01-01',
        today,
      ),
    ).toBeNull();
    expect(
      checkCessation(
        { date: '2026-12-30', noticeDate: '2026-11-02', initiatedBy: 'carer' },
        '2025-01-01',
        today,
      )?.field,
    ).toBe('date');
    expect(
      checkCessation(
        { date: '2026-11-10', noticeDate: '2026-12-01', initiatedBy: 'carer' },
        '2025-01-01',
        today,
      )?.field,
    ).toBe('noticeDate');
    expect(
      checkCessation({ date: '2024-12-01', noticeDate: null, initiatedBy: 'service' }, '2025-01-01', today)
        ?.message,
    ).toBe('Date 01/12/2024 is before the approval date 01/01/2025.');
    // The service may end it at once, without notice.
    expect(
      checkCessation({ date: '2026-11-26', noticeDate: null, initiatedBy: 'service' }, '2025-01-01', today),
    ).toBeNull();
  });

  it('exit interview: offered after the ending, held after the offer, a held one needs its date', () => {
    expect(
      checkExitInterview(
        { status: 'offered', offeredDate: '2026-01-01', heldDate: null },
        { date: '2026-02-01' },
        today,
      )[0]?.field,
    ).toBe('offeredDate');
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: '2026-02-02', heldDate: null },
        { date: '2026-02-01' },
        today,
      ),
    ).toEqual([
      {
        field: 'heldDate',
        message: 'Give the date the interview was held.',
      },
    ]);
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: '2026-02-05', heldDate: '2026-02-03' },
        { date: '2026-02-01' },
        today,
      )[0]?.message,
    ).toBe('Held date 03/02/2026 is before the offer on 05/02/2026.');
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: null, heldDate: '2026-12-01' },
        { date: '2026-02-01' },
        today,
      )[0]?.field,
    ).toBe('heldDate');
    expect(
      checkExitInterview(
        { status: 'declined', offeredDate: '2026-02-02', heldDate: null },
        { date: '2026-02-01' },
        today,
      ),
    ).toEqual([]);
    // A resignation's interview is held during the 28 days' notice: from the notice, not the day it takes effect.
    const resigned = { date: '2026-11-30', noticeDate: '2026-11-02' };
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: '2026-11-05', heldDate: '2026-11-20' },
        resigned,
        today,
      ),
    ).toEqual([]);
    expect(
      checkExitInterview({ status: 'offered', offeredDate: '2026-11-01', heldDate: null }, resigned, today),
    ).toEqual([
      {
        field: 'offeredDate',
        message: 'Offered date 01/11/2026 is before the notice given on 02/11/2026.',
      },
    ]);
    expect(
      checkExitInterview({ status: 'held', offeredDate: null, heldDate: '2026-11-01' }, resigned, today)[0]
        ?.message,
    ).toBe('Held date 01/11/2026 is before the notice given on 02/11/2026.');
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: null, heldDate: '2026-11-20' },
        { date: '2026-11-30' },
        today,
      )[0]?.message,
    ).toBe('Held date 20/11/2026 is before the ending on 30/11/2026.');
  });

  it('exit interview: every field at fault at once, each named, its first fault only', () => {
    // Offered before the ending and held before the offer: both said (helper-265; only the first was).
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: '2026-01-20', heldDate: '2026-01-10' },
        { date: '2026-02-01' },
        today,
      ),
    ).toEqual([
      { field: 'offeredDate', message: 'Offered date 20/01/2026 is before the ending on 01/02/2026.' },
      { field: 'heldDate', message: 'Held date 10/01/2026 is before the offer on 20/01/2026.' },
    ]);
    // A held date in the future and before the offer is one fault of one field.
    expect(
      checkExitInterview(
        { status: 'held', offeredDate: '2026-12-05', heldDate: '2026-12-01' },
        { date: '2026-02-01' },
        today,
      ).map((f) => f.field),
    ).toEqual(['offeredDate', 'heldDate']);
  });

  it('exit interview: a held one gives no lost contact, by key, named by its place in the list', () => {
    const held = { status: 'held' as const, offeredDate: '2026-02-02', heldDate: '2026-02-10' };
    const closure = { date: '2026-02-01', list: 'dropout' as const };
    expect(checkExitInterview({ ...held, reasons: ['housing', 'lost_contact'] }, closure, today)).toEqual([
      {
        field: 'reasons.1',
        message:
          'An interview held cannot give lost contact as a reason: the applicant was in contact. Untick it, or choose what they said.',
      },
    ]);
    expect(checkExitInterview({ ...held, reasons: ['housing', 'process'] }, closure, today)).toEqual([]);
    // Not held: it gave no reasons (reasonsGiven stores none), so there is nothing to refuse.
    expect(
      checkExitInterview(
        { status: 'declined', offeredDate: '2026-02-02', heldDate: null, reasons: ['lost_contact'] },
        closure,
        today,
      ),
    ).toEqual([]);
    expect(givenInInterview('dropout', 'lost_contact')).toBe(false);
    expect(givenInInterview('dropout', 'other')).toBe(true);
    expect(givenInInterview('leaving', 'lost_contact')).toBe(true);
  });

  it('exit interview: none held after a closure ended by lost contact, but one already held stays', () => {
    const held = { status: 'held' as const, offeredDate: '2026-02-02', heldDate: '2026-02-10' };
    const lost = { date: '2026-02-01', list: 'dropout' as const, endedBy: 'lost_contact' };
    expect(checkExitInterview(held, lost, today).map((f) => f.field)).toEqual(['status']);
    expect(checkExitInterview(held, lost, today, { status: 'held' })).toEqual([]);
    expect(checkExitInterview(held, lost, today, { status: 'declined' }).map((f) => f.field)).toEqual([
      'status',
    ]);
    expect(checkExitInterview({ ...held, status: 'offered', heldDate: null }, lost, today)).toEqual([]);
    expect(checkExitInterview(held, { ...lost, endedBy: 'applicant' }, today)).toEqual([]);
    // A cessation says no ended-by: any of its interviews may be held.
    expect(checkExitInterview(held, { date: '2026-02-01', list: 'leaving' }, today)).toEqual([]);
    expect([
      interviewHeldAfter('lost_contact'),
      interviewHeldAfter('service'),
      interviewHeldAfter(null),
    ]).toEqual([false, true, true]);
    // The sample asks the same rule: a draw of held after lost contact is only offered.
    expect(interviewStatus('held', 'lost_contact')).toBe('offered');
    expect(interviewStatus('held', 'applicant')).toBe('held');
  });

  it('re-opening and corrections respect the closure', () => {
    expect(checkReopen('2026-01-01', '2026-02-01', today)).toBe(
      'The new enquiry date 01/01/2026 is before the closure on 01/02/2026.',
    );
    expect(checkReopen('2026-12-01', '2026-02-01', today)).toBe(
      'New enquiry date 01/12/2026 is in the future.',
    );
    expect(checkReopen('2026-02-01', '2026-02-01', today)).toBeNull();
    expect(checkBeforeClosure('stage1', '2026-03-01', '2026-02-01')).toBe(
      'Stage 1 cannot come after the closure on 01/02/2026.',
    );
    expect(checkBeforeClosure('stage1', '2026-01-01', '2026-02-01')).toBeNull();
    expect(checkBeforeClosure('stage1', '2026-03-01', null)).toBeNull();
  });
});

// A Stage 2 start typed with no Stage 1 or EOI said nothing. A step recorded without the ones
// before it is accepted (imports and old records have gaps) but named, as it is typed.
describe('the steps missing before a milestone recorded by hand', () => {
  it('names the main steps with no date (never the initial visit), on kinship the application only', () => {
    const d = { enquiry: '2026-01-05' };
    expect(stepsMissingBefore('stage2', d, null)).toEqual(['eoi', 'stage1']);
    expect(missingStepsWarning('stage2', ['eoi', 'stage1'])).toBe(
      'Stage 2 with no EOI / application or Stage 1 date before it: if those steps happened, record them too, or the reports will not count them.',
    );
    expect(stepsMissingBefore('stage2', { ...d, eoi: '2026-02-01' }, null)).toEqual(['stage1']);
    expect(
      missingStepsWarning(
        'approval',
        stepsMissingBefore(
          'approval',
          { ...d, eoi: '2026-02-01', stage1: '2026-03-01', stage2: '2026-04-01' },
          null,
        ),
      ),
    ).toBe(
      'Approved with no Panel date before it: if that step happened, record it too, or the reports will not count it.',
    );
    // Nothing missing: nothing said; the optional initial visit is never asked for.
    expect(stepsMissingBefore('eoi', d, null)).toEqual([]);
    expect(missingStepsWarning('eoi', [])).toBeNull();
    // Kinship: no EOI, and the viability request stands as Stage 1.
    expect(stepsMissingBefore('stage2', d, { application: null })).toEqual(['stage1']);
    expect(stepsMissingBefore('stage2', d, { application: '2026-02-01' })).toEqual([]);
  });
});
