import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The timeline names an ending's reason as the record's endings do, in the service's own words (its
 * reasons list, renamed in Settings or not), never by the key the database holds for it.
 */
const TODAY = '2026-11-26';

const summaries = async (app: TestApp, id: number) =>
  (await app.call('households.getTimeline', { id })).map((e) => e.summary);

describe('the timeline names endings in words', () => {
  it('gives a closure its reason and who ended it, and a cessation its reason, by label', async () => {
    const app = await testApp({ today: TODAY });
    const closed = await app.call('households.createHousehold', {
      enquiryDate: '2026-11-02',
      surname: 'Khan',
    });
    await app.call('households.closeHousehold', {
      id: closed.id,
      date: '2026-11-20',
      reasonKey: 'counselled_out',
      endedBy: 'service',
      notes: null,
    });
    expect(await summaries(app, closed.id)).toContain(
      'Closed on 20/11/2026 at Enquiry: Counselled out by the service (Service ended it)',
    );

    const carer = await app.call('households.createHousehold', {
      enquiryDate: '2023-01-09',
      surname: 'Dale',
    });
    await app.call('households.recordMilestone', { id: carer.id, kind: 'stage1', date: '2023-03-01' });
    await app.call('households.recordMilestone', { id: carer.id, kind: 'approval', date: '2023-11-01' });
    await app.call('households.ceaseHousehold', {
      id: carer.id,
      date: '2025-10-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
      notes: null,
    });
    const lines = await summaries(app, carer.id);
    expect(lines).toContain(
      'Ceased to foster on 01/10/2025: Personal circumstances e.g. separation, bereavement, retirement',
    );
    expect(lines.join('\n')).not.toMatch(/personal_circumstances|counselled_out/);
  });
});
