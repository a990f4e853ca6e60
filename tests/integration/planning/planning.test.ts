import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { tempDir, testApp } from '../../support/temp.ts';
import { tableNotes } from '../../../src-main/contract/report-shapes.ts';
import { rowOf } from '../reports/fixture.ts';
import { addService, TODAY, withFigures } from './fixture.ts';

describe('targets and comparators', () => {
  it('are kept per year and pathway, checked, and shown as rows of the recruitment table and its exports', async () => {
    const app = await testApp({ today: TODAY });
    addService(app);
    await withFigures(app);
    await expect(
      app.call('planning.setFigures', {
        fy: '2025/26',
        figures: [{ basis: 'target', measure: 'approved', value: 2.5 }],
      }),
    ).rejects.toMatchObject({ field: 'figures.0.value', message: expect.stringContaining('whole number') });
    expect((await app.call('planning.getFigures', {})).figures).toHaveLength(5);

    const options = { from: '2024/25', to: '2025/26' };
    const report = await app.call('reports.getTable', { table: 'funnel', options });
    expect(rowOf(report.rows, 'target_enquiries')).toEqual({ '2024/25': null, '2025/26': 12 });
    expect(rowOf(report.rows, 'england_enquiry_to_approved')['2024/25']).toBe(3.5);
    expect(rowOf(report.rows, 'net_change')['2025/26']).toBe(1); // one approval, no cessation
    const target = report.rows.find((r) => r.key === 'target_approved')!;
    expect(target).toMatchObject({
      kind: 'count',
      drillable: false,
      label: 'Target: number of households approved',
    });
    await expect(
      app.call('reports.listHouseholds', {
        table: 'funnel',
        options,
        row: 'target_approved',
        column: '2025/26',
      }),
    ).rejects.toThrow(/not a count of households/);

    const quarterly = await app.call('reports.getTable', {
      table: 'funnel',
      options: { ...options, quarterly: true },
    });
    expect(quarterly.rows.some((r) => r.key.startsWith('target_'))).toBe(false);
    const kinship = await app.call('reports.getTable', {
      table: 'funnel',
      options: { ...options, pathway: 'kinship' },
    });
    expect(kinship.rows.some((r) => r.key.startsWith('target_'))).toBe(false);

    const xlsx = await app.call('reports.exportTable', { tables: ['funnel'], options, format: 'xlsx' });
    const grid = XLSX.utils.sheet_to_json<unknown[]>(
      XLSX.read(Buffer.from(xlsx.base64, 'base64')).Sheets['Recruitment (conversion)']!,
      { header: 1 },
    );
    expect(grid.find((l) => l[0] === 'Target: number of initial enquiries')).toEqual([
      'Target: number of initial enquiries',
      '–',
      12,
    ]);
    const csv = Buffer.from(
      (await app.call('reports.exportTable', { tables: ['funnel'], options, format: 'csv' })).base64,
      'base64',
    ).toString('utf8');
    expect(csv).toContain('England: conversion rate – enquiry to approval (contact),3.5,–');
    const html = Buffer.from(
      (await app.call('reports.exportTable', { tables: ['funnel'], options, format: 'html' })).base64,
      'base64',
    ).toString('utf8');
    expect(html).toContain('Statistical neighbours: number of households approved');
  });

  it('shows a target typed for a year not yet started, where every counted figure of that year is blank', async () => {
    // helper-230: a manager set next year's target and the table showed nothing under next year.
    const app = await testApp({ today: TODAY });
    addService(app);
    await withFigures(app);
    await app.call('planning.setFigures', {
      fy: '2026/27',
      figures: [{ basis: 'target', measure: 'approved', value: 40 }],
    });
    const report = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2025/26', to: '2026/27' },
    });
    expect(rowOf(report.rows, 'target_approved')).toEqual({ '2025/26': 3, '2026/27': 40 });
    expect(rowOf(report.rows, 'approved')['2026/27']).toBe('');
    expect(rowOf(report.rows, 'net_change')['2026/27']).toBe('');
    // A target not typed for it is blank there too, not "–" (helper-231), and a line says why one shows.
    expect(rowOf(report.rows, 'target_enquiries')['2026/27']).toBe('');
    expect(tableNotes(report, report.madeOn)).toContain(
      'Not yet started: a period that starts after 26/11/2025, the day this table was produced; its cells are left blank, as nothing can be counted in it yet (not 0, and no rate), but for a target or comparator typed for it.',
    );
  });

  it('import from a csv, every problem named by row and column, nothing stored unless all is well', async () => {
    const app = await testApp({ today: TODAY });
    const dir = tempDir();
    const bad = join(dir, 'figures.csv');
    writeFileSync(
      bad,
      'Comparator figures\nYear,Comparator,Measure,Value\n2024/25,England,Approvals,1520\n2024-25,Wales,Approvals,3\n2024/25,IFA,Enquiries,lots\n2024/25,England,Approvals,1\n2024/25,Regional,Enquiries,12%\n2024/25,England,Enquiries,2 000\n',
    );
    const refused = await app.call('planning.importFigures', { path: bad });
    expect(refused.imported).toBe(0);
    expect(refused.issues.map((i) => [i.row, i.column])).toEqual([
      [4, 'B'],
      [5, 'D'],
      [6, 'D'],
      [7, 'D'],
      [8, 'D'],
    ]);
    // A space inside a figure is refused, as the Settings grid refuses it (not read as 2000).
    expect(refused.issues[4]!.message).toMatch(/^figures\.csv, row 8, column D: "2 000"/);
    // A per cent sign given for a count is a rate in the wrong row, not 12 enquiries.
    expect(refused.issues[3]!.message).toBe(
      'figures.csv, row 7, column D: "12%": This measure is a number, not a percentage.',
    );
    expect(refused.issues[0]!.message).toBe(
      'figures.csv, row 4, column B: "Wales" is not one of Target, Statistical neighbours, England, Regional, IFA.',
    );
    expect((await app.call('planning.getFigures', {})).figures).toEqual([]);

    const missing = join(dir, 'no-value.csv');
    writeFileSync(missing, 'Year,Comparator,Measure\n2024/25,England,Approvals\n');
    expect((await app.call('planning.importFigures', { path: missing })).issues[0]!.message).toMatch(
      /no-value.csv, row 1: no column headed Value/,
    );

    // A folder, or a file the disk cannot give, is refused in words, never as an internal error.
    const folder = join(dir, 'figures-folder');
    mkdirSync(folder);
    await expect(app.call('planning.importFigures', { path: folder })).rejects.toMatchObject({
      code: 'refused',
      message: 'figures-folder is a folder, not a file: choose the file itself.',
    });
    if (existsSync('/proc/self/mem')) {
      await expect(app.call('planning.importFigures', { path: '/proc/self/mem' })).rejects.toMatchObject({
        code: 'not_found',
        message: 'mem: the file cannot be read.',
      });
    }

    const quote = join(dir, 'quote.csv');
    writeFileSync(
      quote,
      'Year,Comparator,Measure,Value\n2024/25,"England,Approvals,1\n2024/25,IFA,Approvals,2\n',
    );
    expect((await app.call('planning.importFigures', { path: quote })).issues).toEqual([
      { row: 2, column: 'B', message: 'quote.csv, row 2, column B: a quote opens a value and never closes.' },
    ]);

    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      'Year;Pathway;Comparator;Measure;Value\n2024/25;Mainstream;Stat neighbours;Number of households approved;12\n2024/25;;England;Conversion rate;3.4%\n2025/26;;Target;Net change;-2\n',
    );
    expect(await app.call('planning.importFigures', { path: good })).toEqual({ imported: 3, issues: [] });
    expect((await app.call('planning.getFigures', {})).figures).toContainEqual({
      fy: '2025/26',
      pathway: 'mainstream',
      basis: 'target',
      measure: 'net_change',
      value: -2,
    });
    // The minus sign the screen shows a negative figure with (U+2212), copied into a csv: a minus.
    const copied = join(dir, 'copied.csv');
    writeFileSync(copied, 'Year,Comparator,Measure,Value\n2025/26,Target,Net change,\u22123\n');
    expect(await app.call('planning.importFigures', { path: copied })).toEqual({ imported: 1, issues: [] });
    expect((await app.call('planning.getFigures', {})).figures).toContainEqual({
      fy: '2025/26',
      pathway: 'mainstream',
      basis: 'target',
      measure: 'net_change',
      value: -3,
    });

    // A comma groups thousands ("1,200"); a decimal comma ("5,5") is refused, not read as 55 (helper-241).
    const commas = join(dir, 'commas.csv');
    writeFileSync(
      commas,
      'Year,Comparator,Measure,Value\n2024/25,England,Enquiries,"1,200"\n2024/25,England,Conversion rate,"5,5%"\n',
    );
    const r = await app.call('planning.importFigures', { path: commas });
    expect(r.imported).toBe(0);
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([[3, 'D']]);
    expect(r.issues[0]!.message).toMatch(/^commas\.csv, row 3, column D: "5,5%": Give/);
    writeFileSync(commas, 'Year,Comparator,Measure,Value\n2024/25,England,Enquiries,"1,200"\n');
    expect(await app.call('planning.importFigures', { path: commas })).toEqual({ imported: 1, issues: [] });
    expect((await app.call('planning.getFigures', {})).figures).toContainEqual(
      expect.objectContaining({ fy: '2024/25', basis: 'england', measure: 'enquiries', value: 1200 }),
    );
  });
});

describe('the home dashboard', () => {
  it('sets this year to date against the same point last year and the target, each number opening its households', async () => {
    const app = await testApp({ today: TODAY });
    addService(app);
    await withFigures(app);
    const d = await app.call('planning.getDashboard', {});
    expect(d).toMatchObject({
      today: TODAY,
      fy: '2025/26',
      lastFy: '2024/25',
      sameDayLastYear: '2024-11-26',
    });
    const enquiries = d.yearToDate.find((r) => r.key === 'enquiries')!;
    expect(enquiries.thisYear.value).toBe(4); // A1, A3, A4, A5
    expect(enquiries.lastYear.value).toBe(2); // A2, B1 (B2 is after 26/11/2024)
    expect(enquiries.target).toBe(12);
    expect(enquiries.targetToDate).toBeCloseTo((12 * 240) / 365, 1);
    expect(enquiries.status).toBe('off_track');
    const approved = d.yearToDate.find((r) => r.key === 'approved')!;
    expect(approved.thisYear.value).toBe(1);
    expect(d.yearToDate.find((r) => r.key === 'net_change')!.thisYear.value).toBe(1);

    const list = async (drill: string) =>
      (await app.call('planning.listHouseholds', { drill })).households.map((h) => h.reference).sort();
    expect(await list(enquiries.thisYear.drill)).toEqual(['A1', 'A3', 'A4', 'A5']);
    expect(await list(enquiries.lastYear.drill)).toEqual(['A2', 'B1']);

    expect(d.pipeline.map((p) => [p.stage, p.count.value])).toEqual([
      ['enquiry', 3],
      ['eoi', 1],
      ['stage1', 0],
      ['stage2', 0],
      ['panel', 0],
    ]);
    expect(await list(d.pipeline[0]!.count.drill)).toEqual(['A3', 'B1', 'B2']);

    expect(d.forecast.quarters.map((q) => q.key)).toEqual([
      '2025/26 Q3',
      '2025/26 Q4',
      '2026/27 Q1',
      '2026/27 Q2',
    ]);
    expect(d.forecast.approvedSoFar.value).toBe(1);
    expect(d.forecast.target).toBe(3);
    expect(d.forecast.year.low).toBeGreaterThanOrEqual(1);
    // No household entered Panel in the training years (2022/23 to 2024/25) and moved on: the open
    // households' walk stops there, so there is no forecast and no status against the target.
    expect(d.forecast).toMatchObject({ none: true, status: null, forecastFrom: 0 });
    expect(d.forecast.open.value).toBe(4);
    expect(await list(d.forecast.open.drill)).toEqual(['A1', 'A3', 'B1', 'B2']);

    expect(d.dropouts.top).toEqual([
      {
        reason: 'lost_contact',
        label: 'Lost contact / no response',
        rank: 1,
        joint: false,
        count: { value: 2, drill: 'dropouts:lost_contact' },
      },
    ]);
    expect(d.dropouts.more).toBeNull();
    expect(await list(d.dropouts.total.drill)).toEqual(['A4', 'A5']);

    expect(d.kinship.deadlines).toEqual([
      expect.objectContaining({
        reference: 'K1',
        due: '2025-12-10',
        label: 'Kinship temporary approval, first limit',
      }),
    ]);
    expect(await list(d.kinship.count.drill)).toEqual(['K1']);

    expect(d.alerts.overdue.value).toBeGreaterThan(0);
    expect((await app.call('planning.listHouseholds', { drill: d.alerts.overdue.drill })).total).toBe(
      d.alerts.overdue.value,
    );

    expect(d.comparators.fy).toBe('2024/25');
    expect(d.comparators.rows.map((r) => [r.measure, r.actual, r.figures.map((f) => f.value)])).toEqual([
      ['approved', 0, [12]],
      ['enquiry_to_approved', 0, [3.5]],
    ]);
    await expect(app.call('planning.listHouseholds', { drill: 'nonsense' })).rejects.toThrow(
      /no number "nonsense"/,
    );
  });
});
