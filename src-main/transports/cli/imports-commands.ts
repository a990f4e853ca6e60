import { basename, resolve } from 'node:path';
import { toApiError } from '../../api/registry.ts';
import {
  columnLetters,
  IMPORT_KIND_LABELS,
  issueColumnNamer,
  nothingToImport,
} from '../../contract/import-issues.ts';
import type { ImportResult, RowIssue } from '../../contract/imports.ts';
import { formatUkDateTime } from '../../domain/dates.ts';
import { countOf } from '../../domain/words.ts';
import { choicesOf, chooseOption } from './choices.ts';
import type { Command } from './command.ts';
import { DB_OPTION, EXIT_INCOMPLETE, JSON_OPTION, UsageError, intOption } from './command.ts';

const KINDS = ['enquiries', 'carers', 'auto'] as const;
/** Each kind by its key or as Past imports names it ("Carers register"); auto, to detect it, has no label. */
const KIND_CHOICES = choicesOf(KINDS, (k) => (k === 'auto' ? [] : IMPORT_KIND_LABELS[k]));

/** One problem as a line: its row, and its column as the Import screen names it ("B (Date of enquiry)"). */
const issueLine = (kind: string, i: RowIssue, column: (header: string) => string) =>
  `  ${kind} ${i.row === null ? 'file' : `row ${i.row}`}${i.column ? `, ${column(i.column)}` : ''}: ${i.message}`;

/**
 * A dry run's columns, as the Import screen's mapping table gives them: each column's letter and
 * header, the field it fills and how that was chosen, so a file can be checked before it is imported.
 */
async function columnLines(r: ImportResult): Promise<string[]> {
  if (r.mapping.length === 0) return [];
  const { FIELD_LABELS } = await import('../../import/records/fields.ts');
  const label = (f: string) => FIELD_LABELS[f as keyof typeof FIELD_LABELS] ?? f;
  return [
    'Columns:',
    ...r.mapping
      .filter((m) => m.header)
      .map((m) => {
        const how =
          m.tied.length > 0 && m.field === null
            ? `could be ${m.tied.map(label).join(' or ')}: choose with --map`
            : m.field === null
              ? 'not imported'
              : `${label(m.field)}${m.byValues ? ` (its cells are ${m.byValues})` : ''}`;
        return `  ${columnLetters(m.column + 1)} "${m.header}": ${how}`;
      }),
  ];
}

function summary(r: ImportResult, dryRun: boolean, file: string, columns: readonly string[]): string {
  const column = issueColumnNamer(r.headers);
  const nothing = nothingToImport(file, r);
  const kind = IMPORT_KIND_LABELS[r.kind];
  const head =
    r.batch !== null
      ? `Imported as batch ${r.batch} (${kind}).`
      : dryRun
        ? `Dry run (${kind}): nothing was written.`
        : nothing
          ? `${nothing} Nothing was written (${kind}).`
          : `Refused (${kind}): nothing was written.`;
  return [
    head,
    `Rows ${r.rows}: new ${r.new}, updated ${r.updated}, unchanged ${r.unchanged}, duplicates ${r.duplicates}, rejected ${r.rejected}.`,
    ...columns,
    ...r.errors.map((i) => issueLine('error', i, column)),
    ...r.warnings.map((i) => issueLine('warning', i, column)),
    // As the Import screen lists them: the CLI said nothing of them (found by a review helper).
    ...r.nearMatches.map(
      (m) =>
        `  possible duplicate row ${m.row} (${m.reference}): looks like ${m.matchId === null ? `row ${m.matchRow} (${m.matchReference}) of this file` : `household ${m.matchReference}`}, ${m.why}; ${r.batch !== null ? 'imported' : 'would be imported'} as a new household, not merged.`,
    ),
  ].join('\n');
}

// The import's field list and header matching load only when a command needs them: building their
// tables was a large part of every command's start-up.
const fieldKeys = async () => (await import('../../import/records/field-keys.ts')).IMPORT_FIELDS.join(', ');

/** `"Foster Carer No.=reference"` → header and field; the last `=` splits (headers may hold one). */
async function parseMap(text: string): Promise<{ header: string; field: string | null }> {
  const cut = text.lastIndexOf('=');
  const header = cut > 0 ? text.slice(0, cut).trim() : '';
  const value = cut > 0 ? text.slice(cut + 1).trim() : '';
  if (!header) throw new UsageError(`--map needs "Column header=field", not "${text}".`);
  if (value === '' || /^(none|-|not imported)$/i.test(value)) return { header, field: null };
  const { fieldNamed } = await import('../../import/records/mapping.ts');
  const field = fieldNamed(value);
  if (!field)
    throw new UsageError(`--map "${text}": "${value}" is not a field. Fields: ${await fieldKeys()}.`);
  return { header, field };
}

export const importsCommands: Command[] = [
  {
    name: 'import',
    summary: 'Import an enquiry export or carers register (xlsx, xls, ods, csv)',
    usage:
      'import FILE [--db PATH] [--sheet NAME] [--profile NAME] [--map "Column header=field"]... [--save-profile NAME] [--kind enquiries|carers|auto] [--dry-run] [--overwrite] [--json]',
    options: {
      sheet: {
        type: 'string',
        value: 'NAME',
        description: 'Sheet to read (default: the first with a header row)',
      },
      profile: { type: 'string', value: 'NAME', description: 'Saved column mapping to use' },
      map: {
        type: 'string',
        value: '"HEADER=FIELD"',
        multiple: true,
        description:
          'Import the column with this header as FIELD (repeatable; FIELD "none" leaves it out; the fields are listed below)',
      },
      'save-profile': {
        type: 'string',
        value: 'NAME',
        description: 'Save the mapping used under NAME, for files with the same headers',
      },
      kind: {
        type: 'string',
        value: 'KIND',
        description: 'enquiries, carers (or as Past imports words them) or auto (default auto)',
      },
      'dry-run': { type: 'boolean', description: 'Show what would change; write nothing' },
      overwrite: { type: 'boolean', description: 'Let imported values replace values entered by hand' },
      ...DB_OPTION,
      ...JSON_OPTION,
    },
    helpNotes: async () => [`Fields: ${await fieldKeys()}`],
    positionals: [1, 1],
    async run({ call, io, options, lists, positionals }) {
      const kind = (chooseOption(options.kind, KIND_CHOICES, 'kind', 'a kind of file') ??
        'auto') as (typeof KINDS)[number];
      const dryRun = options['dry-run'] === true;
      const map = await Promise.all((lists.map ?? []).map(parseMap));
      const saveProfileAs = options['save-profile'];
      if (saveProfileAs !== undefined && (typeof saveProfileAs !== 'string' || !saveProfileAs.trim()))
        throw new UsageError('--save-profile needs a name.');
      if (saveProfileAs && dryRun) throw new UsageError('--save-profile saves nothing with --dry-run.');
      let r: ImportResult;
      try {
        r = await call('imports.importFile', {
          path: resolve(positionals[0]!),
          sheet: typeof options.sheet === 'string' ? options.sheet : undefined,
          profile: typeof options.profile === 'string' ? options.profile : undefined,
          kind,
          dryRun,
          overwriteHand: options.overwrite === true,
          map: map.length ? map : undefined,
          saveProfileAs: saveProfileAs || undefined,
        });
      } catch (e) {
        const err = toApiError(e);
        // The CLI's way to answer what the Import screen would ask: name the column.
        if (err.field === 'mapping')
          err.message += ' Say which column holds each field with --map "Column header=field".';
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
          headers: [],
          mapping: [],
          nearMatches: [],
        };
        io.out(JSON.stringify(none));
        io.err(err.message);
        return 1;
      }
      io.out(
        options.json
          ? JSON.stringify(r)
          : summary(r, dryRun, basename(positionals[0]!), dryRun ? await columnLines(r) : []),
      );
      // A file with nothing to change is no failure: a scheduled import of an unchanged export exits 0.
      // One whose every row was refused is; one with rows refused beside the rest (imported, or
      // unchanged) is done but not all of it, so a scheduled import's rejects do not pass unseen.
      if (r.batch === null && r.rejected === r.rows) return 1;
      return r.rejected > 0 ? EXIT_INCOMPLETE : 0;
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
          : `Undid import ${r.batchId}: ${countOf(r.removed, 'household')} removed, ${r.households} restored.`,
      );
      if (r.backupsNotErased.length === 0 && !r.backupsNotReached) return 0;
      if (!options.json && r.backupsNotErased.length > 0) {
        io.err(
          `These backups could not be erased and may still hold the removed households' details: ${r.backupsNotErased.join(', ')}. Delete them: no later purge or undo reaches them.`,
        );
      }
      if (!options.json && r.backupsNotReached) io.err(r.backupsNotReached);
      // As a purge's (data-commands.ts): an erasure not seen to reach every copy is not success.
      return EXIT_INCOMPLETE;
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
          `${String(b.id).padStart(4)}  ${formatUkDateTime(b.createdAt)}  ${b.fileName}  ${IMPORT_KIND_LABELS[b.kind]}  rows ${b.rows}: new ${b.new}, updated ${b.updated}, unchanged ${b.unchanged}, duplicates ${b.duplicates}, rejected ${b.rejected}${b.undoneAt ? '  (undone)' : ''}`,
        );
      }
      return 0;
    },
  },
  {
    name: 'profiles',
    summary: 'List saved import profiles (column mappings) and what each maps',
    usage: 'profiles [--db PATH] [--json]',
    options: { ...DB_OPTION, ...JSON_OPTION },
    async run({ call, io, options }) {
      const profiles = await call('imports.listProfiles', {});
      if (options.json) {
        io.out(JSON.stringify({ profiles }));
        return 0;
      }
      if (profiles.length === 0)
        io.out('No saved import profiles. Save one with import --save-profile NAME.');
      // Each field as the Import screen's mapping names it ("Approval date", not approval_date).
      const { FIELD_LABELS } = await import('../../import/records/fields.ts');
      for (const p of profiles) {
        io.out(`${p.name}  (${IMPORT_KIND_LABELS[p.kind]}, saved ${formatUkDateTime(p.updatedAt)})`);
        for (const [header, field] of Object.entries(p.mapping))
          io.out(
            `  ${header} → ${field === null ? 'Not imported' : ((FIELD_LABELS as Record<string, string>)[field] ?? field)}`,
          );
      }
      return 0;
    },
  },
];
