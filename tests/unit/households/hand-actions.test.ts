import { describe, expect, it } from 'vitest';
import { decide, type JourneyEvent, type JourneyState } from '../../../src-main/domain/journey.ts';
import {
  HAND_ACTION_STATUSES,
  handActionAllowed,
  type HandAction,
} from '../../../src-main/domain/hand-actions.ts';
import { STATUSES, type Status } from '../../../src-main/domain/stages.ts';

/**
 * The record offers a form where HAND_ACTION_STATUSES says the change may be made; the engine must
 * take it there and refuse it everywhere else, or the screen offers what the core refuses (or hides
 * what it would take). Each event is otherwise valid, so a refusal can only be the status's.
 */
const TODAY = '2026-11-26';
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
    dates: { enquiry: '2023-01-10', eoi: '2023-02-01', approval: '2024-01-15' },
    closure: null,
    cessation: null,
  },
  ceased: {
    ...base,
    dates: { enquiry: '2023-01-10', eoi: '2023-02-01', approval: '2024-01-15' },
    closure: null,
    cessation: { id: 3, date: '2025-06-01' },
  },
};
const EVENTS: Partial<Record<HandAction, JourneyEvent>> = {
  record: { type: 'record', kind: 'stage2', date: '2026-01-05' },
  respond: { type: 'respond', date: '2025-01-11' },
  close: {
    type: 'close',
    closure: { date: '2026-01-05', reasonKey: 'lost_contact', endedBy: 'lost_contact', reason: null },
  },
  reopen: { type: 'reopen', enquiryDate: '2026-01-05', notes: null },
  cease: { type: 'cease', cessation: { date: '2026-01-05', reasonKey: 'other', initiatedBy: 'service' } },
  removeCessation: { type: 'removeCessation', reason: 'recorded by mistake' },
};

describe('where each change by hand may be made', () => {
  it('is where the engine takes it, and nowhere else', () => {
    const seen: string[] = [];
    for (const [action, event] of Object.entries(EVENTS) as Array<[HandAction, JourneyEvent]>)
      for (const status of STATUSES) {
        const violations = decide(STATES[status], event, TODAY).violations.map((v) => v.message);
        seen.push(`${action} ${status}: ${violations.length === 0 ? 'taken' : 'refused'}`);
        expect({ action, status, violations }).toEqual({
          action,
          status,
          violations: handActionAllowed(action, status) ? [] : [expect.any(String)],
        });
      }
    // Every action of the list is asked of the engine but the journey's dated steps (not the engine's).
    expect(Object.keys(EVENTS).sort()).toEqual(
      (Object.keys(HAND_ACTION_STATUSES) as HandAction[]).filter((a) => a !== 'journeyDate').sort(),
    );
    expect(seen.filter((s) => s.endsWith('taken'))).toEqual([
      'record open: taken',
      'respond open: taken',
      'close open: taken',
      'reopen closed: taken',
      'cease approved: taken',
      'removeCessation ceased: taken',
    ]);
  });
});
