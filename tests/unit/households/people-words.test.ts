import { describe, expect, it } from 'vitest';
import { foundByWords, peopleWord, personLabel } from '../../../src-main/domain/carers.ts';

// One source for what a household calls its people (the record's Carers section, the households
// list beside a name a search found by a carer, the CLI's list): "Applicant" before approval,
// "Carer" once approved and after it ceased; "(left)" for one who left.
describe('what a household’s people are called', () => {
  it('is Applicant before approval (open or closed) and Carer once approved, ceased too', () => {
    expect(peopleWord('open')).toBe('Applicant');
    expect(peopleWord('closed')).toBe('Applicant');
    expect(peopleWord('approved')).toBe('Carer');
    expect(peopleWord('ceased')).toBe('Carer');
    expect(personLabel('open', 2)).toBe('Applicant 2');
    expect(personLabel('approved', 1, true)).toBe('Carer 1 (left)');
  });

  it('says who a search found a household by, each person by position, those who left so marked', () => {
    const found = [
      { name: 'Ann Smith', position: 2, left: false },
      { name: "Tom O'Smithers", position: 1, left: true },
    ];
    expect(foundByWords('open', found)).toBe("Applicant 2: Ann Smith; Applicant 1 (left): Tom O'Smithers");
    expect(foundByWords('ceased', found.slice(0, 1))).toBe('Carer 2: Ann Smith');
  });
});
