import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a damaged database a restore kept aside', () => {
  it('is reached by a later purge: erased there, or named as not erased, never kept silently', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2020-01-06',
      firstName: 'Zebedee',
      surname: 'Quillfeather',
      email: 'zebedee.quillfeather@example.org',
    });
    await app.call('households.closeHousehold', {
      id: h.id,
      date: '2020-02-01',
      reasonKey: 'other',
      endedBy: 'applicant',
    });
    const backup = (await app.call('data.backupNow', {})).path;
    app.ctx.store.close();

    // The live file is damaged in one page; the person's details are still in its bytes.
    const bytes = readFileSync(app.dbPath);
    bytes.fill(0xff, 4096, 8192);
    writeFileSync(app.dbPath, bytes);
    expect((await cli(['restore', backup, '--db', app.dbPath])).code).toBe(0);
    const folder = `${app.dbPath}-backups`;
    const aside = join(
      folder,
      readdirSync(folder).find((f) => f.endsWith('.damaged'))!,
    );
    expect(readFileSync(aside).includes('Quillfeather')).toBe(true);

    const r = await cli(['purge', '--yes', '--json', '--db', app.dbPath]);
    const result = JSON.parse(r.out) as { purged: number; backupsNotErased: string[] };
    expect(r.code).toBe(result.backupsNotErased.length > 0 ? 3 : 0);
    expect(result.purged).toBe(1);
    // Every file in the backups folder holds the person no more, unless the purge names it.
    const holding = readdirSync(folder)
      .map((f) => join(folder, f))
      .filter((f) => readFileSync(f).includes('Quillfeather'));
    expect(holding.filter((f) => !result.backupsNotErased.includes(f))).toEqual([]);
  });
});
