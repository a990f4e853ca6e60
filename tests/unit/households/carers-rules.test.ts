import { describe, expect, it } from 'vitest';
import { identifies, importedPlaces, samePerson } from '../../../src-main/domain/carers.ts';

/** Who a register's carer is: a full name, else a date of birth; never the position alone. */
describe('samePerson', () => {
  it('matches a full name whatever its case, spacing and punctuation, unless the dates of birth differ', () => {
    const mark = { first_name: 'Mark', surname: 'Ashby', date_of_birth: '1968-07-01' };
    expect(samePerson({ first_name: ' mark', surname: 'ASHBY.' }, mark)).toBe(true);
    expect(samePerson({ first_name: 'Mark', surname: 'Ashby', date_of_birth: '1968-07-01' }, mark)).toBe(
      true,
    );
    expect(samePerson({ first_name: 'Mark', surname: 'Ashby', date_of_birth: '1990-01-01' }, mark)).toBe(
      false,
    );
    expect(samePerson({ first_name: 'Sam', surname: 'Ashby' }, mark)).toBe(false);
  });
  it('without a full name on either side, only the same date of birth is the same person', () => {
    expect(
      samePerson({ surname: 'Ashby', date_of_birth: '1968-07-01' }, { date_of_birth: '1968-07-01' }),
    ).toBe(true);
    expect(samePerson({ surname: 'Ashby' }, { first_name: 'Mark', surname: 'Ashby' })).toBe(false);
    expect(identifies({ surname: 'Ashby' })).toBe(false);
    expect(identifies({ date_of_birth: '1968-07-01' })).toBe(true);
  });
});

/** A register gives the places it has now: a household's first places are at approval, a later number a change. */
describe('importedPlaces', () => {
  it('sets the places at approval when none are held or the household is not approved', () => {
    expect(
      importedPlaces(2, { atApproval: null, today: 0, approved: true, ceased: false, before: [] }),
    ).toEqual({
      atApproval: 2,
    });
    expect(
      importedPlaces(2, { atApproval: 1, today: 1, approved: false, ceased: false, before: [] }),
    ).toEqual({
      atApproval: 2,
    });
  });
  it('is a change by the difference from the places held today, or nothing when they agree', () => {
    expect(importedPlaces(3, { atApproval: 2, today: 2, approved: true, ceased: false, before: [] })).toEqual(
      { change: 1 },
    );
    expect(importedPlaces(1, { atApproval: 2, today: 3, approved: true, ceased: false, before: [] })).toEqual(
      {
        change: -2,
      },
    );
    expect(
      importedPlaces(3, { atApproval: 2, today: 3, approved: true, ceased: false, before: [] }),
    ).toBeNull();
  });
  it('leaves the places held today when the file gives a number held before a later change (an older register)', () => {
    expect(
      importedPlaces(2, { atApproval: 2, today: 3, approved: true, ceased: false, before: [2] }),
    ).toEqual({
      older: true,
    });
    expect(
      importedPlaces(4, { atApproval: 2, today: 3, approved: true, ceased: false, before: [2] }),
    ).toEqual({
      change: 1,
    });
    // A ceased household's places do not change after it.
    expect(
      importedPlaces(4, { atApproval: 2, today: 3, approved: true, ceased: true, before: [2] }),
    ).toBeNull();
  });
});
