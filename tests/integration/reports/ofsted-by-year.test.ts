import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { testApp } from '../../support/temp.ts';

/**
 * A year's return prints what that year's collection asked for: the withdrawal codes from 2023-24
 * ("optional reasons since 2023-24"), carers' ethnicity, sex, religion, sexual orientation, gender
 * identity and relationship status from 2024-25; their age band and disability every year.
 */
const LATER = [
  'sex',
  'ethnicity',
  'religion',
  'sexual_orientation',
  'gender_identity',
  'relationship_status',
];

describe('the Ofsted return of each year', () => {
  it('prints only the items that year’s collection asked for, on screen, in its definitions and in Excel', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('system.generateSample', { households: 300, seed: 5 });
    const shape = async (fy: string) => {
      const options = { from: fy, to: fy, suppress: false };
      const r = await app.call('reports.getTable', { table: 'ofsted', options });
      const file = await app.call('reports.exportTable', { tables: ['ofsted'], options, format: 'xlsx' });
      const sheet = XLSX.read(Buffer.from(file.base64, 'base64')).Sheets['Ofsted data collection']!;
      const firstCells = XLSX.utils
        .sheet_to_json<unknown[]>(sheet, { header: 1, defval: null })
        .map((row) => String(row[0] ?? ''));
      return {
        codes: r.rows.filter((x) => x.key.startsWith('withdrawn_aw')).length,
        codeDefinitions: r.definitions.filter((d) => d.key.startsWith('withdrawn_aw')).length,
        sections: r.sections.map((s) => s.key.replace('characteristics_', '')),
        reasonsPart: firstCells.includes('Reasons for withdrawal (optional)'),
        withdrawn: r.rows.some((x) => x.key === 'applications_withdrawn'),
      };
    };
    expect(await shape('2022/23')).toEqual({
      codes: 0,
      codeDefinitions: 0,
      sections: ['age', 'disability'],
      reasonsPart: false,
      withdrawn: true,
    });
    expect(await shape('2023/24')).toEqual({
      codes: 6,
      codeDefinitions: 6,
      sections: ['age', 'disability'],
      reasonsPart: true,
      withdrawn: true,
    });
    const now = await shape('2024/25');
    expect(now).toMatchObject({ codes: 6, codeDefinitions: 6, reasonsPart: true });
    expect(now.sections.sort()).toEqual(['age', 'disability', ...LATER].sort());
  });
});
