import { describe, expect, it } from 'vitest';
import { funnelDateSql } from '../../../src-main/db/journey-sql.ts';
import { addDays } from '../../../src-main/domain/dates.ts';
import {
  readEpisodeDays,
  readEpisodes,
  withEpisodeDays,
} from '../../../src-main/db/queries/forecast-source.ts';
import { CHAIN, forecast, forecastDays, SLOTS, type EpisodeDays } from '../../../src-main/domain/forecast.ts';
import { trainingYears } from '../../../src-main/reports/forecast.ts';
import { testApp } from '../../support/temp.ts';
import { makeWorld } from '../../unit/reports/forecast-world.ts';
import { addHousehold, type EpisodeFacts } from './fixture.ts';

const TODAY = '2026-11-26';

/** Columns in the reverse order, saying so (inOrder false), their spans worked out afresh. */
function reversedColumns(d: EpisodeDays): EpisodeDays {
  const n = d.count;
  const out: EpisodeDays = {
    count: n,
    householdId: new Float64Array(n),
    episode: new Float64Array(n),
    days: new Float64Array(n * SLOTS),
    inOrder: false,
  };
  for (let j = 0; j < n; j++) {
    const from = n - 1 - j;
    out.householdId[j] = d.householdId[from]!;
    out.episode[j] = d.episode[from]!;
    out.days.set(d.days.subarray(from * SLOTS, (from + 1) * SLOTS), j * SLOTS);
  }
  return out;
}
const STAGES = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel'] as const;

/**
 * The forecast reads episodes as day-number columns in index order (readEpisodeDays) rather than
 * as one object per episode in household order (readEpisodes): it must see exactly the same
 * records, in the same episode order, and so give the same forecast to the last digit, even on
 * records no hand entry could make (dates out of order, no enquiry date, future dates, closed
 * before a milestone, dates not in the yyyy-mm-dd form, a date holding the text's separators)
 * and on households with several episodes.
 */
describe('the forecast’s episode columns', () => {
  it('give the forecast every list of episodes gives, as at any day, on every pathway', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const world = makeWorld({
      p: [0.4, 0.6, 0.7, 0.6, 0.8],
      from: '2019-04-01',
      to: TODAY,
      perWeek: 6,
      seed: 21,
    });
    db.transaction(() => {
      for (const e of world.episodes) {
        const milestones: EpisodeFacts['milestones'] = {};
        let stage: (typeof STAGES)[number] = 'enquiry';
        for (const k of [...STAGES, 'approval'] as const) {
          const d = e[k];
          if (!d || d > TODAY) break;
          milestones[k] = d;
          if (k !== 'approval') stage = k;
        }
        const closure =
          e.closedOn && e.closedOn <= TODAY
            ? { date: e.closedOn, stage, reason: 'other', endedBy: 'applicant' as const }
            : undefined;
        addHousehold(db, {
          reference: `F${e.householdId}`,
          ...(e.householdId % 4 === 0 ? { pathway: 'kinship' as const } : {}),
          episodes: [{ milestones, ...(closure ? { closure } : {}) }],
        });
      }
    })();
    db.exec(`
      UPDATE episodes SET eoi = stage1, stage1 = eoi WHERE household_id % 7 = 0 AND stage1 IS NOT NULL;
      UPDATE episodes SET enquiry = NULL WHERE household_id % 11 = 0;
      UPDATE episodes SET closed_on = date(coalesce(enquiry, eoi), '-3 days') WHERE household_id % 13 = 0;
      UPDATE episodes SET eoi = '2027-01-05' WHERE household_id % 17 = 0;
      UPDATE episodes SET stage2 = date(enquiry, '+40 days'), stage1 = NULL WHERE household_id % 23 = 0;
      UPDATE episodes SET closed_on = NULL WHERE household_id % 29 = 0;
      UPDATE episodes SET panel = '2024-3-05' WHERE household_id % 31 = 0 AND panel IS NOT NULL;
      UPDATE episodes SET stage2 = stage2 || ' 10:00' WHERE household_id % 37 = 0 AND stage2 IS NOT NULL;
      UPDATE episodes SET eoi = '0050-01-01' WHERE household_id % 41 = 0 AND eoi IS NOT NULL;
      UPDATE episodes SET closed_on = '2025,01;02' WHERE household_id % 43 = 0 AND closed_on IS NOT NULL;
      -- Characters of more than one byte (the reader splits the text's UTF-8 bytes).
      UPDATE episodes SET stage1 = stage1 || ' – é' WHERE household_id % 47 = 0 AND stage1 IS NOT NULL;
      UPDATE episodes SET panel = 'é' || substr(panel, 2) WHERE household_id % 53 = 0 AND panel IS NOT NULL;
      INSERT INTO episodes (household_id, episode, pathway, enquiry, eoi, stage_reached, closed_on)
        SELECT household_id, 2, pathway, date(closed_on, '+200 days'),
          CASE WHEN household_id % 2 = 0 THEN date(closed_on, '+230 days') END, 'enquiry',
          CASE WHEN household_id % 3 = 0 THEN date(closed_on, '+300 days') END
        FROM episodes WHERE episode = 1 AND closed_on IS NOT NULL AND closed_on < '2025-06-01' AND household_id % 5 = 1;
    `);
    // A household far along the ids (the reader goes by ranges of ids and must jump the gap).
    db.prepare("UPDATE sqlite_sequence SET seq = 9000000 WHERE name = 'households'").run();
    addHousehold(db, {
      reference: 'FAR',
      episodes: [{ milestones: { enquiry: '2025-06-02', eoi: '2025-07-01' } }],
    });
    expect(db.prepare("SELECT id FROM households WHERE reference = 'FAR'").pluck().get()).toBeGreaterThan(
      9e6,
    );
    // The stored text (migrations 11 and 27: Stage 1 by the recruitment table's rule) followed
    // every write above, the hand-made rows included.
    const stale = db
      .prepare(
        `SELECT count(*) FROM episodes WHERE forecast_text IS NOT concat(household_id, ',', episode, ',',
           enquiry, ',', eoi, ',', ${funnelDateSql('stage1').date}, ',', stage2, ',', panel, ',', approval, ',',
           closed_on, ';')`,
      )
      .pluck()
      .get();
    expect(stale).toBe(0);
    let compared = 0;
    for (const pathway of ['mainstream', 'kinship', 'all'] as const) {
      const list = readEpisodes(db, pathway);
      const columns = readEpisodeDays(db, pathway);
      expect(columns.count).toBe(list.length);
      // In household then episode order (the primary key's), which the reader checks as it goes.
      expect(columns.inOrder).toBe(true);
      // The first and last milestone days and the end the reader works out as it goes, as worked out from the days.
      for (let j = 0; j < columns.count; j++) {
        const days = [...columns.days.subarray(j * SLOTS, j * SLOTS + CHAIN.length)].filter((d) => d === d);
        expect(columns.spans!.first[j]).toBe(days.length ? Math.min(...days) : Infinity);
        expect(columns.spans!.last[j]).toBe(days.length ? Math.max(...days) : -Infinity);
        const [closed, approval] = [columns.days[j * SLOTS + CHAIN.length]!, columns.days[j * SLOTS + 5]!];
        const ends = [closed, approval].filter((d) => d === d);
        expect(columns.spans!.ended[j]).toBe(ends.length ? Math.min(...ends) : Infinity);
      }
      // The same columns in another order (as a reader that did not keep to the key would give them).
      const reversed = reversedColumns(columns);
      for (const asAt of ['2022-03-31', '2024-03-31', TODAY]) {
        const train = trainingYears(asAt);
        const bins = [
          { key: 'a', from: addDays(asAt, 1), to: addDays(asAt, 120) },
          { key: 'b', from: addDays(asAt, 121), to: addDays(asAt, 365) },
        ];
        const want = forecast(list, asAt, train, bins, { runs: 300 });
        for (const days of [columns, reversed]) {
          const got = forecastDays(days, asAt, train, bins, { runs: 300 });
          expect(got.models).toEqual(want.models);
          expect(got.open.map(({ householdId, stage, since }) => ({ householdId, stage, since }))).toEqual(
            want.open,
          );
          expect(got.sim).toEqual(want.sim);
        }
        compared += want.open.length;
      }
    }
    // The comparison covered open episodes waiting at several stages.
    expect(compared).toBeGreaterThan(200);
    // The columns lent by withEpisodeDays are kept for the next read: each read over them, after
    // a larger (every pathway) or a smaller one, holds exactly what fresh columns hold.
    const plain = (d: EpisodeDays) => ({
      ...d,
      householdId: [...d.householdId],
      episode: [...d.episode],
      days: [...d.days],
      spans: d.spans && { first: [...d.spans.first], last: [...d.spans.last], ended: [...d.spans.ended] },
      pathway: d.pathway && { ...d.pathway, switched: [...d.pathway.switched] },
    });
    for (const pathway of ['all', 'kinship', 'mainstream', 'kinship', 'all'] as const) {
      const lent = withEpisodeDays(db, pathway, plain);
      expect(lent).toEqual(plain(readEpisodeDays(db, pathway)));
    }
  });
});
