import { describe, expect, it } from 'vitest';
import { decide, type JourneyEvent, type JourneyState } from '../../../src-main/domain/journey.ts';
import {
  HAND_ACTION_STATUSES,
  handActionAllowed,
  responseChangeAllowed,
  type HandAction,
} from '../../../src-main/domain/hand-actions.ts';
import { STATUSES, type Status } from '../../../src-main/domain/stages.ts';

/**
 * The record offers a form where HAND_ACTION_STATUSES says the change may be made; the engine must
 * take it there and refuse it everywhere else, or the screen offers what the core refuses (or hides
 * what it would take). Each event is otherwise valid, so a refusal can only be the status's.
 */
const TODAY = '2026-11-26';
const STEP_OUTCOME = { date: '2025-07-01', detail: 'positive', reason: null };
const base = { reference: 'FF000001', episode: 1, pathway: 'mainstream' as const, respondedDate: null };
const STATES: Record<Status, JourneyState> = {
  open: { ...base, dates: { enquiry: '2025-01-10' }, closure: null, cessation: null },
  closed: {
    ...base,
    dates: { enquiry: '2024-01-10', eoi: '2024-02-01' },
    closure: { id: 7, date: '2024-03-01' },
    cessation: null,
  },
  approved: {
    ...base,
    dates: { enquiry: '2023-01-10', eoi: '2023-02-01', approval: '2025-08-01' },
    closure: null,
    cessation: null,
  },
  ceased: {
    ...base,
    dates: { enquiry: '2023-01-10', eoi: '2023-02-01', approval: '2025-08-01' },
    closure: null,
    cessation: { id: 3, date: '2025-09-01' },
  },
};
/**
 * Each action's events; a dated step is asked of a kinship household holding a viability request
 * (its outcome dated before the approval, as the engine requires of it).
 */
const EVENTS: Array<[HandAction, JourneyEvent]> = [
  // Before the approval and the cessation: a step an approved household's record lacks (helper-237).
  ['record', { type: 'record', kind: 'stage2', date: '2025-03-05' }],
  ['respond', { type: 'respond', date: '2025-01-11' }],
  [
    'close',
    {
      type: 'close',
      closure: { date: '2026-01-05', reasonKey: 'lost_contact', endedBy: 'lost_contact', reason: null },
    },
  ],
  ['reopen', { type: 'reopen', enquiryDate: '2026-01-05', notes: null }],
  ['cease', { type: 'cease', cessation: { date: '2026-01-05', reasonKey: 'other', initiatedBy: 'service' } }],
  ['removeCessation', { type: 'removeCessation', reason: 'recorded by mistake' }],
  ['removeClosure', { type: 'removeClosure', reason: 'recorded by mistake' }],
  [
    'correctClosure',
    {
      type: 'correctClosure',
      closure: { date: '2026-01-05', reasonKey: 'housing', endedBy: 'applicant', reason: null },
      because: 'typed wrongly',
    },
  ],
  [
    'correctCessation',
    {
      type: 'correctCessation',
      cessation: { date: '2026-01-05', reasonKey: 'other', initiatedBy: 'service' },
      because: 'typed wrongly',
    },
  ],
  ['journeyDate', { type: 'recordStep', kind: 'viability_outcome', step: STEP_OUTCOME, reason: null }],
  ['journeyDate', { type: 'removeStep', kind: 'viability_request', reason: 'recorded by mistake' }],
];

const stateFor = (action: HandAction, status: Status): JourneyState =>
  action === 'journeyDate'
    ? {
        ...STATES[status],
        pathway: 'kinship',
        journeyDates: { viability_request: { date: '2025-06-01', detail: null, reason: null } },
      }
    : STATES[status];

describe('where each change by hand may be made', () => {
  it('is where the engine takes it, and nowhere else', () => {
    const seen: string[] = [];
    for (const [action, event] of EVENTS)
      for (const status of STATUSES) {
        const violations = decide(stateFor(action, status), event, TODAY).violations.map((v) => v.message);
        seen.push(`${event.type} ${status}: ${violations.length === 0 ? 'taken' : 'refused'}`);
        expect({ action, status, violations }).toEqual({
          action,
          status,
          violations: handActionAllowed(action, status) ? [] : [expect.any(String)],
        });
      }
    // Every action of the list is asked of the engine.
    expect([...new Set(EVENTS.map(([action]) => action))].sort()).toEqual(
      (Object.keys(HAND_ACTION_STATUSES) as HandAction[]).sort(),
    );
    expect(seen.filter((s) => s.endsWith('taken'))).toEqual([
      'record open: taken',
      'record approved: taken',
      'record ceased: taken',
      'respond open: taken',
      'close open: taken',
      'reopen closed: taken',
      'cease approved: taken',
      'removeCessation ceased: taken',
      'removeClosure closed: taken',
      'correctClosure closed: taken',
      'correctCessation ceased: taken',
      'recordStep open: taken',
      'recordStep approved: taken',
      'removeStep open: taken',
      'removeStep approved: taken',
    ]);
  });

  it('a recorded response may be corrected in any status; a first one only while open', () => {
    for (const status of STATUSES) {
      const answered = { ...STATES[status], respondedDate: '2025-01-11' };
      const first = decide(STATES[status], { type: 'respond', date: '2025-01-12' }, TODAY).violations;
      const correction = decide(answered, { type: 'respond', date: '2025-01-12' }, TODAY).violations;
      // Dates the closed and approved households' enquiries allow: only the status can refuse.
      const ok = (v: readonly unknown[]) => v.length === 0 || !String(JSON.stringify(v)).includes('Cannot');
      expect({ status, first: first.length === 0 }).toEqual({
        status,
        first: responseChangeAllowed(status, false),
      });
      expect({ status, correction: ok(correction) }).toEqual({ status, correction: true });
      expect(responseChangeAllowed(status, true)).toBe(true);
    }
  });
});
