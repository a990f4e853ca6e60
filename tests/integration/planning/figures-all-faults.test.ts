import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp } from '../../support/temp.ts';
import { TODAY, withFigures } from './fixture.ts';

/**
 * Settings → targets: a save with several boxes the core cannot store is refused with every one
 * named, as the screen refuses words in them (helper-265: 10.5 households and a rate of 150 %
 * together said only "Give a whole number."). Nothing is stored.
 */
describe('targets refused', () => {
  it('names every box at fault at once, in the message the form shows and field by field', async () => {
    const app = await testApp({ today: TODAY });
    await withFigures(app);
    const e = await app
      .call('planning.setFigures', {
        fy: '2025/26',
        figures: [
          { basis: 'target', measure: 'enquiries', value: 12 },
          { basis: 'target', measure: 'approved', value: 10.5 },
          { basis: 'england', measure: 'enquiry_to_approved', value: 150 },
        ],
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(ApiError);
    const body = (e as ApiError).toJSON();
    const whole = 'Target, Number of households approved: Give a whole number.';
    const rate =
      'England, Conversion rate – enquiry to approval (contact): A rate is a percentage from 0 to 100.';
    expect(body).toEqual({
      code: 'invalid_input',
      message: `${whole} ${rate}`,
      field: 'figures.1.value',
      issues: [
        { field: 'figures.1.value', message: whole },
        { field: 'figures.2.value', message: rate },
      ],
    });
    expect((await app.call('planning.getFigures', {})).figures).toHaveLength(5);
  });
});
