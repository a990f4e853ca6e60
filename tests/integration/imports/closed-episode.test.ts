import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

describe('an export row for a household that is closed', () => {
  it('cannot add a milestone after the closure (a new enquiry would re-open it instead)', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const write = (name: string, text: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, text);
      return path;
    };
    await app.call('imports.importFile', {
      path: write(
        'a.csv',
        'Reference,Enquiry date,First name,Surname,EOI date,Date closed,Closure reason,Closed by\r\nR1,01/11/2022,Ann,Lee,01/12/2022,10/01/2023,Lost contact,Lost contact\r\n',
      ),
    });
    const before = app.ctx.store.db.prepare('SELECT kind, date FROM milestones ORDER BY date').all();
    const result = await app.call('imports.importFile', {
      path: write(
        'b.csv',
        'Reference,Enquiry date,First name,Surname,Approval date\r\nR1,01/11/2022,Ann,Lee,01/03/2024\r\n',
      ),
    });
    expect(result.rejected).toBe(1);
    expect(result.errors[0]).toMatchObject({
      row: 2,
      message: expect.stringMatching(/after the closure on 10\/01\/2023/),
    });
    expect(result.errors[0]!.column).toMatch(/approval/i);
    expect(app.ctx.store.db.prepare('SELECT kind, date FROM milestones ORDER BY date').all()).toEqual(before);
    expect(app.ctx.store.db.prepare('SELECT status FROM households').pluck().get()).toBe('closed');
  });
});
