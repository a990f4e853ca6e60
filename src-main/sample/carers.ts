import type { Db } from '../db/open.ts';
import { sampleRows } from '../db/queries/sample-rows.ts';
import { addDays, type IsoDate } from '../domain/dates.ts';
import type { Random } from './random.ts';

/**
 * Sample carers, approval terms and changes of places (issue 14), so the Ofsted return's
 * carers and places and the diversity table have figures in sample mode. Applicants (from
 * Stage 1 on) get their people and characteristics, approved households their terms too.
 * Drawn from a stream of their own, so every other sample fact stays as it was; the
 * characteristics' shares are roughly England's (Census 2021), a few left not recorded.
 */
type Weights = ReadonlyArray<readonly [string | null, number]>;

const ETHNICITY: Weights = [
  ['white_british', 700],
  ['white_irish', 10],
  ['white_other', 50],
  ['white_gypsy_traveller', 2],
  ['white_roma', 1],
  ['asian_indian', 30],
  ['asian_pakistani', 30],
  ['asian_bangladeshi', 10],
  ['asian_chinese', 6],
  ['asian_other', 15],
  ['black_african', 25],
  ['black_caribbean', 12],
  ['black_other', 5],
  ['mixed_white_black_caribbean', 9],
  ['mixed_white_black_african', 4],
  ['mixed_white_asian', 8],
  ['mixed_other', 6],
  ['other_arab', 5],
  ['other_any', 12],
  ['refused', 10],
  [null, 40],
];
const DISABILITY: Weights = [
  ['no', 85],
  ['yes', 6],
  [null, 9],
];
const RELIGION: Weights = [
  ['christian', 40],
  ['none', 38],
  ['muslim', 8],
  ['hindu', 2],
  ['sikh', 2],
  ['jewish', 1],
  ['buddhist', 1],
  ['other', 1],
  ['refused', 3],
  [null, 4],
];
const ORIENTATION: Weights = [
  ['heterosexual', 85],
  ['gay_lesbian', 4],
  ['bisexual', 2],
  ['other', 1],
  ['refused', 3],
  [null, 5],
];
const GENDER_IDENTITY: Weights = [
  ['same_as_sex', 88],
  ['different_unspecified', 1],
  ['trans_woman', 1],
  ['trans_man', 1],
  ['refused', 2],
  [null, 7],
];
const SINGLE_STATUS: Weights = [
  ['single', 60],
  ['separated', 25],
  ['widowed', 10],
  ['refused', 5],
];
const PLACES: ReadonlyArray<readonly [number, number]> = [
  [1, 35],
  [2, 40],
  [3, 20],
  [4, 5],
];
const AGE_RANGES: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[0, 18], 50],
  [[0, 5], 10],
  [[0, 11], 15],
  [[5, 18], 10],
  [[11, 18], 15],
];

export interface SampleHousehold {
  id: number;
  first: string;
  surname: string;
  couple: boolean;
  /** The Stage 1 start (or, for kinship, the EOI standing for it): people are recorded from here. */
  applied: IsoDate | null;
  approved: IsoDate | null;
}

export function sampleCarers(
  db: Db,
  r: Random,
  partnerNames: readonly string[],
  today: IsoDate,
  now: string,
) {
  const rows = sampleRows(db);
  const pick = (w: Weights) => r.weighted(w);

  const person = (
    h: SampleHousehold,
    position: 1 | 2,
    first: string,
    sex: string,
    status: string | null,
    ethnicity: string | null,
  ) => {
    // Between 25 and 64 when they applied.
    const dob = addDays(h.applied!, -(365 * r.int(25, 64) + r.int(0, 364)));
    rows.addPerson(
      h.id,
      position,
      first,
      h.surname,
      dob,
      sex,
      ethnicity,
      pick(DISABILITY),
      pick(RELIGION),
      pick(ORIENTATION),
      pick(GENDER_IDENTITY),
      status,
      now,
      now,
    );
  };

  return (h: SampleHousehold): void => {
    if (!h.applied) return;
    const ethnicity = pick(ETHNICITY);
    const status = h.couple ? (r.chance(0.7) ? 'married' : 'cohabiting') : pick(SINGLE_STATUS);
    person(h, 1, h.first, r.chance(0.85) ? 'female' : 'male', status, ethnicity);
    const household = { first_name: h.first, surname: h.surname };
    const people = [household];
    // Couples mostly share a background.
    if (h.couple) {
      const partner = r.pick(partnerNames);
      person(
        h,
        2,
        partner,
        r.chance(0.85) ? 'male' : 'female',
        status,
        r.chance(0.7) ? ethnicity : pick(ETHNICITY),
      );
      people.push({ first_name: partner, surname: h.surname });
    }
    // The search finds the household by its carers' own names (the partner's first name).
    rows.addPeopleParts(h.id, household, people);
    if (!h.approved) return;
    const places = r.weighted(PLACES);
    const [from, to] = r.weighted(AGE_RANGES);
    rows.addTerms(h.id, places, from, to, r.chance(0.2) ? 1 : 0, r.chance(0.05) ? 1 : 0, now);
    // One in ten approved households has had its places changed since.
    if (r.chance(0.1)) {
      const date = addDays(h.approved, r.int(90, 900));
      const change = places > 1 && r.chance(0.5) ? -1 : 1;
      if (date <= today)
        rows.addPlaceChange(h.id, date, change, change > 0 ? 'Extra bedroom' : 'Reduced on review', now);
    }
  };
}
