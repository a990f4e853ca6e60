import { describe, expect, it } from 'vitest';
import { addDays, EARLIEST_RECORD_DATE, formatUkDate } from '../../../src-main/domain/dates.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A date typed by hand is refused before the records' earliest date, as the import refuses it
 * (EARLIEST_RECORD_DATE): 01/01/1925 typed for 01/01/2025 was stored and counted in 1924/25. The
 * refusal names the field, says the bound, and nothing is written; a date of birth is exempt.
 * Every hand-edit method that takes a date of the records is called through the dispatcher.
 */
const TODAY = '2026-11-26';
const EARLY = addDays(EARLIEST_RECORD_DATE, -1);
const refusal = (field: string) => ({
  code: 'invalid_input',
  field,
  message: `${field}: ${formatUkDate(EARLY)} is before ${formatUkDate(EARLIEST_RECORD_DATE)}: no date in this service's records is that early. Check the year.`,
});

async function households(app: TestApp) {
  const make = async (reference: string) =>
    (
      await app.call('households.createHousehold', {
        reference,
        enquiryDate: '2024-01-10',
        surname: reference,
        confirmDuplicates: true,
      })
    ).id;
  const open = await make('OPEN');
  const closed = await make('CLOSED');
  await app.call('households.closeHousehold', {
    id: closed,
    date: '2024-03-01',
    reasonKey: 'other',
    endedBy: 'applicant',
    notes: null,
  });
  const approved = await make('APPROVED');
  await app.call('households.recordMilestone', { id: approved, kind: 'approval', date: '2024-06-01' });
  await app.call('carers.savePerson', { householdId: approved, position: 1, person: { firstName: 'Ann' } });
  await app.call('carers.saveTerms', {
    householdId: approved,
    places: 2,
    ageFrom: 0,
    ageTo: 18,
    shortBreaks: false,
    parentAndChild: false,
  });
  const person = (await app.call('carers.getCarers', { householdId: approved })).people[0]!.id;
  return { open, closed, approved, person };
}

/** Everything a refused call might have written. */
const written = (app: TestApp) =>
  [
    'audit_log',
    'milestones',
    'closures',
    'cessations',
    'exit_interviews',
    'journey_dates',
    'pathway_changes',
    'household_people',
    'place_changes',
    'settings',
    'households',
  ].map((t) => app.ctx.store.db.prepare(`SELECT * FROM ${t}`).all());

describe('hand-typed dates before the records’ earliest date', () => {
  it('are refused by every hand-edit method, naming the field, and nothing is stored', async () => {
    const app = await testApp({ today: TODAY });
    const { open, closed, approved, person } = await households(app);
    const before = written(app);
    const calls: Array<[string, () => Promise<unknown>]> = [
      [
        'enquiryDate',
        () =>
          app.call('households.createHousehold', {
            reference: 'NEW',
            enquiryDate: EARLY,
            confirmDuplicates: true,
          }),
      ],
      ['date', () => app.call('households.recordMilestone', { id: open, kind: 'eoi', date: EARLY })],
      [
        'date',
        () =>
          app.call('households.correctMilestone', {
            id: open,
            kind: 'enquiry',
            date: EARLY,
            reason: 'typed wrong',
          }),
      ],
      ['date', () => app.call('households.recordResponse', { id: open, date: EARLY })],
      [
        'date',
        () =>
          app.call('households.closeHousehold', {
            id: open,
            date: EARLY,
            reasonKey: 'other',
            endedBy: 'applicant',
          }),
      ],
      ['enquiryDate', () => app.call('households.reopenHousehold', { id: closed, enquiryDate: EARLY })],
      [
        'date',
        () =>
          app.call('households.ceaseHousehold', {
            id: approved,
            date: EARLY,
            reasonKey: 'other',
            initiatedBy: 'carer',
          }),
      ],
      [
        'noticeDate',
        () =>
          app.call('households.ceaseHousehold', {
            id: approved,
            noticeDate: EARLY,
            reasonKey: 'other',
            initiatedBy: 'carer',
          }),
      ],
      [
        'offeredDate',
        () => app.call('households.saveExitInterview', { id: closed, status: 'offered', offeredDate: EARLY }),
      ],
      [
        'heldDate',
        () => app.call('households.saveExitInterview', { id: closed, status: 'held', heldDate: EARLY }),
      ],
      ['date', () => app.call('households.switchPathway', { id: open, pathway: 'kinship', date: EARLY })],
      [
        'date',
        () => app.call('households.recordJourneyDate', { id: open, kind: 'stage1_information', date: EARLY }),
      ],
      [
        'person.joinedOn',
        () =>
          app.call('carers.savePerson', {
            householdId: approved,
            position: 2,
            person: { firstName: 'Sam', joinedOn: EARLY },
          }),
      ],
      ['date', () => app.call('carers.recordPersonLeft', { householdId: approved, id: person, date: EARLY })],
      ['date', () => app.call('carers.addPlaceChange', { householdId: approved, date: EARLY, change: 1 })],
      [
        'childrenInCare.asAt',
        () => app.call('carers.saveOfstedSettings', { childrenInCare: { asAt: EARLY, counts: {} } }),
      ],
    ];
    for (const [field, call] of calls) await expect(call()).rejects.toMatchObject(refusal(field));
    expect(written(app)).toEqual(before);
  });

  it('takes the earliest date itself, and a date of birth before it', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      reference: 'EDGE',
      enquiryDate: EARLIEST_RECORD_DATE,
      confirmDuplicates: true,
    });
    const record = await app.call('households.getHousehold', { id });
    expect(record.milestones.find((m) => m.kind === 'enquiry')?.date).toBe(EARLIEST_RECORD_DATE);
    const carers = await app.call('carers.savePerson', {
      householdId: id,
      position: 1,
      person: { firstName: 'Dot', dateOfBirth: '1938-05-04' },
    });
    expect(carers.people[0]!.dateOfBirth).toBe('1938-05-04');
  });
});
