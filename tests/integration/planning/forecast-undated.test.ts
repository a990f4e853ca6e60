import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { importCsv } from '../imports/reason-rows.ts';

// helper-273, a recruitment officer's walk: Home's pipeline read 32 open households beside a
// forecast "from the 31 open households", the one left out imported with no enquiry date (so no
// day it reached its stage, which the forecast walks each household on from). Home now counts
// those apart, and lists them, so the two figures add up where they are read.
describe('open households with no enquiry date on Home', () => {
  it('are counted apart from the open households the forecast is made from, and listed', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const result = await importCsv(
      app,
      'enquiries.csv',
      'Reference,Enquiry Date,EOI Date,Surname\r\n' +
        'ENQ-2610-001,05/10/2026,,Ash\r\n' +
        'ENQ-2610-002,06/10/2026,20/10/2026,Bell\r\n' +
        'ENQ-2610-003,,,Cole\r\n',
    );
    expect(result).toMatchObject({ new: 3, rejected: 0 });

    const d = await app.call('planning.getDashboard', {});
    const inPipeline = d.pipeline.reduce((sum, s) => sum + s.count.value, 0);
    expect(inPipeline).toBe(3);
    expect(d.forecast.open.value).toBe(2);
    expect(d.forecast.undated).toEqual({ value: 1, drill: 'forecast:undated' });
    expect(d.forecast.open.value + d.forecast.undated.value).toBe(inPipeline);

    const listed = await app.call('planning.listHouseholds', { drill: d.forecast.undated.drill });
    expect(listed.total).toBe(1);
    expect(listed.households.map((h) => h.reference)).toEqual(['ENQ-2610-003']);
    // The forecast's own list is of the other two.
    const forecast = await app.call('planning.listHouseholds', { drill: d.forecast.open.drill });
    expect(forecast.households.map((h) => h.reference)).toEqual(['ENQ-2610-001', 'ENQ-2610-002']);

    // Its date entered, it is forecast like the others.
    const id = listed.households[0]!.id;
    await app.call('households.recordMilestone', { id, kind: 'enquiry', date: '2026-10-07' });
    const after = await app.call('planning.getDashboard', {});
    expect([after.forecast.open.value, after.forecast.undated.value]).toEqual([3, 0]);
  });
});
