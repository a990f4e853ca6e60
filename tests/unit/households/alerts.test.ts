import { describe, expect, it } from 'vitest';
import {
  ALERT_LABELS,
  checkThresholds,
  computeAlerts,
  DEFAULT_THRESHOLDS,
} from '../../../src-main/domain/alerts.ts';

const open = (milestones: Record<string, string>, over: Record<string, unknown> = {}) =>
  computeAlerts({ status: 'open', pathway: 'mainstream', milestones, ...over } as Parameters<
    typeof computeAlerts
  >[0]).map((a) => [a.kind, a.due]);

describe('timescale alerts', () => {
  it('kinship: a viability request or a reg 24 placement answers the enquiry (no "respond" alert left overdue)', () => {
    // Enquiry Thursday 15/02/2024 (a leap year); nothing recorded as answered.
    const kin = (journey: Record<string, unknown>) =>
      open({ enquiry: '2024-02-15' }, { pathway: 'kinship', journey });
    expect(kin({})).toEqual([['respond', '2024-02-16']]);
    // Viability request 20/02/2024: its application (its Stage 1 start), so 4 months at Stage 1
    // and 8 to panel; nothing to answer.
    expect(kin({ viability_request: { date: '2024-02-20' } })).toEqual([
      ['stage1', '2024-06-20'],
      ['panel', '2024-10-20'],
    ]);
    // Placed under reg 24 on 29/02/2024, no request recorded: 16 weeks (112 days) is 20/06/2024.
    expect(kin({ reg24_placement: { date: '2024-02-29' } })).toEqual([['reg24_first', '2024-06-20']]);
    // Placed 20/12/2024 and extended: 24 weeks over the financial year's end is 06/06/2025.
    expect(kin({ reg24_placement: { date: '2024-12-20' }, extension: { date: '2025-03-01' } })).toEqual([
      ['reg24_final', '2025-06-06'],
    ]);
    // Extended by 4 weeks, not the 8 reg 25(2) allows at most: 20 weeks (140 days) is 09/05/2025,
    // four weeks sooner; 8 weeks recorded is the 24 of an extension without its length.
    const extended = (weeks: number | null) =>
      kin({ reg24_placement: { date: '2024-12-20' }, extension: { date: '2025-03-01', weeks } });
    expect(extended(4)).toEqual([['reg24_final', '2025-05-09']]);
    expect(extended(1)).toEqual([['reg24_final', '2025-04-18']]);
    expect(extended(8)).toEqual([['reg24_final', '2025-06-06']]);
    expect(extended(null)).toEqual([['reg24_final', '2025-06-06']]);
    // A service's shorter final limit (Settings: 22 weeks) still caps an 8-week extension; a
    // 4-week one ends sooner than that cap.
    const capped = (weeks: number) =>
      computeAlerts(
        {
          status: 'open',
          pathway: 'kinship',
          milestones: { enquiry: '2024-02-15' },
          journey: { reg24_placement: { date: '2024-12-20' }, extension: { date: '2025-03-01', weeks } },
        } as Parameters<typeof computeAlerts>[0],
        { ...DEFAULT_THRESHOLDS, kinshipFinalWeeks: 22 },
      ).map((a) => [a.kind, a.due]);
    expect(capped(8)).toEqual([['reg24_final', '2025-05-23']]);
    expect(capped(4)).toEqual([['reg24_final', '2025-05-09']]);
  });

  it('a new enquiry: respond within 1 working day, initial visit within 5', () => {
    // Friday 24 April 2026 → Monday 27th; 5 working days → Friday 1 May.
    expect(open({ enquiry: '2026-04-24' })).toEqual([
      ['respond', '2026-04-27'],
      ['initial_visit', '2026-05-01'],
    ]);
  });

  it('a response clears the first alert; an initial visit clears both', () => {
    expect(open({ enquiry: '2026-04-24' }, { respondedDate: '2026-04-24' })).toEqual([
      ['initial_visit', '2026-05-01'],
    ]);
    expect(open({ enquiry: '2026-04-24', initial_visit: '2026-04-28' })).toEqual([]);
  });

  it('counts working days over bank holidays (Christmas 2026)', () => {
    expect(open({ enquiry: '2026-12-24' })).toEqual([
      ['respond', '2026-12-29'],
      ['initial_visit', '2027-01-05'],
    ]);
  });

  it('Stage 1 over 4 months and application (the Stage 1 start) to panel over 8 months', () => {
    expect(open({ enquiry: '2026-01-05', eoi: '2026-01-31', stage1: '2026-02-10' })).toEqual([
      ['stage1', '2026-06-10'],
      ['panel', '2026-10-10'],
    ]);
    expect(
      open({ enquiry: '2026-01-05', eoi: '2026-01-31', stage1: '2026-02-10', stage2: '2026-03-01' }),
    ).toEqual([['panel', '2026-10-10']]);
    // An EOI alone is not yet an application received.
    expect(open({ enquiry: '2026-01-05', eoi: '2026-01-31' }, { respondedDate: '2026-01-05' })).toEqual([]);
  });

  it('counts the 8 months from the EOI where the service chose it as the formal application', () => {
    const eoi = { applicationBasis: 'eoi' };
    expect(open({ enquiry: '2026-01-05', eoi: '2026-01-31', stage1: '2026-02-10' }, eoi)).toEqual([
      ['stage1', '2026-06-10'],
      ['panel', '2026-09-30'],
    ]);
    // A Stage 1 start with no EOI recorded stands in for it.
    expect(open({ enquiry: '2026-01-05', stage1: '2026-02-10', stage2: '2026-03-01' }, eoi)).toEqual([
      ['panel', '2026-10-10'],
    ]);
  });

  it('the decision alert counts from the panel minutes where recorded, and says which', () => {
    const m = { enquiry: '2026-01-05', stage1: '2026-02-01', stage2: '2026-04-01', panel: '2026-12-17' };
    const fromPanel = computeAlerts({ status: 'open', pathway: 'mainstream', milestones: m });
    expect(fromPanel.map((a) => [a.kind, a.due])).toEqual([['decision', '2026-12-30']]);
    expect(fromPanel[0]!.label).toMatch(/from the panel date: minutes not recorded/);
    // Minutes received Monday 4 January 2027: 7 working days → Wednesday 13 January.
    const fromMinutes = computeAlerts({
      status: 'open',
      pathway: 'mainstream',
      milestones: m,
      journey: { panel_minutes: { date: '2027-01-04' } },
    });
    expect(fromMinutes.map((a) => [a.kind, a.due])).toEqual([['decision', '2027-01-13']]);
    expect(fromMinutes[0]!.label).toMatch(/from the panel minutes/);
  });

  it('panel to decision within 7 working days, none once approved', () => {
    // Panel Thursday 17 December 2026: 7 working days skip Christmas, Boxing Day (28th) and New Year.
    // 18, 21, 22, 23, 24, 29, 30 December.
    expect(
      open({
        enquiry: '2026-01-05',
        eoi: '2026-01-20',
        stage1: '2026-02-01',
        stage2: '2026-04-01',
        panel: '2026-12-17',
      }),
    ).toEqual([['decision', '2026-12-30']]);
    expect(
      computeAlerts({
        status: 'approved',
        pathway: 'mainstream',
        milestones: { enquiry: '2026-01-05', approval: '2026-06-01' },
      }),
    ).toEqual([]);
  });

  it('kinship: no reg 24 alert from the enquiry; 16 weeks from the placement, 24 once extended; none while an IRM review is pending', () => {
    const kin = (journey: object) =>
      open({ enquiry: '2026-01-05' }, { pathway: 'kinship', respondedDate: '2026-01-05', journey });
    // Assessed before any placement: no reg 24 clock (and no initial-visit alert for kinship).
    expect(kin({})).toEqual([]);
    // Placed Monday 2 February 2026: 16 weeks → 25 May; 24 weeks → 20 July.
    expect(kin({ reg24_placement: { date: '2026-02-02' } })).toEqual([['reg24_first', '2026-05-25']]);
    const extended = {
      reg24_placement: { date: '2026-02-02' },
      extension: { date: '2026-05-20', reason: 'court' },
    };
    expect(kin(extended)).toEqual([['reg24_final', '2026-07-20']]);
    // IRM review pending from 1 July: no limit falls due. Concluded 15 July, before the limit: the
    // limit stands (reg 25(3) extends the approval until the outcome, no longer); concluded 3
    // August, after it: the approval lasted to the outcome.
    expect(kin({ ...extended, irm_pending_from: { date: '2026-07-01' } })).toEqual([]);
    expect(
      kin({ ...extended, irm_pending_from: { date: '2026-07-01' }, irm_pending_to: { date: '2026-07-15' } }),
    ).toEqual([['reg24_final', '2026-07-20']]);
    expect(
      kin({ ...extended, irm_pending_from: { date: '2026-07-01' }, irm_pending_to: { date: '2026-08-03' } }),
    ).toEqual([['reg24_final', '2026-08-03']]);
  });

  it('a Stage 1 decision within 10 working days of all Stage 1 information, over Christmas 2026; none once Stage 2 starts', () => {
    const m = { enquiry: '2026-08-03', eoi: '2026-08-20', stage1: '2026-09-01' };
    // Information complete Friday 18/12/2026: 21, 22, 23, 24, then Christmas Day (Friday 25) and
    // Boxing Day's substitute (Monday 28) skipped, 29, 30, 31, New Year's Day (Friday 1) skipped,
    // 4, 5 and Wednesday 06/01/2027.
    const journey = { stage1_information: { date: '2026-12-18' } };
    const decision = computeAlerts({ status: 'open', pathway: 'mainstream', milestones: m, journey });
    expect(decision.map((a) => [a.kind, a.due])).toEqual([
      ['stage1', '2027-01-01'],
      ['stage1_decision', '2027-01-06'],
      ['panel', '2027-05-01'],
    ]);
    expect(decision[1]!.label).toBe('Stage 1 decision due');
    // The same on either pathway (a kinship household with a Stage 1 start).
    expect(open(m, { pathway: 'kinship', journey })).toContainEqual(['stage1_decision', '2027-01-06']);
    // None without the step; none once the household went on to Stage 2 (the decision was made),
    // to panel or approval; none closed (an "unsuitable" decision closes it).
    expect(open(m).map(([k]) => k)).not.toContain('stage1_decision');
    const later: Array<Record<string, string>> = [
      { stage2: '2026-12-21' },
      { stage2: '2026-11-01' },
      { panel: '2027-01-04' },
    ];
    for (const step of later)
      expect(open({ ...m, ...step }, { journey }).map(([k]) => k)).not.toContain('stage1_decision');
    expect(computeAlerts({ status: 'closed', pathway: 'mainstream', milestones: m, journey })).toEqual([]);
    expect(computeAlerts({ status: 'approved', pathway: 'mainstream', milestones: m, journey })).toEqual([]);
  });

  it('closed households carry no alerts', () => {
    expect(
      computeAlerts({ status: 'closed', pathway: 'mainstream', milestones: { enquiry: '2026-01-05' } }),
    ).toEqual([]);
  });

  it('uses the service’s thresholds', () => {
    const t = { ...DEFAULT_THRESHOLDS, respondWorkingDays: 3, stage1Months: 2 };
    const a = computeAlerts(
      { status: 'open', pathway: 'mainstream', milestones: { enquiry: '2026-11-23' } },
      t,
    );
    expect(a[0]).toMatchObject({ kind: 'respond', due: '2026-11-26' });
    const fields = (t: Partial<typeof DEFAULT_THRESHOLDS>) =>
      checkThresholds({ ...DEFAULT_THRESHOLDS, ...t }).map((f) => f.field);
    expect(fields({ kinshipFinalWeeks: 10 })).toEqual(['kinshipFinalWeeks']);
    expect(fields({ stage1Months: 0 })).toEqual(['stage1Months']);
    expect(fields({})).toEqual([]);
    // Every field at fault at once, one fault a field (helper-242).
    expect(checkThresholds({ ...DEFAULT_THRESHOLDS, kinshipFirstWeeks: 17, kinshipFinalWeeks: 30 })).toEqual([
      {
        field: 'kinshipFirstWeeks',
        message: 'The first kinship limit cannot be longer than the 16 weeks regulation 24 allows.',
      },
      {
        field: 'kinshipFinalWeeks',
        message:
          'The final kinship limit cannot be longer than the 24 weeks a regulation 25 extension allows.',
      },
    ]);
  });

  it('names each alert by its step, true before its due date as after it (the list and record mark it overdue)', () => {
    // "Stage 1 running over time" and "Application to panel over time" were shown months before
    // either was due ("Application to panel over time: due 28/02/2027" on 28/11/2026: helper-264).
    for (const label of Object.values(ALERT_LABELS))
      expect(label).not.toMatch(/over ?time|overdue|\blate\b|passed|expired|running over/i);
    const due = computeAlerts({
      status: 'open',
      pathway: 'mainstream',
      milestones: { enquiry: '2026-08-03', eoi: '2026-08-20', stage1: '2026-08-28' },
    }).map((a) => `${a.label}: due ${a.due}`);
    expect(due).toEqual([
      'Stage 1 time limit: due 2026-12-28',
      'Application to panel time limit: due 2027-04-28',
    ]);
  });
});
