import { describe, expect, it } from 'vitest';
import { checkpoint, leftovers } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A merge keeps one household's details and dropped the duplicate's that differed with no word of
 * it: the kept household's timeline could not tell that the duplicate held another email. The
 * merge now says what it did not keep, in the kept household's history, where an erasure and a
 * subject access request reach it as any other entry's values.
 */
async function merged(): Promise<{ app: TestApp; keep: number; dup: string }> {
  const app = await testApp({ today: '2026-11-26' });
  const keep = await app.call('households.createHousehold', {
    enquiryDate: '2025-02-01',
    firstName: 'Ann',
    surname: 'Lee',
    email: 'b@y.uk',
    source: 'website',
  });
  const dup = await app.call('households.createHousehold', {
    enquiryDate: '2025-02-03',
    firstName: 'Ann',
    surname: 'Lee',
    email: 'a@x.uk',
    telephone: '01632 960123',
    source: 'event',
    confirmDuplicates: true,
  });
  await app.call('households.mergeHouseholds', {
    id: keep.id,
    mergeReference: dup.reference,
    reason: 'Typed in twice',
  });
  return { app, keep: keep.id, dup: dup.reference };
}

const notKeptLines = async (app: TestApp, id: number) =>
  (await app.call('households.getTimeline', { id })).map((t) => t.summary).filter((s) => /not kept/i.test(s));

describe('a merge that drops details of the duplicate', () => {
  it('says in the kept household’s timeline which, and what they were, beside what it kept', async () => {
    const { app, keep, dup } = await merged();
    // The telephone the kept household lacked was filled (its own entry says so); the name is the same.
    expect(await notKeptLines(app, keep)).toEqual([
      `Not kept from ${dup} when merged: email a@x.uk (kept b@y.uk); source Event or stall (kept Website / web form); enquiry date 03/02/2025 (kept 01/02/2025) – Typed in twice`,
    ]);
    const record = await app.call('households.getHousehold', { id: keep });
    expect([record.email, record.telephone, record.enquiryDate]).toEqual([
      'b@y.uk',
      '01632 960123',
      '2025-02-01',
    ]);
  });

  it('is listed by subject access for the kept household, and erased with it', async () => {
    const { app, keep, dup } = await merged();
    const file = await app.call('data.exportHousehold', { id: keep, format: 'json' });
    const { tables } = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as {
      tables: {
        audit_log: Array<{ field: string | null; old_value: string | null; new_value: string | null }>;
      };
    };
    const entry = tables.audit_log.find((e) => e.field === 'not_kept');
    expect(JSON.parse(entry!.old_value!)).toEqual({
      reference: dup,
      email: 'a@x.uk',
      source: 'event',
      enquiry_date: '2025-02-03',
    });
    expect(JSON.parse(entry!.new_value!)).toEqual({
      email: 'b@y.uk',
      source: 'website',
      enquiry_date: '2025-02-01',
    });

    await app.call('households.closeHousehold', {
      id: keep,
      date: '2026-10-30',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('data.eraseOnRequest', { id: keep });
    checkpoint(app);
    expect(leftovers(app, ['a@x.uk', 'b@y.uk', 'Typed in twice'])).toEqual([]);
    // The line stays, naming no value.
    expect(await notKeptLines(app, keep)).toEqual([
      'Details of a merged duplicate not kept (their values erased)',
    ]);
  });

  it('says an enquiry response left behind, and says nothing where nothing differs', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const add = async (surname: string, responded: string) => {
      const h = await app.call('households.createHousehold', {
        enquiryDate: '2026-11-02',
        surname,
        confirmDuplicates: true,
      });
      await app.call('households.recordResponse', { id: h.id, date: responded });
      return h;
    };
    const keep = await add('Brien', '2026-11-03');
    const dup = await add('Brien', '2026-11-05');
    await app.call('households.mergeHouseholds', {
      id: keep.id,
      mergeReference: dup.reference,
      reason: 'Twice',
    });
    expect(await notKeptLines(app, keep.id)).toEqual([
      `Not kept from ${dup.reference} when merged: enquiry response 05/11/2026 (kept 03/11/2026) – Twice`,
    ]);
    // The other way round the duplicate's earlier answer is taken: nothing of it is lost.
    const third = await add('Brien', '2026-11-02');
    await app.call('households.mergeHouseholds', {
      id: keep.id,
      mergeReference: third.reference,
      reason: 'Again',
    });
    expect(await notKeptLines(app, keep.id)).toHaveLength(1);
  });
});
