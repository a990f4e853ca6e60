import { dayNumberToIso, isoToDayNumber } from '../../../src-main/domain/dates.ts';
import { FROM_STAGES, type ForecastEpisode } from '../../../src-main/domain/forecast.ts';
import { createRandom } from '../../../src-main/domain/random.ts';

/**
 * A made-up service whose journey follows a known process, so a forecast can be checked against
 * the truth: at each stage a household moves on with probability `p[stage]` after 20–90 days
 * (uniform), or else drops out after 5–60 days. Enquiries arrive `perWeek` a week.
 */
export interface World {
  p: readonly number[];
  episodes: ForecastEpisode[];
}

const MOVE = [20, 90] as const;
const DROP = [5, 60] as const;
const CHAIN = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval'] as const;

type Rand = () => number;
const uniform = (rand: Rand, [lo, hi]: readonly [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));

/** Every episode's whole journey, future included: the forecast itself only reads what is dated up to its "as at" day. */
export function makeWorld(opts: {
  p: readonly number[];
  from: string;
  to: string;
  perWeek: number;
  seed: number;
}): World {
  const rand = createRandom(opts.seed).next;
  const episodes: ForecastEpisode[] = [];
  const start = isoToDayNumber(opts.from);
  const end = isoToDayNumber(opts.to);
  let id = 0;
  for (let week = start; week <= end; week += 7) {
    for (let k = 0; k < opts.perWeek; k++) {
      let day = week + Math.floor(rand() * 7);
      const e: ForecastEpisode = {
        householdId: ++id,
        enquiry: dayNumberToIso(day),
        eoi: null,
        stage1: null,
        stage2: null,
        panel: null,
        approval: null,
        closedOn: null,
      };
      for (let i = 0; i < FROM_STAGES.length; i++) {
        if (rand() < opts.p[i]!) {
          day += uniform(rand, MOVE);
          e[CHAIN[i + 1]!] = dayNumberToIso(day);
        } else {
          e.closedOn = dayNumberToIso(day + uniform(rand, DROP));
          break;
        }
      }
      episodes.push(e);
    }
  }
  return { p: opts.p, episodes };
}

/**
 * The expected approvals in each bin from the episodes open at the end of `asAt`, under the true
 * process with conversions `p`: each open household's current stage is resampled given the days it
 * has already waited (rejection), later stages afresh; averaged over many runs.
 */
export function trueExpected(
  open: ReadonlyArray<{ stage: (typeof FROM_STAGES)[number]; since: number }>,
  p: readonly number[],
  asAt: number,
  bins: ReadonlyArray<{ from: number; to: number }>,
  runs = 4000,
  seed = 99,
): number[] {
  const rand = createRandom(seed).next;
  const sums = bins.map(() => 0);
  for (const e of open) {
    const s = FROM_STAGES.indexOf(e.stage);
    const waited = asAt - e.since;
    for (let r = 0; r < runs; r++) {
      let moved: boolean;
      let d: number;
      do {
        moved = rand() < p[s]!;
        d = uniform(rand, moved ? MOVE : DROP);
      } while (d <= waited);
      if (!moved) continue;
      let day = e.since + d;
      let ok = true;
      for (let i = s + 1; i < FROM_STAGES.length && ok; i++) {
        if (rand() < p[i]!) day += uniform(rand, MOVE);
        else ok = false;
      }
      if (!ok) continue;
      const b = bins.findIndex((x) => day >= x.from && day <= x.to);
      if (b >= 0) sums[b]!++;
    }
  }
  return sums.map((s) => s / runs);
}
