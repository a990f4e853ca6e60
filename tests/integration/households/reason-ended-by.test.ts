import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

// Who ends an assessment for a drop-out reason (its ended-by, which every closure recorded with it
// must fit) could be set through the contract but nothing guarded a change: a reason moved across
// the Ofsted return's line (the service, or the applicant and lost contact) left the closures
// recorded with it standing on the other side, so the engine refused their next correction and an
// import restating one with a change.

type By = 'applicant' | 'service' | 'lost_contact';

async function closed(app: TestApp, surname: string, reasonKey: string, endedBy: By): Promise<number> {
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname });
  await app.call('households.closeHousehold', { id, date: '2026-02-01', reasonKey, endedBy, notes: null });
  return id;
}

const reason = async (app: TestApp, key: string) =>
  (await app.call('reasons.listReasons', { list: 'dropout', includeRetired: true })).find(
    (r) => r.key === key,
  )!;

const endedByEntries = (app: TestApp) =>
  app.ctx.store.db
    .prepare(
      "SELECT field, old_value, new_value FROM audit_log WHERE entity = 'reason' AND field LIKE '%.ended_by'",
    )
    .all();

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe("a drop-out reason's ended by, changed in Settings", () => {
  it('refuses a change across the return’s line while closures recorded with it stand on the other side, re-opened ones too', async () => {
    const app = await testApp();
    await closed(app, 'Ahmed', 'circumstances', 'applicant');
    const reopened = await closed(app, 'Baker', 'circumstances', 'applicant');
    await app.call('households.reopenHousehold', { id: reopened, enquiryDate: '2026-03-01', notes: null });
    await closed(app, 'Clarke', 'circumstances', 'lost_contact');
    await closed(app, 'Davies', 'counselled_out', 'service');

    const e = await refusal(
      app.call('reasons.updateReason', { list: 'dropout', key: 'circumstances', endedBy: 'service' }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      code: 'rule_violation',
      field: 'endedBy',
      message:
        'Ended by cannot become "Service": 3 closures recorded with "Household circumstances changed" were ended by "Applicant withdrew" or "Lost contact" and would no longer fit it. Add a new reason ended by "Service" instead (and retire this one if no more should be recorded with it), or choose "Anyone".',
    });
    // Refused whole: a rename in the same call is not kept either.
    await expect(
      app.call('reasons.updateReason', {
        list: 'dropout',
        key: 'circumstances',
        label: 'Circumstances changed',
        endedBy: 'service',
      }),
    ).rejects.toMatchObject({ field: 'endedBy' });
    expect(await reason(app, 'circumstances')).toMatchObject({
      label: 'Household circumstances changed',
      endedBy: 'applicant',
    });
    expect(endedByEntries(app)).toEqual([]);
    await expect(
      app.call('reasons.updateReason', { list: 'dropout', key: 'counselled_out', endedBy: 'applicant' }),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        '1 closure recorded with "Counselled out by the service" was ended by "Service ended it"',
      ),
    });

    // On the same side of the line, or for anyone: every closure still fits, so it is taken.
    await app.call('reasons.updateReason', {
      list: 'dropout',
      key: 'circumstances',
      endedBy: 'lost_contact',
    });
    expect((await reason(app, 'circumstances')).endedBy).toBe('lost_contact');
    await app.call('reasons.updateReason', { list: 'dropout', key: 'circumstances', endedBy: 'any' });
    expect((await reason(app, 'circumstances')).endedBy).toBe('any');
    // From anyone to the service is a change across the line too.
    await expect(
      app.call('reasons.updateReason', { list: 'dropout', key: 'circumstances', endedBy: 'service' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('3 closures') });
    expect(endedByEntries(app)).toEqual([
      { field: 'dropout.circumstances.ended_by', old_value: '"applicant"', new_value: '"lost_contact"' },
      { field: 'dropout.circumstances.ended_by', old_value: '"lost_contact"', new_value: '"any"' },
    ]);
  });

  it('changes one no closure stands against, and the engine then holds closures to it', async () => {
    const app = await testApp();
    await app.call('reasons.updateReason', { list: 'dropout', key: 'housing', endedBy: 'service' });
    expect((await reason(app, 'housing')).endedBy).toBe('service');
    await expect(closed(app, 'Evans', 'housing', 'applicant')).rejects.toMatchObject({
      field: 'endedBy',
      message: expect.stringContaining(
        '"No spare bedroom / housing", which the service ends an assessment for',
      ),
    });
    await closed(app, 'Foster', 'housing', 'service');

    // A reason added with its ended-by, shown in the list and held to it.
    const list = await app.call('reasons.addReason', {
      list: 'dropout',
      label: 'Not eligible (age)',
      endedBy: 'service',
    });
    expect(list.find((r) => r.label === 'Not eligible (age)')).toMatchObject({
      key: 'not_eligible_age',
      endedBy: 'service',
    });
    await expect(closed(app, 'Fox', 'not_eligible_age', 'lost_contact')).rejects.toMatchObject({
      field: 'endedBy',
    });
  });

  it('does not count closures an older version stored that already did not fit', async () => {
    const app = await testApp();
    const id = await closed(app, 'Green', 'financial', 'applicant');
    // Stored so by an older version, before the rule: a service closure with an applicant's reason.
    app.ctx.store.db.prepare("UPDATE closures SET ended_by = 'service' WHERE household_id = ?").run(id);
    await app.call('reasons.updateReason', { list: 'dropout', key: 'financial', endedBy: 'lost_contact' });
    expect((await reason(app, 'financial')).endedBy).toBe('lost_contact');
  });

  it('keeps Other for anyone, and refuses an ended-by on a leaving reason', async () => {
    const app = await testApp();
    await app.call('reasons.updateReason', { list: 'dropout', key: 'other', label: 'Unknown' });
    await expect(
      app.call('reasons.updateReason', { list: 'dropout', key: 'other', endedBy: 'applicant' }),
    ).rejects.toMatchObject({
      field: 'endedBy',
      message:
        '"Unknown" is for anyone: an import records as it any reason not in the list, whoever ended the assessment. Add a new reason instead.',
    });
    expect((await reason(app, 'other')).endedBy).toBe('any');
    await expect(
      app.call('reasons.updateReason', { list: 'leaving', key: 'transfer_ifa', endedBy: 'service' }),
    ).rejects.toMatchObject({ field: 'endedBy' });
    await expect(
      app.call('reasons.addReason', { list: 'leaving', label: 'Emigrated', endedBy: 'applicant' }),
    ).rejects.toMatchObject({ message: 'Only a drop-out reason says who ends an assessment for it.' });
    expect(endedByEntries(app)).toEqual([]);
    // Nor does a leaving reason carry a withdrawal code, which Settings shows nowhere (helper-242).
    await expect(
      app.call('reasons.addReason', { list: 'leaving', label: 'Emigrated abroad', ofstedCode: 'AW1' }),
    ).rejects.toMatchObject({
      field: 'ofstedCode',
      message: expect.stringMatching(/^Only a drop-out reason carries/),
    });
    await expect(
      app.call('reasons.updateReason', { list: 'leaving', key: 'transfer_ifa', ofstedCode: 'AW0' }),
    ).rejects.toMatchObject({ field: 'ofstedCode' });
    expect((await app.call('reasons.listReasons', { list: 'leaving' })).filter((r) => r.ofstedCode)).toEqual(
      [],
    );
  });
});
