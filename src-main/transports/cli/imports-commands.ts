import { resolve } from 'node:path';
import { toApiError } from '../../api/registry.ts';
import type { ImportResult, RowIssue } from '../../contract/imports.ts';
import type { Command } from './command.ts';
import { DB_OPTION, JSON_OPTION, UsageError, intOption } from './command.ts';

const KINDS = ['enquiries', 'carers', 'auto'] as const;

const issueLine = (kind: string, i: RowIssue) =>
  `  ${kind} ${i.row === null ? 'file' : `row ${i.row}`}${i.column ? `, ${i.column}` : ''}: ${i.message}`;

function summary(r: ImportResult, dryRun: boolean): string {
  const head =
    r.batch !== null
      ? `Imported as batch ${r.batch} (${r.kind}).`
      : dryRun
        ? `Dry run (${r.kind}): nothing was written.`
        : `Refused (${r.kind}): nothing was written.`;
  return [
    head,
    `Rows ${r.rows}: new ${r.new}, updated ${r.updated}, unchanged ${r.unchanged}, duplicates ${r.duplicates}, rejected ${r.rejected}.`,
    ...r.errors.map((i) => issueLine('error', i)),
    ...r.warnings.map((i) => issueLine('warning', i)),
  ].join('\n');
}

export const importsCommands: Command[] = [
  {
    name: 'import',
    summary: 'Import an enquiry export or carers register (xlsx, xls, ods, csv)',
    usage:
      'import FILE [--db PATH] [--sheet NAME] [--profile NAME] [--kind enquiries|carers|auto] [--dry-run] [--json]',
    options: {
      sheet: {
        type: 'string',
        value: 'NAME',
        description: 'Sheet to read (default: the first with a header row)',
      },
      profile: { type: 'string', value: 'NAME', description: 'Saved column mapping to use' },
      kind: { type: 'string', value: 'KIND', description: 'enquiries, carers or auto (default auto)' },
      'dry-run': { type: 'boolean', description: 'Show what would change; write nothing' },
      overwrite: { type: 'boolean', description: 'Let imported values replace values entered by hand' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    positionals: [1, 1],
    async run({ call, io, options, positionals }) {
      const kind = (options.kind ?? 'auto') as (typeof KINDS)[number];
      if (!KINDS.includes(kind)) throw new UsageError('--kind must be enquiries, carers or auto.');
      const dryRun = options['dry-run'] === true;
      let r: ImportResult;
      try {
        r = await call('imports.importFile', {
          path: resolve(positionals[0]!),
          sheet: typeof options.sheet === 'string' ? options.sheet : undefined,
          profile: typeof options.profile === 'string' ? options.profile : undefined,
          kind,
          dryRun,
          overwriteHand: options.overwrite === true,
        });
      } catch (e) {
        const err = toApiError(e);
        if (!options.json) throw err;
        const none: ImportResult = {
          batch: null,
          kind: kind === 'carers' ? 'carers' : 'enquiries',
          rows: 0,
          new: 0,
          updated: 0,
          unchanged: 0,
          duplicates: 0,
          rejected: 0,
          warnings: [],
          errors: [{ row: null, column: null, message: err.message }],
        };
        io.out(JSON.stringify(none));
        io.err(err.message);
        return 1;
      }
      io.out(options.json ? JSON.stringify(r) : summary(r, dryRun));
      return r.batch !== null || (dryRun && r.rejected < r.rows) ? 0 : 1;
    },
  },
  {
    name: 'undo-import',
    summary: 'Undo one import batch (refused if later edits depend on it)',
    usage: 'undo-import BATCH [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    positionals: [1, 1],
    async run({ call, io, options, positionals }) {
      const batchId = intOption(positionals[0], 'BATCH');
      const r = await call('imports.undoImport', { batchId });
      io.out(
        options.json
          ? JSON.stringify(r)
          : `Undid import ${r.batchId}: ${r.removed} households removed, ${r.households} restored.`,
      );
      return 0;
    },
  },
  {
    name: 'imports',
    summary: 'List import batches, newest first',
    usage: 'imports [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run({ call, io, options }) {
      const batches = await call('imports.listBatches', {});
      if (options.json) {
        io.out(JSON.stringify({ batches }));
        return 0;
      }
      if (batches.length === 0) io.out('No imports yet.');
      for (const b of batches) {
        io.out(
          `${String(b.id).padStart(4)}  ${b.createdAt.slice(0, 16).replace('T', ' ')}  ${b.fileName}  ${b.kind}  rows ${b.rows}: new ${b.new}, updated ${b.updated}, unchanged ${b.unchanged}, duplicates ${b.duplicates}, rejected ${b.rejected}${b.undoneAt ? '  (undone)' : ''}`,
        );
      }
      return 0;
    },
  },
];
