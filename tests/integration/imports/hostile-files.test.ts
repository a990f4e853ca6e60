import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { hashDb, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

/** A minimal zip with one stored-as-deflate entry, its directory declaring `declaredSize`. */
function zipWith(name: string, data: Buffer, declaredSize = data.length): Buffer {
  const body = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + body.length;
  const cd = Buffer.concat([central, n]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, body, cd, end]);
}

describe('corrupt and hostile files are refused with a clear message and the database untouched', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp();
    const ok = writeWorkbook(join(app.dir, 'ok.xlsx'), {
      S: [
        ['Reference', 'Enquiry Date', 'Surname'],
        ['G1', xlDate('2024-01-02'), 'Good'],
      ],
    });
    await app.call('imports.importFile', { path: ok, kind: 'auto', dryRun: false, overwriteHand: false });
  });

  const refused = async (name: string, bytes: Buffer | null, message: RegExp) => {
    const path = join(app.dir, name);
    if (bytes) writeFileSync(path, bytes);
    const hash = hashDb(app.dbPath);
    const rows = snapshot(app.ctx.store.db);
    await expect(
      app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false }),
    ).rejects.toThrow(message);
    expect(hashDb(app.dbPath)).toBe(hash);
    expect(snapshot(app.ctx.store.db)).toEqual(rows);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(1);
  };

  it('empty files', async () => {
    await refused('empty.csv', Buffer.alloc(0), /empty\.csv: the file is empty/);
    await refused('blank.csv', Buffer.from('\uFEFF\r\n  \r\n'), /blank\.csv: the file is empty/);
  });

  it('a folder given as the file: refused naming it, not an internal failure naming its path', async () => {
    mkdirSync(join(app.dir, 'exports.csv'));
    await refused(
      'exports.csv',
      null,
      /^exports\.csv: this is a folder, not a file: choose the file itself\.$/,
    );
    await expect(
      app.call('imports.importFile', {
        path: join(app.dir, 'exports.csv'),
        kind: 'auto',
        dryRun: true,
        overwriteHand: false,
      }),
    ).rejects.toMatchObject({ code: 'refused', field: 'file' });
  });

  it('files over 100 MB, before reading them', async () => {
    const path = join(app.dir, 'huge.csv');
    writeFileSync(path, 'Reference,Enquiry Date\n');
    truncateSync(path, 101 * 1024 * 1024);
    await refused('huge.csv', null, /huge\.csv: the file is 101 MB; files over 100 MB cannot be imported/);
  });

  it('files over 1,000,000 rows', async () => {
    await refused(
      'many.csv',
      Buffer.from('Reference,Enquiry Date\n' + 'R,01/01/2024\n'.repeat(1_000_001)),
      /over 1,000,000 rows/,
    );
  });

  it('zip bombs: impossible compression, and directories that lie about sizes', async () => {
    await refused(
      'bomb.xlsx',
      zipWith('xl/worksheets/sheet1.xml', Buffer.alloc(50 * 1024 * 1024)),
      /zip bomb/,
    );
    await refused(
      'liar.xlsx',
      zipWith('xl/workbook.xml', Buffer.alloc(200_000, 'a'), 100),
      /inflates beyond its declared size \(zip bomb\?\)/,
    );
  });

  it('password-protected and corrupt workbooks', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.from([4, 0, 4, 0]));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(4096, 7));
    await refused(
      'locked.xlsx',
      Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer),
      /locked\.xlsx: the workbook is password-protected/,
    );

    const good = readFileSync(
      writeWorkbook(join(app.dir, 'g.xlsx'), {
        S: [
          ['Reference', 'Surname'],
          ['Z', 'Z'],
        ],
      }),
    );
    await refused(
      'cut.xlsx',
      good.subarray(0, Math.floor(good.length / 2)),
      /cut\.xlsx: the file is damaged/,
    );
    await refused(
      'fake.xlsx',
      Buffer.from('this is not a workbook'),
      /fake\.xlsx: the file is damaged or is not really a workbook/,
    );
    await refused(
      'binary.csv',
      Buffer.from([0x00, 0x01, 0x02, 0x00, 0x41]),
      /binary\.csv: the file is damaged or is not a spreadsheet/,
    );
  });

  it('files with no recognisable header, or a header and no rows', async () => {
    await refused(
      'nohead.csv',
      Buffer.from('Totals for the year\nApples,Pears\n1,2\n'),
      /nohead\.csv: no recognisable header row/,
    );
    await refused(
      'noheadsheet.xlsx',
      readFileSync(
        writeWorkbook(join(app.dir, 'x.xlsx'), {
          A: [
            ['a', 'b'],
            [1, 2],
          ],
        }),
      ),
      /no recognisable header row in any sheet/,
    );
    await refused(
      'onlyhead.csv',
      Buffer.from('Reference,Enquiry Date,Surname\n'),
      /there are no rows under the header/,
    );
  });

  it('a file whose every row is rejected writes nothing', async () => {
    const path = join(app.dir, 'allbad.csv');
    writeFileSync(path, 'Reference,Enquiry Date\nB1,31/02/2024\nB2,not a date\n');
    const hash = hashDb(app.dbPath);
    const r = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ batch: null, rows: 2, rejected: 2 });
    expect(r.errors).toEqual([
      { row: 2, column: 'Enquiry Date', message: '"31/02/2024" is not a real date.' },
      {
        row: 3,
        column: 'Enquiry Date',
        message: '"not a date" is not a date the app can read (write dates as dd/mm/yyyy).',
      },
    ]);
    expect(hashDb(app.dbPath)).toBe(hash);
  });
});
