import { describe, expect, it } from 'vitest';
import {
  type JourneyDate,
  type JourneyDateKind,
  type JourneyDates,
} from '../../../src-main/domain/journey-dates.ts';
import {
  checkJourneyDate,
  JOURNEY_DATE_DEPENDANTS,
  MILESTONE_PRECEDENTS,
} from '../../../src-main/domain/journey-date-order.ts';
import type { Milestone } from '../../../src-main/domain/stages.ts';

/**
 * The order of the dated steps is written once, as lists (MILESTONE_PRECEDENTS,
 * JOURNEY_DATE_DEPENDANTS), and checkJourneyDate reads them: each entry of each list is refused
 * here when broken, so an entry added to a list is checked without a case written for it.
 */
const stepOn = (kind: JourneyDateKind, date: string): JourneyDate => ({
  date,
  detail: kind === 'viability_outcome' ? 'positive' : null,
  reason: kind === 'extension' ? 'Assessment delayed by references' : null,
});
/** The steps `kind` follows from, each (and what it follows from in turn) dated on `date`. */
function stepsBefore(kind: JourneyDateKind, date: string): JourneyDates {
  const out: JourneyDates = {};
  for (const [from, later] of Object.entries(JOURNEY_DATE_DEPENDANTS) as Array<
    [JourneyDateKind, JourneyDateKind[]]
  >)
    if (later.includes(kind)) Object.assign(out, stepsBefore(from, date), { [from]: stepOn(from, date) });
  return out;
}
const MILESTONES: Partial<Record<Milestone, string>> = {
  enquiry: '2024-01-10',
  eoi: '2024-01-20',
  stage1: '2024-02-01',
  stage2: '2024-04-01',
  panel: '2024-07-01',
  approval: '2024-07-20',
};
const check = (kind: JourneyDateKind, date: string, journey: JourneyDates, milestones = MILESTONES) =>
  checkJourneyDate(kind, stepOn(kind, date), {
    pathway: 'kinship',
    milestones,
    journey,
    today: '2026-11-26',
  });

describe('the order of the dated steps, read from its lists', () => {
  it('refuses each step of MILESTONE_PRECEDENTS dated after the milestone it comes before', () => {
    const pairs = Object.entries(MILESTONE_PRECEDENTS).flatMap(([m, steps]) =>
      steps.map((step) => [m as Milestone, step] as const),
    );
    expect(pairs.length).toBeGreaterThan(0);
    for (const [milestone, step] of pairs) {
      const bound = MILESTONES[milestone]!;
      expect(
        check(step, '2024-08-01', stepsBefore(step, '2024-02-05')),
        `${step} after ${milestone}`,
      ).toMatch(
        new RegExp(
          `date 01/08/2024 is after the ${milestone} date ${bound.split('-').reverse().join('/')}: `,
        ),
      );
      expect(check(step, bound, stepsBefore(step, '2024-02-05')), `${step} on ${milestone}`).toBeNull();
    }
  });

  it('asks for the step each step of JOURNEY_DATE_DEPENDANTS follows from, and refuses it dated before that', () => {
    const pairs = Object.entries(JOURNEY_DATE_DEPENDANTS).flatMap(([from, later]) =>
      later.map((step) => [from as JourneyDateKind, step] as const),
    );
    expect(pairs.length).toBeGreaterThan(0);
    const open = { enquiry: '2024-01-10' };
    for (const [from, step] of pairs) {
      const without = stepsBefore(step, '2024-03-01');
      delete without[from];
      expect(check(step, '2024-03-10', without, open), `${step} without ${from}`).toMatch(
        /^Record the .+ before the /,
      );
      expect(
        check(step, '2024-02-20', stepsBefore(step, '2024-03-01'), open),
        `${step} before ${from}`,
      ).toMatch(/date 20\/02\/2024 is before the .+ date 01\/03\/2024\.$/);
      expect(
        check(step, '2024-03-10', stepsBefore(step, '2024-03-01'), open),
        `${step} after ${from}`,
      ).toBeNull();
    }
  });
});
