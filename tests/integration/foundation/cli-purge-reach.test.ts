import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

/**
 * A purge cannot reach the files saved from the app (exports, reports, subject access files) nor
 * the files imported: the Purge screen says so before anything is erased, and `purge` from the CLI,
 * which an officer may run on its own, said nothing of them, listing or erasing.
 */
describe('purge from the CLI says what it cannot reach', () => {
  it('names the saved and imported files as left to the user, when listing and when erasing', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2020-01-06',
      firstName: 'Zebedee',
      surname: 'Quillfeather',
    });
    await app.call('households.closeHousehold', {
      id: h.id,
      date: '2020-02-01',
      reasonKey: 'other',
      endedBy: 'applicant',
    });
    app.ctx.store.close();
    const unreached =
      'not the files saved from it (exports, reports, subject access files) nor the files you imported: delete those yourself.';

    const listed = await cli('purge', '--db', app.dbPath);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(unreached);
    const erased = await cli('purge', '--yes', '--db', app.dbPath);
    expect(erased.code).toBe(0);
    expect(erased.out).toContain('Erased the personal details of 1 household');
    expect(erased.out).toContain(unreached);
    // --json stays one JSON object.
    const json = await cli('purge', '--yes', '--json', '--db', app.dbPath);
    expect(JSON.parse(json.out)).toMatchObject({ purged: 0 });
  });
});
