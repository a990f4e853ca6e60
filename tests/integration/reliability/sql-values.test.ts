import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-main/contract/index.ts';
import { testApp } from '../../support/temp.ts';
import { recordSql } from '../../support/sql-spy.ts';

/**
 * The runtime half of "every query is parameterised": every SQL text the core prepares is
 * recorded while methods are called with a marker (with quotes, to break any SQL it landed
 * in) in every text field, a financial year and dates; none of them may appear in any SQL.
 */
const MARK = `Zq'x"MARK`;
const has = (m: string) => Object.keys(contract).includes(m);

describe('no user value reaches SQL text', () => {
  it('markers in names, notes, searches, reason labels, references, imported cells and report years stay out of every prepared statement', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('system.generateSample', { households: 120, seed: 31 });
    const db = app.ctx.store.db;
    const { seen, stop } = recordSql(db, { exec: true });

    const call = app.call as unknown as (m: string, i: unknown) => Promise<unknown>;
    const attempt = async (m: string, input: unknown) => {
      // A method that is not in the contract is a failure here, never a silent skip.
      expect(has(m), `contract method ${m}`).toBe(true);
      await call(m, input).catch(() => null);
    };
    const households = MARK.slice(0, 30);
    await attempt('households.createHousehold', {
      reference: `R-${households}`,
      enquiryDate: '2025-05-01',
      firstName: MARK,
      surname: MARK,
      email: `${MARK}@example.org`,
      postcode: 'LS1 1AA',
      notes: MARK,
      source: MARK,
      confirmDuplicates: true,
    });
    await attempt('households.listHouseholds', { search: MARK, source: MARK, fy: '2023/24' });
    await attempt('households.exportList', { search: MARK, format: 'csv' });
    await attempt('households.findDuplicates', {
      email: MARK,
      firstName: MARK,
      surname: MARK,
      postcode: MARK,
    });
    await attempt('households.updateDetails', { id: 1, notes: MARK, surname: MARK });
    await attempt('households.closeHousehold', {
      id: 2,
      date: '2026-01-05',
      reasonKey: MARK,
      endedBy: 'service',
      notes: MARK,
    });
    await attempt('reasons.addReason', { list: 'dropout', label: MARK });
    await attempt('data.exportHousehold', { reference: MARK, format: 'json' });
    await attempt('data.listPurgeDue', {});
    {
      const { REPORT_TABLES } = await import('../../../src-main/contract/reports.ts');
      for (const table of REPORT_TABLES) {
        await attempt('reports.getTable', {
          table,
          options: { from: '2022/23', to: '2025/26', pathway: 'kinship', quarterly: true },
        });
      }
    }
    {
      const file = join(app.dir, 'marker.csv');
      writeFileSync(
        file,
        `Reference,Enquiry date,First name,Surname,Source\r\nM1,01/05/2025,"${MARK.replace(/"/g, '""')}",${MARK.replace(/"/g, '')},${MARK.replace(/"/g, '')}\r\n`,
      );
      await attempt('imports.importFile', { path: file, kind: 'enquiries' });
    }

    stop();
    expect(seen.length).toBeGreaterThan(20);
    const leaks = seen.filter((sql) => /MARK|2022\/23|2025\/26|2022-04-01|2026-01-05/i.test(sql));
    expect(leaks).toEqual([]);
    // And the marker was really stored through bound parameters.
    expect(
      db.prepare('SELECT COUNT(*) FROM households WHERE surname = ? OR notes = ?').pluck().get(MARK, MARK),
    ).toBeGreaterThan(0);
  });
});
