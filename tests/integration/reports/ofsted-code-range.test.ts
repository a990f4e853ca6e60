import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * Ofsted's withdrawal codes are AW0 to AW5 and nothing else: a drop-out reason given any other
 * code (AW7 passed the contract's check) made its withdrawals vanish from Applications withdrawn,
 * which counts only the six codes (and withdrawals after panel).
 */
describe('a drop-out reason takes only one of Ofsted’s withdrawal codes', () => {
  it('refuses AW6 to AW9, beside the field, and the withdrawal still counts', async () => {
    const app = await testApp({ today: '2026-11-26' });
    for (const code of ['AW6', 'aw9', 'AW10']) {
      const added = await app
        .call('reasons.addReason', { list: 'dropout', label: `Moved away ${code}`, ofstedCode: code })
        .catch((e: unknown) => e);
      expect(added).toBeInstanceOf(ApiError);
      expect(added).toMatchObject({ code: 'invalid_input', field: 'ofstedCode' });
      const updated = await app
        .call('reasons.updateReason', { list: 'dropout', key: 'housing', ofstedCode: code })
        .catch((e: unknown) => e);
      expect(updated).toMatchObject({ code: 'invalid_input', field: 'ofstedCode' });
    }
    addHousehold(app.ctx.store.db, {
      reference: 'W1',
      episodes: [
        {
          milestones: { enquiry: '2024-04-10', stage1: '2024-05-01' },
          closure: { date: '2024-09-01', stage: 'stage1', reason: 'housing', endedBy: 'applicant' },
        },
      ],
    });
    const rows = (await app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } })).rows;
    expect(rowOf(rows, 'applications_withdrawn').mainstream).toBe(1);
    expect(rowOf(rows, 'withdrawn_aw3').mainstream).toBe(1);
  });
});
