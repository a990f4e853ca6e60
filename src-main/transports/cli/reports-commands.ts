import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportOptionsInput } from '../../contract/reports.ts';
// The shapes without the schemas: the dispatcher loads those when a report is called.
import {
  columnHeading,
  firstHeading,
  formatCell,
  madeNote,
  tableNotes,
  NO_YEAR_TABLES,
  REPORT_PATHWAY_LABELS,
  REPORT_PATHWAYS,
  REPORT_TABLE_LABELS,
  FIXED_PATHWAY_TABLES,
  OWN_COLUMN_TABLES,
  SINGLE_YEAR_TABLES,
  REPORT_TABLES,
  REPORT_FILE_FORMATS,
  REPORT_FILE_FORMAT_LABELS,
  definitionLine,
  type Report,
  type ReportColumn,
  type ReportPathway,
  type ReportRow,
  type ReportTableKey,
} from '../../contract/report-shapes.ts';
import { choiceLines, choicesOf, choose, chooseOption, fyOption } from './choices.ts';
import { DB_OPTION, JSON_OPTION, saveOut, UsageError, type Command } from './command.ts';
import { DEFAULT_PATHWAY, PATHWAY_LABELS } from '../../domain/stages.ts';

/** `heading` says what the row labels are, as the screen and every export head them. */
function textTable(title: string, heading: string, columns: ReportColumn[], rows: ReportRow[]): string[] {
  const head = [heading, ...columns.map(columnHeading)];
  const body = rows.map((r) => [r.label, ...columns.map((c) => formatCell(r.values[c.key] ?? null, r.kind))]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((line) => line[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(head), ...body.map(line)];
}

function printable(r: Report): string {
  return [
    ...textTable(
      `${r.title}\n${r.period} · ${r.pathwayLabel}\n${madeNote(r)}`,
      firstHeading(r.table),
      r.columns,
      r.rows,
    ),
    ...tableNotes(r, r.madeOn),
    ...r.sections.flatMap((s) => [
      '',
      ...textTable(s.title, s.rowHeading, s.columns, s.rows),
      ...tableNotes(s, r.madeOn),
    ]),
    // What each row and mark means, as every file and the screen give it (helper-230: the
    // forecast's conversions and what "(immature)" means were in every output but this one).
    '',
    'Definitions',
    ...r.definitions.map(definitionLine),
  ].join('\n');
}

/*
 * The table and pathway by their keys or as the Reports screen words them ("Drop-out reasons",
 * "All pathways"; a pathway by its short name too, "Kinship"), from the screen's own labels.
 */
const TABLE_CHOICES = choicesOf(REPORT_TABLES, (t) => REPORT_TABLE_LABELS[t]);
const PATHWAY_CHOICES = choicesOf(REPORT_PATHWAYS, (p) =>
  p === 'all' ? REPORT_PATHWAY_LABELS[p] : [REPORT_PATHWAY_LABELS[p], PATHWAY_LABELS[p]],
);
/** A file's format by its extension or as the screen's Save button names it ("Excel", "Word"). */
const FORMAT_CHOICES = choicesOf(REPORT_FILE_FORMATS, (f) => REPORT_FILE_FORMAT_LABELS[f]);

/**
 * Whether `path` is a folder. Any failure to look (no such file, a name too long, a loop of links)
 * is not one: the path is then saved to as a file, and saving says what is wrong in its own words.
 */
function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

export const reportsCommands: Command[] = [
  {
    name: 'report',
    summary: `Print a report table (${REPORT_TABLES.join(', ')}) or save it`,
    usage: `report <${REPORT_TABLES.join('|')}> [--db PATH] [--fy 2024/25 | --from 2020/21 --to 2024/25] [--quarterly] [--pathway mainstream|kinship|all] [--suppress] [--json] [--format xlsx|csv|docx --out FILE]`,
    options: {
      fy: {
        type: 'string',
        value: 'YYYY/YY',
        description:
          'One financial year (the same as --from and --to that year; the ofsted table covers one year)',
      },
      from: {
        type: 'string',
        value: 'YYYY/YY',
        description: 'First financial year (default: five complete years ago)',
      },
      to: {
        type: 'string',
        value: 'YYYY/YY',
        description: 'Last financial year (default: the last complete one)',
      },
      quarterly: { type: 'boolean', description: 'Quarters (Q1 = April to June) instead of years' },
      pathway: {
        type: 'string',
        value: 'mainstream|kinship|all',
        description: 'Pathway (default mainstream), or as the Reports screen words it',
      },
      suppress: {
        type: 'boolean',
        description: 'Show counts of 1 to 4 as "<5" (with secondary suppression)',
      },
      format: {
        type: 'string',
        value: 'xlsx|csv|docx',
        description:
          'Save the table as an Excel, CSV or Word file (needs --out); by its extension or the word: Excel, CSV, Word',
      },
      out: {
        type: 'string',
        value: 'FILE',
        description:
          'Where to save the file; a folder saves it there under the name the Reports screen gives it (funnel-2022-23-2024-25-mainstream-suppressed.xlsx)',
      },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    positionals: [1, 1],
    helpNotes: async () => [
      'TABLE, by its key or as the Reports screen names it:',
      ...choiceLines(TABLE_CHOICES),
    ],
    async run({ call, context, io, options, positionals }) {
      const table = choose(positionals[0]!, TABLE_CHOICES, 'TABLE', 'a report table') as ReportTableKey;
      const chosenPathway = chooseOption(options.pathway, PATHWAY_CHOICES, 'pathway', 'a pathway') as
        ReportPathway | undefined;
      const pathway = chosenPathway ?? DEFAULT_PATHWAY;
      const format = chooseOption(options.format, FORMAT_CHOICES, 'format', 'a file format') as
        (typeof REPORT_FILE_FORMATS)[number] | undefined;
      if ((format === undefined) !== (options.out === undefined)) {
        throw new UsageError('--format and --out go together: --format xlsx --out report.xlsx');
      }
      // Options a table would ignore are refused rather than printed as if they applied.
      if (
        NO_YEAR_TABLES.includes(table) &&
        [options.fy, options.from, options.to].some((v) => v !== undefined)
      ) {
        throw new UsageError(
          'The forecast is always the next four quarters from today: --fy, --from and --to do not apply to it.',
        );
      }
      // The Ofsted return is one year by pathway (its columns mainstream, family and friends, all).
      if (SINGLE_YEAR_TABLES.includes(table)) {
        if (options.quarterly === true)
          throw new UsageError(`--quarterly does not apply to ${table}: it is one financial year.`);
        if (options.pathway !== undefined)
          throw new UsageError(
            `--pathway does not apply to ${table}: its columns are mainstream, family and friends, and all.`,
          );
        if (options.from !== undefined && options.from !== options.to)
          throw new UsageError(
            `The ${table} table is one financial year: give it with --fy (--from and --to would name several, of which it shows the last).`,
          );
      }
      const fixedPathway = FIXED_PATHWAY_TABLES[table];
      if (fixedPathway && chosenPathway !== undefined && chosenPathway !== fixedPathway) {
        throw new UsageError(
          `--pathway ${String(options.pathway)} does not apply to ${table}: it is the ${fixedPathway} pathway's table.`,
        );
      }
      if (OWN_COLUMN_TABLES.includes(table) && options.quarterly === true) {
        throw new UsageError(`--quarterly does not apply to ${table}: its columns are its own.`);
      }
      const fy = fyOption(options.fy, 'fy');
      if (fy !== undefined && (options.from !== undefined || options.to !== undefined)) {
        throw new UsageError('--fy is one year: give it, or --from and --to, not both.');
      }
      const reportOptions: ReportOptionsInput = {
        from: fy ?? fyOption(options.from, 'from'),
        to: fy ?? fyOption(options.to, 'to'),
        quarterly: options.quarterly === true,
        pathway,
        suppress: options.suppress === true,
      };
      const report = await call('reports.getTable', { table, options: reportOptions });
      let savedTo: string | undefined;
      if (format !== undefined && typeof options.out === 'string') {
        const file = await call('reports.exportTable', { tables: [table], options: reportOptions, format });
        // A folder takes the screen's name for the file, which says the years, pathway and whether
        // small numbers are suppressed (file-name.ts), so an internal copy is not sent out for the other.
        const path = isFolder(resolve(options.out))
          ? join(resolve(options.out), file.fileName)
          : resolve(options.out);
        saveOut(path, Buffer.from(file.base64, 'base64'), 'the table', (await context()).store.path);
        savedTo = path;
        // By its title, as the Reports screen heads it: not the command's key ("dropout").
        if (!options.json) io.out(`Saved "${report.title}" to ${path}.`);
      }
      // A script saving into a folder learns the name chosen for the file from `savedTo`.
      if (options.json) io.out(JSON.stringify(savedTo === undefined ? report : { ...report, savedTo }));
      else if (format === undefined) io.out(printable(report));
      return 0;
    },
  },
];
