import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatUkDate,
  formatUkDateTime,
  isValidIsoDate,
  parseUkDate,
} from '../../../src-main/domain/dates.ts';
import {
  fyEnd,
  fyOf,
  fyRange,
  fyStart,
  isFinancialYear,
  lastCompleteYears,
  quarterOf,
  quarterRange,
} from '../../../src-main/domain/financial-year.ts';
import { checkMilestoneOrder } from '../../../src-main/domain/order-rules.ts';
import { DEFAULT_LEAVING_REASONS, defaultCessationInitiator } from '../../../src-main/domain/reasons.ts';
import { stageReached } from '../../../src-main/domain/stages.ts';
import { summarise } from '../../../src-main/domain/summary.ts';
import { neutraliseFormula, toCsv } from '../../../src-main/export/safe-cells.ts';

describe('financial years', () => {
  it('puts 31 March in the old year and 1 April in the new one', () => {
    expect(fyOf('2025-03-31')).toBe('2024/25');
    expect(fyOf('2025-04-01')).toBe('2025/26');
    expect(fyOf('1999-12-31')).toBe('1999/00');
  });
  it('numbers quarters from April', () => {
    expect(quarterOf('2024-04-01')).toBe('2024/25 Q1');
    expect(quarterOf('2024-09-30')).toBe('2024/25 Q2');
    expect(quarterOf('2024-12-31')).toBe('2024/25 Q3');
    expect(quarterOf('2025-03-31')).toBe('2024/25 Q4');
    expect(quarterRange('2023/24', 4)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });
  it('knows its bounds, ranges and the last five complete years', () => {
    expect([fyStart('2024/25'), fyEnd('2024/25')]).toEqual(['2024-04-01', '2025-03-31']);
    expect(fyRange('2021/22', '2023/24')).toEqual(['2021/22', '2022/23', '2023/24']);
    expect(lastCompleteYears('2026-11-26')).toEqual({ from: '2021/22', to: '2025/26' });
    expect(isFinancialYear('2024/25')).toBe(true);
    expect(isFinancialYear('2024/26')).toBe(false);
  });
});

describe('dates', () => {
  it('rejects impossible dates and accepts leap days', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-31')).toBe(false);
  });
  it('formats the UK way and adds months without overflowing', () => {
    expect(formatUkDate('2024-03-05')).toBe('05/03/2024');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
  it('gives a stored moment on the UK clock: GMT in winter, BST in summer, across both changes', () => {
    expect(formatUkDateTime('2026-11-26T06:20:01.123Z')).toBe('26/11/2026 06:20');
    expect(formatUkDateTime('2026-07-30T09:05:00.000Z')).toBe('30/07/2026 10:05');
    // An evening in summer is the next day here.
    expect(formatUkDateTime('2026-07-30T23:30:00.000Z')).toBe('31/07/2026 00:30');
    // Clocks go forward at 01:00 GMT on 29/03/2026 and back at 01:00 GMT on 25/10/2026.
    expect(formatUkDateTime('2026-03-29T00:59:00.000Z')).toBe('29/03/2026 00:59');
    expect(formatUkDateTime('2026-03-29T01:00:00.000Z')).toBe('29/03/2026 02:00');
    expect(formatUkDateTime('2026-10-25T00:59:00.000Z')).toBe('25/10/2026 01:59');
    expect(formatUkDateTime('2026-10-25T01:00:00.000Z')).toBe('25/10/2026 01:00');
    // A backup's time, read from its file name, has no seconds' fraction to lose.
    expect(formatUkDateTime('2026-06-01T12:00:00.000Z')).toBe('01/06/2026 13:00');
  });
  it('reads a typed date the UK way (day first), never as mm/dd, and refuses days that do not exist', () => {
    expect(parseUkDate('05/03/2024')).toBe('2024-03-05');
    expect(parseUkDate(' 5.3.2024 ')).toBe('2024-03-05');
    expect(parseUkDate('05-03-2024')).toBe('2024-03-05');
    expect(parseUkDate('05032024')).toBe('2024-03-05');
    expect(parseUkDate('2024-03-05')).toBe('2024-03-05');
    expect(parseUkDate('13/12/2024')).toBe('2024-12-13');
    expect(parseUkDate('12/13/2024')).toBeNull();
    expect(parseUkDate('29/02/2023')).toBeNull();
    expect(parseUkDate('29/02/2024')).toBe('2024-02-29');
    expect(parseUkDate('05/03/24')).toBeNull();
    expect(parseUkDate('')).toBeNull();
    expect(parseUkDate('March 5')).toBeNull();
  });
});

describe('order rules', () => {
  const today = '2026-01-01';
  it('accepts dates in order and Stage 2 overlapping a Stage 1 still running', () => {
    expect(
      checkMilestoneOrder(
        { enquiry: '2024-01-01', eoi: '2024-02-01', stage1: '2024-03-01', stage2: '2024-03-01' },
        today,
      ),
    ).toEqual([]);
  });
  it('names the field that is out of order and the one it must follow', () => {
    const v = checkMilestoneOrder(
      { enquiry: '2024-01-01', stage1: '2024-03-01', stage2: '2024-02-01' },
      today,
    );
    expect(v).toEqual([
      { field: 'stage2', message: 'Stage 2 date 01/02/2024 is before the Stage 1 date 01/03/2024.' },
    ]);
  });
  it('refuses future dates', () => {
    expect(checkMilestoneOrder({ enquiry: '2026-01-02' }, today)[0]?.field).toBe('enquiry');
  });
});

describe('where a household stands', () => {
  it('derives the stage reached from milestones, ignoring the initial visit', () => {
    expect(stageReached(['enquiry', 'initial_visit'])).toBe('enquiry');
    expect(stageReached(['enquiry', 'eoi', 'stage1'])).toBe('stage1');
  });
  it('reads only the current episode after a re-opening', () => {
    const s = summarise({
      episode: 2,
      milestones: [
        { kind: 'enquiry', date: '2022-01-01', episode: 1 },
        { kind: 'eoi', date: '2022-02-01', episode: 1 },
        { kind: 'enquiry', date: '2024-05-01', episode: 2 },
      ],
      closure: { episode: 1, date: '2022-06-01', stageReached: 'eoi' },
    });
    expect(s).toEqual({
      status: 'open',
      stage: 'enquiry',
      stageDate: '2024-05-01',
      enquiryDate: '2024-05-01',
    });
  });
  it('puts cessation over approval over closure', () => {
    const milestones = [
      { kind: 'enquiry' as const, date: '2020-01-01', episode: 1 },
      { kind: 'approval' as const, date: '2021-01-01', episode: 1 },
    ];
    expect(summarise({ episode: 1, milestones }).status).toBe('approved');
    expect(summarise({ episode: 1, milestones, cessation: { date: '2023-01-01' } })).toMatchObject({
      status: 'ceased',
      stageDate: '2023-01-01',
    });
  });
  it("takes a cessation no one said the initiator of as the carer's, but a safeguarding termination as the service's", () => {
    const service = DEFAULT_LEAVING_REASONS.filter((r) => defaultCessationInitiator(r.key) === 'service');
    expect(service.map((r) => r.key)).toEqual(['safeguarding_termination']);
    expect(defaultCessationInitiator('a_reason_the_service_added')).toBe('carer');
  });
});

describe('formula-safe cells', () => {
  it('prefixes every formula starter and nothing else', () => {
    for (const bad of ['=1+1', '+44', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    expect(neutraliseFormula('Zoë Brontë')).toBe('Zoë Brontë');
  });
  it('writes CSV with a BOM, quoting and neutralised cells', () => {
    expect(toCsv([['a,b', '=cmd', 3]])).toBe('\uFEFF"a,b",\'=cmd,3\r\n');
  });
});
