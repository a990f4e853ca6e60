import { describe, expect, it } from 'vitest';
import { isoToDayNumber } from '../../../src-main/domain/dates.ts';
import {
  daysOfEpisodes,
  fitDays,
  fitModel,
  forecast,
  forecastDays,
  forecastsDays,
  FROM_STAGES,
  knownAt,
  meanAbsoluteError,
  openAt,
  openDays,
  type ForecastEpisode,
  type StageModel,
} from '../../../src-main/domain/forecast.ts';
import { CHAIN, emptyModels, finishModels } from '../../../src-main/domain/forecast-model.ts';
import { modelDefinitions, nextQuarters, trainingYears } from '../../../src-main/reports/forecast.ts';
import { makeWorld, trueExpected } from './forecast-world.ts';

const TODAY = '2026-11-26';
const P = [0.35, 0.6, 0.7, 0.6, 0.5];
const DOUBLED = P.map((p) => Math.min(1, p * 2));

describe('the approvals forecast on a service with a known conversion', () => {
  const world = makeWorld({ p: P, from: '2019-04-01', to: TODAY, perWeek: 60, seed: 11 });
  const quarters = nextQuarters(TODAY);
  const asAt = isoToDayNumber(TODAY);
  const bins = quarters.map((q) => ({ from: isoToDayNumber(q.from), to: isoToDayNumber(q.to) }));
  const f = forecast(world.episodes, TODAY, trainingYears(TODAY), quarters);
  const truth = trueExpected(f.open, P, asAt, bins);
  const doubled = trueExpected(f.open, DOUBLED, asAt, bins);

  it('learns each stage’s conversion from the last three complete years', () => {
    f.models.forEach((m, i) => {
      expect(m.moved + m.dropped).toBeGreaterThan(100);
      // Within three standard errors of the truth.
      const se = Math.sqrt((P[i]! * (1 - P[i]!)) / (m.moved + m.dropped));
      expect(Math.abs(m.p! - P[i]!), m.stage).toBeLessThan(3 * se);
    });
  });

  it('puts the true expected approvals of every quarter inside its 80 % range, close to the forecast', () => {
    expect(quarters.map((q) => q.key)).toEqual(['2026/27 Q3', '2026/27 Q4', '2027/28 Q1', '2027/28 Q2']);
    truth.forEach((t, i) => {
      expect(t, quarters[i]!.key).toBeGreaterThanOrEqual(f.sim.low[i]!);
      expect(t, quarters[i]!.key).toBeLessThanOrEqual(f.sim.high[i]!);
      expect(Math.abs(f.sim.expected[i]! - t), quarters[i]!.key).toBeLessThan(Math.max(1, t * 0.2));
    });
    // Enough approvals for the range to mean something.
    expect(truth[0]! + truth[1]!).toBeGreaterThan(10);
  });

  it('would be out of range had conversion been doubled (the test can fail)', () => {
    doubled.forEach((t, i) => expect(t, quarters[i]!.key).toBeGreaterThan(f.sim.high[i]!));
  });

  it('splits the expected approvals by the stage households are at now, adding up to the whole', () => {
    quarters.forEach((_, i) => {
      const sum = Object.values(f.sim.byStage).reduce((s, v) => s + v[i]!, 0);
      expect(sum).toBeCloseTo(f.sim.expected[i]!, 6);
    });
    expect(f.sim.byStage.enquiry[0]).toBeLessThan(f.sim.byStage.panel[0]!);
  });

  it('gives the same answer for the same records (fixed seed)', () => {
    const again = forecast(world.episodes, TODAY, trainingYears(TODAY), quarters);
    expect(again.sim).toEqual(f.sim);
  });

  it('uses only facts dated up to its "as at" day', () => {
    const asAtIso = '2024-03-31';
    const day = isoToDayNumber(asAtIso);
    const cut = world.episodes.map((e) => {
      const out = { ...e };
      for (const k of ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval', 'closedOn'] as const) {
        if (out[k] && out[k] > asAtIso) out[k] = null;
      }
      return out;
    });
    const year = [{ key: '2024/25', from: '2024-04-01', to: '2025-03-31' }];
    const full = forecast(world.episodes, asAtIso, trainingYears('2024-04-01'), year);
    const known = forecast(cut, asAtIso, trainingYears('2024-04-01'), year);
    expect(full.sim).toEqual(known.sim);
    expect(openAt(world.episodes, day)).toEqual(openAt(cut, day));
  });
});

describe('forecast pieces', () => {
  it('walks the stages whose day slots the stored forecast text holds (migration 11: its order is fixed)', () => {
    expect(CHAIN).toEqual(['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval']);
    expect(FROM_STAGES).toEqual(CHAIN.slice(0, -1));
  });

  it('names each stage and the one it moves on to, in the journey’s order', () => {
    const models = emptyModels();
    expect(modelDefinitions(models, '2023/24 to 2025/26').map((d) => d.label)).toEqual([
      'Enquiry → EOI',
      'EOI → Stage 1',
      'Stage 1 → Stage 2',
      'Stage 2 → panel',
      'Panel → approval',
    ]);
  });

  it('takes a skipped stage as passed on the date of the next recorded one', () => {
    const k = knownAt(
      {
        householdId: 1,
        enquiry: '2024-01-01',
        eoi: null,
        stage1: '2024-02-01',
        stage2: null,
        panel: null,
        approval: null,
        closedOn: null,
      },
      isoToDayNumber('2024-12-31'),
    );
    expect(k.days[1]).toBe(isoToDayNumber('2024-02-01'));
    expect(k.reached).toBe(2);
  });

  it('counts those still waiting by their chance of moving on, not as drop-outs or moves', () => {
    const ep = (id: number, eoi: string | null, closedOn: string | null) => ({
      householdId: id,
      enquiry: '2024-01-01',
      eoi,
      stage1: null,
      stage2: null,
      panel: null,
      approval: null,
      closedOn,
    });
    const eps = [ep(1, '2024-01-30', null), ep(2, null, '2024-01-05'), ep(3, null, null)];
    const [enquiry] = fitModel(eps, isoToDayNumber('2024-01-10'), 0, 1e9);
    // 1 is still waiting on 10 January (its EOI comes later): it is neither a move nor a drop-out.
    expect(enquiry).toMatchObject({ moved: 0, dropped: 1 });
    expect(enquiry!.p).toBe(0);
  });

  it('works out the mean absolute error', () => {
    expect(
      meanAbsoluteError([
        { forecast: 10, actual: 12 },
        { forecast: 5, actual: 4 },
      ]),
    ).toBe(1.5);
    expect(meanAbsoluteError([])).toBeNull();
  });
});

/**
 * The models as the plain algorithm fits them: each episode as the records stood (knownAt), its
 * days to the next stage or to closure pushed onto lists for the stages it entered in the window,
 * the waits of those still at such a stage in episode order, then finishModels (itself checked
 * against the plain sort and EM loop in forecast-model.test.ts). fitModel counts the days instead.
 */
function plainFit(
  episodes: readonly ForecastEpisode[],
  asAt: number,
  from: number,
  to: number,
): StageModel[] {
  const models = emptyModels();
  for (const e of episodes) {
    const k = knownAt(e, asAt);
    for (let i = 0; i < FROM_STAGES.length && i <= k.reached; i++) {
      const day = k.days[i]!;
      if (day < from || day > to) continue;
      const next = k.days[i + 1] ?? null;
      if (next !== null) models[i]!.toNext.push(Math.max(0, next - day));
      else if (k.closedOn !== null) models[i]!.toDrop.push(Math.max(0, k.closedOn - day));
    }
    if (k.reached >= 0 && k.reached < FROM_STAGES.length && k.closedOn === null) {
      const since = k.days[k.reached]!;
      if (since >= from && since <= to) models[k.reached]!.waiting.push(asAt - since);
    }
  }
  return finishModels(models);
}

describe('the forecast’s training histories, counted by day', () => {
  const world = makeWorld({ p: P, from: '2019-04-01', to: TODAY, perWeek: 25, seed: 17 });
  // Records no hand entry makes: dates out of order, stages skipped, closed before a milestone.
  const odd: ForecastEpisode[] = world.episodes.slice(0, 400).map((e, i) => ({
    ...e,
    householdId: 100_000 + i,
    ...(i % 3 === 0 ? { eoi: e.stage1, stage1: e.eoi } : {}),
    ...(i % 5 === 0 ? { eoi: null } : {}),
    ...(i % 7 === 0 && e.enquiry ? { closedOn: e.enquiry } : {}),
  }));
  const episodes = [...world.episodes, ...odd];

  it('are the histories the plain lists give, as at any day and over any window', () => {
    for (const [asAtIso, fromIso, toIso] of [
      ['2022-03-31', '2019-04-01', '2022-03-31'],
      ['2024-03-31', '2021-04-01', '2024-03-31'],
      [TODAY, '2023-04-01', '2026-03-31'],
      [TODAY, '1900-01-01', '2100-01-01'],
    ] as const) {
      const [asAt, from, to] = [asAtIso, fromIso, toIso].map(isoToDayNumber) as [number, number, number];
      const got = fitModel(episodes, asAt, from, to);
      expect(got).toEqual(plainFit(episodes, asAt, from, to));
      expect(got[0]!.toNext.length + got[0]!.toDrop.length).toBeGreaterThan(1000);
    }
  });

  it('are gathered in lists instead where a day is too far to count, or not whole', () => {
    // An enquiry in 1800 moving on in 2024: 82,000 days, beyond the days counted.
    const far: ForecastEpisode = {
      householdId: 1,
      enquiry: '1800-01-01',
      eoi: '2024-01-01',
      stage1: null,
      stage2: null,
      panel: null,
      approval: null,
      closedOn: null,
    };
    const asAt = isoToDayNumber(TODAY);
    const [from, to] = [isoToDayNumber('1700-01-01'), asAt];
    const got = fitModel([...episodes, far], asAt, from, to);
    expect(got).toEqual(plainFit([...episodes, far], asAt, from, to));
    expect(got[0]!.toNext.at(-1)).toBe(isoToDayNumber('2024-01-01') - isoToDayNumber('1800-01-01'));

    // A day number with a fraction (none is made from a date, but the columns could hold one).
    const recent = world.episodes.slice(-3000);
    const d = daysOfEpisodes(recent);
    const [a, b] = [isoToDayNumber('2025-01-01'), isoToDayNumber('2025-02-11')];
    const half: ForecastEpisode = { ...far, enquiry: '2025-01-01', eoi: '2025-02-11' };
    const withHalf = daysOfEpisodes([...recent, half]);
    withHalf.days[3000 * 7] = a + 0.5;
    withHalf.spans = undefined;
    const from2 = isoToDayNumber('2023-04-01');
    const got2 = fitDays(withHalf, asAt, from2, asAt, openDays(withHalf, asAt));
    const want2 = fitDays(d, asAt, from2, asAt, openDays(d, asAt))[0]!.toNext;
    const listed = [...want2, b - a - 0.5].sort((x, y) => x - y);
    expect(got2[0]!.toNext).toEqual(listed);
    // Among the whole days, not after them all.
    expect(listed.indexOf(b - a - 0.5)).toBeGreaterThan(0);
    expect(listed.indexOf(b - a - 0.5)).toBeLessThan(listed.length - 1);
  });

  it('are, for several days read in one pass (the backtest’s years), each day’s as read alone', () => {
    // A day too far to count in one window only: that day's histories go to lists, the others' not.
    const far: ForecastEpisode = {
      householdId: 1,
      enquiry: '1800-01-01',
      eoi: '2024-01-01',
      stage1: null,
      stage2: null,
      panel: null,
      approval: null,
      closedOn: null,
    };
    const all = [...episodes, far];
    const year = (fy: string, start: string, end: string) => ({
      asAt: `${start.slice(0, 4)}-03-31`,
      bins: [{ key: fy, from: start, to: end }],
    });
    const at = [
      { ...year('2021/22', '2021-04-01', '2022-03-31'), train: trainingYears('2021-04-01') },
      { ...year('2025/26', '2025-04-01', '2026-03-31'), train: { from: '1700-01-01', to: '2025-03-31' } },
      // Days in any order.
      { ...year('2023/24', '2023-04-01', '2024-03-31'), train: trainingYears('2023-04-01') },
      { asAt: TODAY, train: trainingYears(TODAY), bins: nextQuarters(TODAY) },
    ];
    const reversed = daysOfEpisodes([...all].reverse());
    reversed.inOrder = false;
    for (const d of [daysOfEpisodes(all), reversed]) {
      const together = forecastsDays(d, at, { runs: 200 });
      expect(together).toEqual(at.map((a) => forecastDays(d, a.asAt, a.train, a.bins, { runs: 200 })));
      expect(together[1]!.models[0]!.toNext.at(-1)).toBe(
        isoToDayNumber('2024-01-01') - isoToDayNumber('1800-01-01'),
      );
      expect(Math.min(...together.slice(1).map((f) => f.open.length))).toBeGreaterThan(100);
    }
  });
});
