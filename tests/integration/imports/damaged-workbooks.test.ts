import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImportFile } from '../../../src-main/import/read/open-file.ts';
import { cli } from '../../support/cli.ts';
import { tempDir, testApp } from '../../support/temp.ts';
import { writeWorkbook } from './fixtures.ts';
import { LOGGED_AT } from '../../support/log-entry.ts';

const WORDS =
  'the workbook is damaged and cannot be read, so nothing was imported. Open it in Excel (or LibreOffice) and save it as a new .xlsx file, or export it again from the system it came from, and import that.';

/** Real damaged .xls files: a header and nothing after it, one cut in half, one with its middle overwritten. */
function damagedWorkbooks(dir: string): string[] {
  const header = Buffer.alloc(4096 * 3, 0x41);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  writeFileSync(join(dir, 'Smith family enquiries.xls'), header);
  const whole = readFileSync(
    writeWorkbook(
      join(dir, 'whole.xls'),
      {
        Enquiries: [
          ['Reference', 'Name'],
          ['R1', 'Jane Smith'],
        ],
      },
      { bookType: 'biff8' },
    ),
  );
  writeFileSync(join(dir, 'half.xls'), whole.subarray(0, Math.floor(whole.length / 2)));
  const overwritten = Buffer.from(whole);
  overwritten.fill(0xff, 512, 2048);
  writeFileSync(join(dir, 'overwritten.xls'), overwritten);
  return ['Smith family enquiries.xls', 'half.xls', 'overwritten.xls'].map((name) => join(dir, name));
}

describe('a damaged workbook', () => {
  it("is refused in words naming the file and what to do, the reader's own words going to the log", () => {
    for (const path of damagedWorkbooks(tempDir())) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      let message = '';
      try {
        openImportFile(path);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.replace(/\. The details are in the app's .*, under reference [0-9A-F]{8}\.$/, '.')).toBe(
        `${name}: ${WORDS}`,
      );
    }
  });

  it('from the CLI, is logged by the import worker in the log beside the database, under the reference quoted', async () => {
    const dir = tempDir();
    const db = join(dir, 'ff.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const [file] = damagedWorkbooks(dir);
    const r = await cli('import', file!, '--db', db);
    expect(r.code).toBe(1);
    const log = join(dir, 'fostering-funnel.log');
    expect(r.err).toMatch(
      new RegExp(
        `: Smith family enquiries\\.xls: the workbook is damaged .* The details are in the app's log, ${log.replace(/[.\\/]/g, '\\$&')}, under reference [0-9A-F]{8}\\.$`,
      ),
    );
    expect(r.err).not.toMatch(/Major Version|Expected 3 or 4/);
    const reference = /under reference ([0-9A-F]{8})/.exec(r.err)![1]!;
    const entry = readFileSync(log, 'utf8');
    expect(entry).toMatch(new RegExp(`^${LOGGED_AT}Fostering Funnel fault ${reference}: Error\\n\\s+at `));
    expect(entry).not.toMatch(/Smith|Major Version/);
  });
});

describe('a Word document chosen by mistake', () => {
  // helper-238: read by SheetJS, it was "a damaged workbook", to be repaired in Excel.
  it('is refused as what it is, whatever its name says', async () => {
    const app = await testApp();
    const saved = await app.call('reports.exportTable', {
      tables: ['funnel'],
      options: { from: '2024/25', to: '2024/25' },
      format: 'docx',
    });
    const dir = tempDir();
    for (const name of ['Annual report.docx', 'enquiries.xlsx']) {
      const path = join(dir, name);
      writeFileSync(path, Buffer.from(saved.base64, 'base64'));
      expect(() => openImportFile(path)).toThrow(
        `${name}: the file is a Word document, not a spreadsheet: choose the export itself (.xlsx, .xls, .ods or .csv).`,
      );
    }
  });
});
