import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * The carer age bands of the Ofsted return split at 55: Ofsted's own release for 2019-20 reports
 * "carers aged 20 to 39" and "those aged 55+" from the collection's age bands
 * (https://www.gov.uk/government/statistics/fostering-in-england-1-april-2019-to-31-march-2020/fostering-in-england-2019-to-2020-main-findings),
 * which a "50 to 59" band cannot give. Four approved mainstream households, one carer each, aged
 * on 31 March 2025 (the age counted for 2024/25): A 50, B 54 (55 the next day), C 55 (on the
 * day), D 59 (60 the next day).
 */
let app: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  const born: Record<string, string> = {
    A: '1975-03-31', // 50 on 31 March 2025
    B: '1970-04-01', // 54 on 31 March 2025
    C: '1970-03-31', // 55 on 31 March 2025
    D: '1965-04-01', // 59 on 31 March 2025
  };
  for (const [ref, dateOfBirth] of Object.entries(born)) {
    ids[ref] = addHousehold(app.ctx.store.db, {
      reference: ref,
      episodes: [{ milestones: { enquiry: '2023-01-01', stage1: '2023-02-01', approval: '2023-09-01' } }],
    });
    await app.call('carers.savePerson', {
      householdId: ids[ref]!,
      position: 1,
      person: { firstName: ref, dateOfBirth },
    });
  }
});

const options = { to: '2024/25' };
const drill = async (row: string) =>
  (
    await app.call('reports.listHouseholds', {
      table: 'ofsted',
      options,
      section: 'characteristics_age',
      row,
      column: 'mainstream',
    })
  ).households.map((h) => h.reference);

describe('report ofsted: carer age bands', () => {
  it('splits the fifties at 55, as Ofsted reports carers aged 55 and over', async () => {
    const r = await app.call('reports.getTable', { table: 'ofsted', options });
    const age = r.sections.find((s) => s.key === 'characteristics_age')!;
    expect(age.rows.map((x) => x.label)).toEqual([
      '18 to 19',
      '20 to 29',
      '30 to 39',
      '40 to 49',
      '50 to 54',
      '55 to 59',
      '60 and over',
      'Not recorded',
      'Total approved carers',
    ]);
    // Two carers in each half of the fifties, none elsewhere.
    expect(rowOf(age.rows, 'age_50_54').mainstream).toBe(2);
    expect(rowOf(age.rows, 'age_55_59').mainstream).toBe(2);
    expect(rowOf(age.rows, 'age_40_49').mainstream).toBe(0);
    expect(rowOf(age.rows, 'age_60_plus').mainstream).toBe(0);
  });

  it('counts each carer in the band of their age on 31 March, a birthday on the day included', async () => {
    expect(await drill('age_50_54')).toEqual(['A', 'B']);
    expect(await drill('age_55_59')).toEqual(['C', 'D']);
    expect(await drill('age_60_plus')).toEqual([]);
  });
});

describe('report ofsted: a carer in no age band', () => {
  // A carer 17 at 31 March (a year typed wrongly: 19 today, so the record took it) fell in no band
  // and counted as Not recorded, while the list behind that figure held only carers with no date
  // of birth: the figure said 2, the list 1.
  it('lists under Not recorded exactly the carers it counts, saying why of each', async () => {
    const young = await testApp({ today: '2026-11-26' });
    for (const [reference, dateOfBirth] of [
      ['Y1', '2007-06-01'], // 17 on 31 March 2025, 19 today
      ['Y2', null],
      ['Y3', '1980-01-01'],
    ] as const) {
      const id = addHousehold(young.ctx.store.db, {
        reference,
        episodes: [{ milestones: { enquiry: '2023-01-01', stage1: '2023-02-01', approval: '2023-09-01' } }],
      });
      await young.call('carers.savePerson', {
        householdId: id,
        position: 1,
        person: { firstName: reference, dateOfBirth },
      });
    }
    const r = await young.call('reports.getTable', { table: 'ofsted', options });
    const age = r.sections.find((s) => s.key === 'characteristics_age')!;
    expect(rowOf(age.rows, 'not_recorded').mainstream).toBe(2);
    const listed = await young.call('reports.listHouseholds', {
      table: 'ofsted',
      options,
      section: 'characteristics_age',
      row: 'not_recorded',
      column: 'mainstream',
    });
    expect(listed.total).toBe(2);
    expect(listed.households.map((h) => [h.reference, h.why])).toEqual([
      [
        'Y1',
        [
          "A carer's date of birth, 01/06/2007, gives an age of 17 at 31/03/2025: under 18, so it is likely wrong (check the year).",
        ],
      ],
      ['Y2', ['No date of birth recorded for a carer.']],
    ]);
    // The table's definitions say what the row counts.
    expect(r.definitions.map((d) => d.text).join(' ')).toContain(
      'or one giving an age under 18 at 31 March, which is likely mistyped',
    );
  });
});
