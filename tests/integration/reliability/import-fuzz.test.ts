import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Hostile files through `imports.importFile`, seeded and bounded: random bytes, random CSV
 * text (quotes, separators, long cells, control characters, three encodings), mutated
 * xlsx/ods, zip bombs, formula cells, `__proto__` headers, a million columns. Every input
 * must end in a result or a clear ApiError within the bound: never another exception,
 * never a hang; and a refused file must leave the database unwritten (no change at all
 * on the connection, same content). FUZZ_RUNS sets runs per kind (default 6; capped at
 * 200 per kind under `npm run soak`).
 */
const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 6), 200);
const BOUND_MS = 60_000;

let app: TestApp;
const tally = { inputs: 0, results: 0, refusals: 0, crashes: 0, hangs: 0, partialWrites: 0 };

function digest(): string {
  const db = app.ctx.store.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}"`).all()));
}
const totalChanges = () => app.ctx.store.db.prepare('SELECT total_changes()').pluck().get() as number;

let fileNo = 0;
/** Imports one file and checks the outcome; returns how it ended. */
async function tryImport(bytes: Buffer | string, ext: string): Promise<'result' | 'refused'> {
  tally.inputs++;
  const path = join(app.dir, `fuzz-${++fileNo}.${ext}`);
  writeFileSync(path, bytes);
  const before = digest();
  const changesBefore = totalChanges();
  const call = app.call as unknown as (m: string, i: unknown) => Promise<{ batch: number | null }>;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), BOUND_MS)));
  const outcome = await Promise.race([
    call('imports.importFile', { path, kind: 'auto' }).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, e }),
    ),
    hang,
  ]).finally(() => clearTimeout(timer));
  if (outcome === 'hang') {
    tally.hangs++;
    throw new Error(`${path}: no answer within ${BOUND_MS} ms`);
  }
  if (outcome.ok) {
    tally.results++;
    if (outcome.r.batch === null && (digest() !== before || totalChanges() !== changesBefore)) {
      tally.partialWrites++;
      throw new Error(`${path}: refused every row but wrote to the database`);
    }
    return 'result';
  }
  if (!(outcome.e instanceof ApiError)) {
    tally.crashes++;
    throw new Error(`${path}: crashed with ${String((outcome.e as Error)?.stack ?? outcome.e)}`);
  }
  expect(outcome.e.message.length).toBeGreaterThan(5);
  expect(outcome.e.message).not.toMatch(/\n\s+at /);
  tally.refusals++;
  if (digest() !== before || totalChanges() !== changesBefore) {
    tally.partialWrites++;
    throw new Error(`${path}: refused (${outcome.e.message}) but wrote to the database`);
  }
  return 'refused';
}

const HEADERS = [
  'Reference',
  'Enquiry date',
  'First name',
  'Surname',
  'Email',
  'Postcode',
  'Source',
  'EOI date',
];
const HOSTILE_HEADERS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '=cmd|calc',
  '',
  '\u0000',
  'hasOwnProperty',
];

const cellText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '01/04/2024',
    '2024-13-45',
    '31/02/2024',
    '=1+1',
    '+44 7700',
    '-1',
    '@SUM(A1)',
    '"',
    '""',
    ',',
    ';',
    '\t',
    '\r\n',
    '\u0000',
    '\u202e',
    'Zoë',
    '£',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1, max: 4 }).map((n) => 'x'.repeat(n * 10_000)),
);
const csvRows = fc.tuple(
  fc.shuffledSubarray([...HEADERS, ...HOSTILE_HEADERS], { minLength: 1 }),
  fc.array(fc.array(cellText, { maxLength: 10 }), { maxLength: 25 }),
  fc.constantFrom(',', ';', '\t', '|'),
  fc.constantFrom('utf8', 'utf16le', 'latin1') as fc.Arbitrary<BufferEncoding>,
  fc.boolean(),
  fc.boolean(),
);

/** Quoted where the text needs it, or (quote = false) raw, so broken quoting is fuzzed too. */
function toCsvText(header: string[], rows: string[][], sep: string, quote: boolean): string {
  const q = (v: string) => (quote && /[",;\t|\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(q).join(sep)).join('\r\n');
}

function validWorkbook(bookType: XLSX.BookType): Buffer {
  const ws = XLSX.utils.aoa_to_sheet([
    ['Enquiries export'],
    HEADERS,
    ['FZ1', '01/04/2024', 'Amira', 'Khan', 'a@example.org', 'LS1 1AA', 'Website', ''],
    ['FZ2', '02/04/2024', '=HYPERLINK("http://x","y")', '@cmd', '+1', '-2', 'Event', '03/05/2024'],
  ]);
  ws.C5 = { t: 'n', f: 'SUM(1,2)', v: 3 };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Enquiries');
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

/** A zip with one stored/deflated part, whose directory may lie about the size. */
function zipOf(name: string, data: Buffer, declaredSize = data.length): Buffer {
  const deflated = deflateRawSync(data);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const body = Buffer.concat([local, nameBuf, deflated]);
  const cd = Buffer.concat([central, nameBuf]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, cd, end]);
}

beforeAll(async () => {
  app = await testApp();
});
afterAll(() => {
  if (tally.inputs > 0) {
    console.log(
      `Importer fuzzing: ${tally.inputs} inputs (${tally.results} results, ${tally.refusals} clear refusals); ${tally.crashes} crashes, ${tally.hangs} hangs, ${tally.partialWrites} partial writes`,
    );
  }
});

describe('importer fuzzing', () => {
  it('random bytes, named as csv, xlsx, ods and xls', { timeout: 900_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('csv', 'xlsx', 'ods', 'xls', 'txt'),
        async (bytes, ext) => {
          await tryImport(Buffer.from(bytes), ext);
        },
      ),
      { numRuns: RUNS * 2, seed: 101 },
    );
  });

  it(
    'random CSV text: quotes, separators, long cells, control characters, mixed encodings, hostile headers',
    { timeout: 900_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(csvRows, async ([header, rows, sep, encoding, bom, quote]) => {
          const text = toCsvText(header, rows, sep, quote);
          const body = Buffer.from(text, encoding);
          const prefix = bom
            ? encoding === 'utf16le'
              ? Buffer.from([0xff, 0xfe])
              : encoding === 'utf8'
                ? Buffer.from([0xef, 0xbb, 0xbf])
                : Buffer.alloc(0)
            : Buffer.alloc(0);
          await tryImport(Buffer.concat([prefix, body]), 'csv');
        }),
        { numRuns: RUNS * 3, seed: 202 },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('mutated valid xlsx and ods files (flipped bytes, cut short)', { timeout: 900_000 }, async () => {
    const originals = { xlsx: validWorkbook('xlsx'), ods: validWorkbook('ods') };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('xlsx', 'ods') as fc.Arbitrary<'xlsx' | 'ods'>,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (kind, flips, cut) => {
          const bytes = Buffer.from(originals[kind]);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          await tryImport(cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length), kind);
        },
      ),
      { numRuns: RUNS * 2, seed: 303 },
    );
  });

  it('the valid workbook with formula cells imports, and its text is kept as text', async () => {
    expect(await tryImport(validWorkbook('xlsx'), 'xlsx')).toBe('result');
    const row = app.ctx.store.db
      .prepare("SELECT first_name, surname FROM households WHERE reference = 'FZ2'")
      .get() as { first_name: string; surname: string } | undefined;
    expect(row?.first_name).toContain('HYPERLINK');
  });

  it(
    'zip bombs: a part that inflates a thousandfold, and a directory that lies about sizes',
    { timeout: 300_000 },
    async () => {
      const huge = Buffer.alloc(300 * 1024 * 1024, 0x41);
      expect(await tryImport(zipOf('xl/worksheets/sheet1.xml', huge), 'xlsx')).toBe('refused');
      expect(
        await tryImport(zipOf('xl/worksheets/sheet1.xml', huge.subarray(0, 50 * 1024 * 1024), 1000), 'xlsx'),
      ).toBe('refused');
    },
  );

  it(
    'a header row of 1,000,000 columns gets an answer, not a hang or a crash',
    { timeout: 300_000 },
    async () => {
      const header = Array.from({ length: 1_000_000 }, (_, i) =>
        i === 0 ? 'Reference' : i === 1 ? 'Enquiry date' : `c${i}`,
      );
      await tryImport(header.join(',') + '\r\nR1,01/04/2024\r\n', 'csv');
      expect(tally.crashes + tally.hangs + tally.partialWrites).toBe(0);
    },
  );
});
