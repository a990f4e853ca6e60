import { describe, expect, it } from 'vitest';
import { previewOf, testApp, type TestApp } from '../../support/temp.ts';

// A carers register whose "Type of Approval" said "Connected Person" imported those carers as
// mainstream: the header names no field, and mapping such headers to the pathway by their words
// alone is unsafe, as the same words head columns of "Short break" or "Parent and child". A
// column headed with "type" (or "category"), not otherwise mapped, whose every cell in the
// first rows is blank or a pathway's name, is now mapped to the pathway, the preview saying
// why; a column holding anything else, a file with a pathway column, or a profile is left alone.

const REGISTER_HEAD = 'Foster Carer No.,Carer 1 Name,Date of Approval,Type of Approval\r\n';

const pathways = (app: TestApp) =>
  app.ctx.store.db.prepare('SELECT reference, pathway FROM households ORDER BY reference').all();

describe('a column of pathways its header does not name', () => {
  it('is mapped to the pathway, and its kinship carers imported as kinship', async () => {
    const app = await testApp();
    const path = app.file(
      'register.csv',
      REGISTER_HEAD +
        'FC1,Joan Ashby,01/05/2015,Connected Person\r\n' +
        'FC2,Amir Khan,01/05/2016,Mainstream\r\n' +
        'FC3,Ruth Bell,01/05/2017,\r\n' +
        'FC4,Sam Ode,01/05/2018,family and friends\r\n',
    );
    const p = await previewOf(app, path);
    expect(p.mapping.find((m) => m.header === 'Type of Approval')).toMatchObject({
      field: 'pathway',
      byValues: 'pathways',
    });
    await app.call('imports.importFile', { path });
    expect(pathways(app)).toEqual([
      { reference: 'FC1', pathway: 'kinship' },
      { reference: 'FC2', pathway: 'mainstream' },
      { reference: 'FC3', pathway: 'mainstream' },
      { reference: 'FC4', pathway: 'kinship' },
    ]);
  });

  it('is an enquiry export’s "Enquiry Type" too', async () => {
    const app = await testApp();
    const path = app.file(
      'enquiries.csv',
      'Reference,Enquiry Date,Surname,Enquiry Type\r\n' +
        'E1,01/04/2025,Lee,Kinship\r\n' +
        'E2,02/04/2025,Poe,General\r\n',
    );
    await app.call('imports.importFile', { path });
    expect(pathways(app)).toEqual([
      { reference: 'E1', pathway: 'kinship' },
      { reference: 'E2', pathway: 'mainstream' },
    ]);
  });

  it('is left alone where a cell is no pathway, where a pathway column is mapped, or where two columns qualify', async () => {
    const app = await testApp();
    const mixed = await previewOf(
      app,
      app.file(
        'mixed.csv',
        REGISTER_HEAD +
          'FC1,Joan Ashby,01/05/2015,Connected Person\r\nFC2,Amir Khan,01/05/2016,Short break\r\n',
      ),
    );
    expect(mixed.mapping.find((m) => m.header === 'Type of Approval')).toMatchObject({ field: null });
    expect(mixed.counts.rejected).toBe(0);

    const both = await previewOf(
      app,
      app.file(
        'both.csv',
        'Reference,Enquiry Date,Surname,Pathway,Enquiry Type\r\nE1,01/04/2025,Lee,Kinship,Mainstream\r\n',
      ),
    );
    expect(both.mapping.map((m) => [m.header, m.field, m.byValues ?? false])).toEqual([
      ['Reference', 'reference', false],
      ['Enquiry Date', 'enquiry_date', false],
      ['Surname', 'surname', false],
      ['Pathway', 'pathway', false],
      ['Enquiry Type', null, false],
    ]);

    const two = await previewOf(
      app,
      app.file(
        'two.csv',
        'Reference,Enquiry Date,Surname,Enquiry Type,Approval Type\r\nE1,01/04/2025,Lee,Kinship,Mainstream\r\n',
      ),
    );
    expect(two.mapping.filter((m) => m.field === 'pathway')).toEqual([]);
  });

  it('is not judged again where a saved profile chose the columns', async () => {
    const app = await testApp();
    const text = REGISTER_HEAD + 'FC1,Joan Ashby,01/05/2015,Connected Person\r\n';
    const path = app.file('register.csv', text);
    // The user set the column to Not imported and saved the mapping as a profile.
    await app.call('imports.importFile', {
      path,
      map: [{ header: 'Type of Approval', field: null }],
      saveProfileAs: 'Register',
    });
    expect(pathways(app)).toEqual([{ reference: 'FC1', pathway: 'mainstream' }]);
    const again = await previewOf(app, app.file('register-2.csv', text));
    expect(again.profile).toBe('Register');
    expect(again.mapping.find((m) => m.header === 'Type of Approval')).toMatchObject({ field: null });
  });

  it('is a column answering yes or no to kinship, a column of names so headed left alone', async () => {
    const app = await testApp();
    const path = app.file(
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval,Connected Person (Y/N)\r\n' +
        'FC1,Joan Ashby,01/05/2015,Y\r\n' +
        'FC2,Amir Khan,01/05/2016,No\r\n' +
        'FC3,Ruth Bell,01/05/2017,\r\n' +
        'FC4,Sam Ode,01/05/2018,yes\r\n',
    );
    expect(
      (await previewOf(app, path)).mapping.find((m) => m.header === 'Connected Person (Y/N)'),
    ).toMatchObject({
      field: 'pathway',
      byValues: 'yes or no to kinship',
    });
    await app.call('imports.importFile', { path });
    expect(pathways(app)).toEqual([
      { reference: 'FC1', pathway: 'kinship' },
      { reference: 'FC2', pathway: 'mainstream' },
      { reference: 'FC3', pathway: 'mainstream' },
      { reference: 'FC4', pathway: 'kinship' },
    ]);

    // The child's connected person, by name: not a pathway.
    const names = await previewOf(
      app,
      app.file(
        'kinship.csv',
        'Reference,Enquiry Date,Surname,Connected Person\r\nK1,01/04/2025,Lee,Joan Lee\r\n',
      ),
    );
    expect(names.mapping.find((m) => m.header === 'Connected Person')?.field ?? null).toBeNull();
  });

  it('reads yes and no under a kinship header however the column was mapped, and refuses other words there', async () => {
    const app = await testApp();
    const path = app.file(
      'enquiries.csv',
      'Reference,Enquiry Date,Surname,Kinship?\r\nE1,01/04/2025,Lee,Yes\r\nE2,02/04/2025,Poe,N\r\nE3,03/04/2025,Rai,Maybe\r\n',
    );
    const result = await app.call('imports.importFile', {
      path,
      map: [{ header: 'Kinship?', field: 'pathway' }],
    });
    expect(pathways(app)).toEqual([
      { reference: 'E1', pathway: 'kinship' },
      { reference: 'E2', pathway: 'mainstream' },
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'Pathway "Maybe" is neither mainstream nor kinship / connected persons, nor yes or no.',
    ]);
  });
});
