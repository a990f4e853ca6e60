import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, type EpisodeFacts } from './fixture.ts';

/**
 * The sentence under the forecast that gives each stage's conversion: rounded as every rate of
 * the app (half up), and never citing counts its rate is not the ratio of.
 */
const moved: EpisodeFacts = { milestones: { enquiry: '2024-05-01', eoi: '2024-06-01' } };
const dropped: EpisodeFacts = {
  milestones: { enquiry: '2024-05-01' },
  closure: { date: '2024-05-20', stage: 'enquiry', reason: 'circumstances', endedBy: 'applicant' },
};

async function enquiryModel(app: TestApp, episodes: EpisodeFacts[]): Promise<string> {
  const db = app.ctx.store.db;
  db.transaction(() => episodes.forEach((e, i) => addHousehold(db, { reference: `R${i}`, episodes: [e] })))();
  const r = await app.call('reports.getTable', { table: 'forecast', options: {} });
  return r.definitions.find((d) => d.key === 'model_enquiry')!.text;
}

describe("the forecast's conversion in words", () => {
  it('rounds half up: 23 of 80 is 28.8%, where the binary 0.2875 printed with toFixed gave 28.7%', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const text = await enquiryModel(app, [
      ...Array<EpisodeFacts>(23).fill(moved),
      ...Array<EpisodeFacts>(57).fill(dropped),
    ]);
    expect(text).toMatch(
      /^28\.8% moved on \(23 of 80 that entered Enquiry in .+ and have moved on or dropped out\); median 31 days to EOI\.$/,
    );
  });

  it('says where households still waiting count in the rate, rather than citing a ratio it is not', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const text = await enquiryModel(app, [
      { milestones: { enquiry: '2023-06-01', eoi: '2024-10-13' } }, // moved on after 500 days
      {
        ...dropped,
        milestones: { enquiry: '2024-05-01' },
        closure: { ...dropped.closure!, date: '2024-05-11' },
      },
      { milestones: { enquiry: '2026-03-01' } }, // still at Enquiry after 270 days
    ]);
    const m =
      /^(\d+\.\d)% move on: of the households that entered Enquiry in .+, 1 moved on, 1 dropped out and 1 is still waiting, each counted as its chance of moving on after the days it has waited; median 500 days to EOI\.$/.exec(
        text,
      );
    expect(m, text).not.toBeNull();
    // Not 50.0%: the one still waiting, 270 days in where drop-outs went in 10, is likelier to move on.
    expect(Number(m![1])).toBeGreaterThan(50);
  });
});
