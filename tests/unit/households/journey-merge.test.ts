import { describe, expect, it } from 'vitest';
import type { JourneyState } from '../../../src-main/domain/journey.ts';
import { decideMerge, mergeSteps } from '../../../src-main/domain/journey-merge.ts';
import type { JourneyDates } from '../../../src-main/domain/journey-dates.ts';
import type { EpisodePathway } from '../../../src-main/domain/episode-pathway.ts';
import { mergeCarersFault } from '../../../src-main/domain/carers.ts';

// The merge's dated steps (panel minutes, the kinship steps) are the engine's to decide, as its
// milestones are: pure cases, two journeys and a day, with no database.
const TODAY = '2026-11-26';
const household = (
  reference: string,
  dates: JourneyState['dates'],
  journeyDates: JourneyDates,
  more: Partial<JourneyState> = {},
): JourneyState => ({
  reference,
  episode: 1,
  pathway: 'kinship',
  dates,
  respondedDate: null,
  closure: null,
  cessation: null,
  journeyDates,
  ...more,
});
const keep = (journeyDates: JourneyDates, dates: JourneyState['dates'] = { enquiry: '2025-01-10' }) =>
  household('FF000001', dates, journeyDates);
const dup = (journeyDates: JourneyDates, dates: JourneyState['dates'] = { enquiry: '2025-01-10' }) =>
  household('FF000002', dates, journeyDates);
const broken = (fault: string) => ({
  code: 'rule_violation',
  field: 'mergeReference',
  message: `Merged, the journey would break its rules: ${fault}`,
});

describe('merging two journeys’ dated steps', () => {
  it('moves the steps the kept household lacks, and not those both hold alike', () => {
    const k = keep({ viability_request: { date: '2025-02-01' } });
    const d = dup({
      viability_request: { date: '2025-02-01' },
      viability_outcome: { date: '2025-03-01', detail: 'positive' },
      reg24_placement: { date: '2025-03-05' },
    });
    const decision = decideMerge(k, d, TODAY);
    expect(decision.violations).toEqual([]);
    expect(decision.stepsToMove).toEqual(['viability_outcome', 'reg24_placement']);
    expect(mergeSteps(k, keep({}), k.dates, null, TODAY)).toEqual({ move: [], violation: null });
  });

  it('refuses one step recorded on both with another date or another viability result, naming both', () => {
    const request = decideMerge(
      keep({ viability_request: { date: '2025-02-01' } }),
      dup({ viability_request: { date: '2025-02-03' } }),
      TODAY,
    );
    expect(request.violations).toEqual([
      expect.objectContaining({
        code: 'rule_violation',
        field: 'mergeReference',
        message:
          'Viability assessment requested is 01/02/2025 on FF000001 but 03/02/2025 on FF000002: correct one of them first.',
      }),
    ]);
    expect(request.stepsToMove).toEqual([]);
    const outcome = mergeSteps(
      keep({
        viability_request: { date: '2025-02-01' },
        viability_outcome: { date: '2025-03-01', detail: 'positive' },
      }),
      dup({
        viability_outcome: { date: '2025-03-01', detail: 'negative' },
        reg24_placement: { date: '2025-03-05' },
      }),
      { enquiry: '2025-01-10' },
      null,
      TODAY,
    );
    expect(outcome.violation?.message).toBe(
      'Viability outcome is 01/03/2025 (Positive) on FF000001 but 01/03/2025 (Negative) on FF000002: correct one of them first.',
    );
    expect(outcome.move).toEqual([]);
    const extension = (reason: string) => ({
      reg24_placement: { date: '2025-03-15' },
      extension: { date: '2025-06-20', reason },
    });
    expect(
      decideMerge(keep(extension('Late medical report')), dup(extension('Court hearing adjourned')), TODAY)
        .violations[0]?.message,
    ).toBe(
      'Reg 25 extension is 20/06/2025 (Late medical report) on FF000001 but 20/06/2025 (Court hearing adjourned) on FF000002: correct one of them first.',
    );
  });

  it('refuses a merged journey that breaks its rules, a moved step against a kept one and the merged milestones', () => {
    // The duplicate's outcome before the kept household's request: the kept request, checked
    // against the merged journey, names it (a fault it did not hold before).
    const early = decideMerge(
      keep({ viability_request: { date: '2025-02-01' } }),
      dup({ viability_outcome: { date: '2025-01-20', detail: 'positive' } }),
      TODAY,
    );
    expect(early.violations).toEqual([
      expect.objectContaining(
        broken(
          'Viability assessment requested date 01/02/2025 is after the viability outcome date 20/01/2025.',
        ),
      ),
    ]);
    // The duplicate's request after the kept household's outcome.
    const late = decideMerge(
      keep({ viability_outcome: { date: '2025-03-01', detail: 'positive' } }),
      dup({ viability_request: { date: '2025-04-01' } }),
      TODAY,
    );
    expect(late.violations).toEqual([
      expect.objectContaining(
        broken(
          'Viability assessment requested date 01/04/2025 is after the viability outcome date 01/03/2025.',
        ),
      ),
    ]);
    // The duplicate's placement before the merged enquiry (decideMerge names it first, from the
    // enquiry's side), and its panel minutes with no panel on either.
    const beforeEnquiry = mergeSteps(
      keep({ viability_request: { date: '2025-02-01' } }),
      dup({ reg24_placement: { date: '2025-01-05' } }),
      { enquiry: '2025-01-10' },
      null,
      TODAY,
    );
    expect(beforeEnquiry.violation).toMatchObject(
      broken('Reg 24 placement (temporary approval) date 05/01/2025 is before the enquiry date 10/01/2025.'),
    );
    const minutes = decideMerge(keep({}), dup({ panel_minutes: { date: '2025-06-01' } }), TODAY);
    expect(minutes.violations).toEqual([
      expect.objectContaining(broken('Record the panel before the panel minutes received.')),
    ]);
    // A kinship step joining a mainstream household.
    const mainstream = decideMerge(
      { ...keep({}), pathway: 'mainstream' },
      dup({ viability_request: { date: '2025-02-01' } }),
      TODAY,
    );
    expect(mainstream.violations[0]).toMatchObject(
      broken(
        'Viability assessment requested is a step of the kinship (connected persons) journey; this household is mainstream.',
      ),
    );
  });

  it('takes a kinship step dated while the kept episode was on kinship, after its switch to mainstream', () => {
    const episode: EpisodePathway = {
      pathway: 'kinship',
      switched_on: '2025-04-01',
      switched_to: 'mainstream',
      first_switched_on: null,
    };
    const k = { ...keep({}), pathway: 'mainstream' as const };
    const before = decideMerge(k, dup({ viability_request: { date: '2025-03-01' } }), TODAY, episode);
    expect(before.violations).toEqual([]);
    expect(before.stepsToMove).toEqual(['viability_request']);
    const after = decideMerge(k, dup({ viability_request: { date: '2025-04-02' } }), TODAY, episode);
    expect(after.violations[0]).toMatchObject(
      broken(
        'Viability assessment requested is a step of the kinship (connected persons) journey; this household was mainstream on 02/04/2025.',
      ),
    );
  });

  it('leaves a kept step’s fault the kept household held before the merge, and refuses one the merge brings about', () => {
    // A reg 24 placement an earlier version stored after the approval: the kept household's own.
    const approved = { enquiry: '2025-01-10', approval: '2025-05-01' };
    const k = keep({ reg24_placement: { date: '2025-06-01' } }, approved);
    const d = dup({ viability_request: { date: '2025-02-01' } });
    const held = decideMerge(k, d, TODAY);
    expect(held.violations).toEqual([]);
    expect(held.stepsToMove).toEqual(['viability_request']);
    // The same placement, with the approval the merge brings: the fault is the merge's.
    const brought = mergeSteps(keep({ reg24_placement: { date: '2025-06-01' } }), d, approved, null, TODAY);
    expect(brought.violation).toMatchObject(
      broken(
        'Reg 24 placement (temporary approval) date 01/06/2025 is after the approval date 01/05/2025: a temporary approval comes before the full one.',
      ),
    );
    expect(brought.move).toEqual([]);
    // A step the duplicate brings is never the kept household's to have held.
    const moving = mergeSteps(
      keep({}, approved),
      dup({ reg24_placement: { date: '2025-06-01' } }),
      approved,
      null,
      TODAY,
    );
    expect(moving.violation?.message).toContain('is after the approval date 01/05/2025');
  });

  it('reports the journey’s refusals before the steps’, as the merge throws the first', () => {
    const d = household(
      'FF000002',
      { enquiry: '2025-01-10' },
      { viability_request: { date: '2025-02-03' } },
      { episode: 2 },
    );
    const decision = decideMerge(keep({ viability_request: { date: '2025-02-01' } }), d, TODAY);
    expect(decision.violations.map((v) => v.message)).toEqual([
      'FF000002 has been re-opened: merge it by hand, episode by episode.',
      'Viability assessment requested is 01/02/2025 on FF000001 but 03/02/2025 on FF000002: correct one of them first.',
    ]);
  });

  it('refuses a cessation joining the other household’s carers dated after it, either way round', () => {
    const approved = { enquiry: '2023-01-10', approval: '2024-02-01' };
    const ceased = household('FF000002', approved, {}, { cessation: { id: 1, date: '2025-03-31' } });
    const joined = household(
      'FF000001',
      approved,
      {},
      { carerDates: { from: '2025-05-01', until: '2025-05-01' } },
    );
    const message =
      "Merged, the dates would be out of order: FF000001: a carer's joining or leaving date or a change of places is recorded on 01/05/2025, after the cessation date 31/03/2025: correct that first.";
    expect(decideMerge(joined, ceased, TODAY).violations.map((v) => v.message)).toEqual([message]);
    expect(decideMerge(ceased, joined, TODAY).violations.map((v) => v.message)).toEqual([message]);
    // Dated on or before the cessation, the carers move with it.
    const before = { ...joined, carerDates: { from: '2025-03-01', until: '2025-03-31' } };
    expect(decideMerge(before, ceased, TODAY).violations).toEqual([]);
  });

  it('moves the duplicate’s carers unless both hold one at the same position, or both hold approval terms', () => {
    const kept = { reference: 'FF000001', positions: [1], approvalFacts: true };
    expect(
      mergeCarersFault({ reference: 'FF000002', positions: [2], approvalFacts: false }, kept),
    ).toBeNull();
    expect(mergeCarersFault({ reference: 'FF000002', positions: [2, 1], approvalFacts: false }, kept)).toBe(
      'FF000002 and FF000001 both have a carer 1: record one as having left, or delete one entered by mistake, then merge.',
    );
    expect(mergeCarersFault({ reference: 'FF000002', positions: [], approvalFacts: true }, kept)).toBe(
      'FF000002 and FF000001 both have approval terms or changes of places: keep them on one of the two, then merge.',
    );
  });
});

describe('merging two journeys’ answers to the family', () => {
  const withAnswer = (reference: string, enquiry: string | undefined, answered: string | null) =>
    household(reference, enquiry ? { enquiry } : {}, {}, { respondedDate: answered });
  it('takes the duplicate’s answer where it is the earlier, never one before the merged enquiry', () => {
    const answer = (k: JourneyState, d: JourneyState) => decideMerge(k, d, TODAY).respondedFromDuplicate;
    // The kept household was never answered, or answered later: the family was answered first then.
    expect(answer(withAnswer('K', '2026-11-02', null), withAnswer('D', '2026-10-28', '2026-10-29'))).toBe(
      '2026-10-29',
    );
    expect(
      answer(withAnswer('K', '2026-11-02', '2026-11-05'), withAnswer('D', '2026-10-28', '2026-10-29')),
    ).toBe('2026-10-29');
    expect(
      answer(withAnswer('K', '2026-10-20', '2026-10-21'), withAnswer('D', '2026-10-28', '2026-10-29')),
    ).toBeNull();
    // A duplicate with no enquiry (a kinship journey from its viability request) answered before the
    // kept enquiry: the answer would come before the enquiry it answers.
    expect(answer(withAnswer('K', '2026-11-02', null), withAnswer('D', undefined, '2026-10-29'))).toBeNull();
  });
});
