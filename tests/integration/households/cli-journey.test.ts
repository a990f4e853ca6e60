import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

describe('household from the command line: the whole journey, as the record shows it', () => {
  // `household` printed the milestones alone: a kinship household's viability request and outcome,
  // its reg 24 placement and extension, the clock they start, the enquiry's answer and the switch
  // of pathway, all on the record's screen, were nowhere in what the CLI said.
  it('prints the enquiry answered, pathway switches and the dated steps with their clock, in the screen’s words and dd/mm/yyyy', async () => {
    const app = await testApp();
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-08-03',
      surname: 'Kerr',
      reference: 'K1',
    });
    await app.call('households.recordResponse', { id, date: '2026-08-04' });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2026-08-10' });
    const step = (kind: string, date: string, extra: Record<string, unknown> = {}) =>
      app.call('households.recordJourneyDate', { id, kind: kind as never, date, ...extra });
    await step('viability_request', '2026-08-12');
    await step('reg24_placement', '2026-08-14');
    await step('viability_outcome', '2026-09-01', { result: 'positive' });
    await step('extension', '2026-11-20', { extensionReason: 'Court date moved' });

    const shown = await cli('household', 'K1', '--db', app.dbPath);
    expect(shown.code, shown.err).toBe(0);
    const lines = shown.out.split('\n');
    expect(lines.slice(0, 11)).toEqual([
      'K1  Kerr  (Kinship, Open, Stage 1)',
      '  episode 1  Enquiry            03/08/2026',
      '  episode 1  Enquiry answered   04/08/2026',
      '  Pathway Mainstream → Kinship on 10/08/2026',
      '  Kinship journey',
      '    Application received 12/08/2026 (from the viability request, as Settings count it).',
      '    Temporary approval (reg 24) from 14/08/2026: extended limit 29/01/2027.',
      '    episode 1  Viability assessment requested         12/08/2026',
      '    episode 1  Viability outcome                      01/09/2026  Positive',
      '    episode 1  Reg 24 placement (temporary approval)  14/08/2026',
      '    episode 1  Reg 25 extension                       20/11/2026  Court date moved',
    ]);
    // No key or ISO date in what is printed for people.
    expect(shown.out).not.toMatch(/viability_|reg24|\d{4}-\d{2}-\d{2}|positive\b/);

    // --json carries the same, as keys and ISO dates, for scripts.
    const json = JSON.parse((await cli('household', 'K1', '--db', app.dbPath, '--json')).out) as {
      journeyDates: Array<{ kind: string; date: string; detail: string | null }>;
      pathwayChanges: Array<{ date: string; from: string; to: string }>;
    };
    expect(json.pathwayChanges).toEqual([{ date: '2026-08-10', from: 'mainstream', to: 'kinship' }]);
    expect(json.journeyDates).toContainEqual(
      expect.objectContaining({ kind: 'viability_outcome', date: '2026-09-01', detail: 'positive' }),
    );
  });
});

describe('household from the command line: its name', () => {
  // A purged household was headed by its reference and a blank ("FF000349    (Mainstream, Closed,
  // Enquiry)"), as if never named, where every list says its details were erased.
  it('says a purged household’s details were erased, and a household with no name has none', async () => {
    const app = await testApp();
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2020-05-04',
      firstName: 'Pat',
      surname: 'Gone',
      reference: 'P1',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2020-05-20',
      reasonKey: 'housing',
      endedBy: 'applicant',
      notes: null,
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2026-11-02',
      email: 'x@example.org',
      reference: 'N1',
    });
    const named = await cli('household', 'P1', '--db', app.dbPath);
    expect(named.out.split('\n')[0]).toBe('P1  Pat Gone  (Mainstream, Closed, Enquiry)');
    await app.call('data.purgeHouseholds', {});
    const purged = await cli('household', 'P1', '--db', app.dbPath);
    expect(purged.code, purged.err).toBe(0);
    expect(purged.out.split('\n')[0]).toBe('P1  (personal details erased)  (Mainstream, Closed, Enquiry)');
    expect((await cli('household', 'N1', '--db', app.dbPath)).out.split('\n')[0]).toBe(
      'N1  (no name)  (Mainstream, Open, Enquiry)',
    );
  });
});

describe('household from the command line: its endings', () => {
  // The record's Endings show a closure's notes and who began a cessation and its notice; the CLI
  // printed neither ("ceased 30/06/2026: Personal circumstances…" and no more).
  it('prints a closure’s notes and a cessation’s initiator and notice date, as the record does', async () => {
    const app = await testApp();
    const closed = await app.call('households.createHousehold', {
      enquiryDate: '2026-09-01',
      surname: 'Note',
      reference: 'C1',
    });
    await app.call('households.closeHousehold', {
      id: closed.id,
      date: '2026-10-05',
      reasonKey: 'housing',
      endedBy: 'applicant',
      notes: 'Moving house in the spring',
    });
    const carer = await app.call('households.createHousehold', {
      enquiryDate: '2015-01-05',
      surname: 'Carer',
      reference: 'A1',
    });
    await app.call('households.recordMilestone', { id: carer.id, kind: 'approval', date: '2016-03-01' });
    await app.call('households.ceaseHousehold', {
      id: carer.id,
      date: '2026-06-30',
      noticeDate: '2026-05-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
      notes: 'Retiring to the coast',
    });
    expect((await cli('household', 'C1', '--db', app.dbPath)).out.split('\n').at(-1)).toBe(
      '  closed 05/10/2026 at Enquiry: No spare bedroom / housing (Applicant withdrew) – Moving house in the spring',
    );
    expect((await cli('household', 'A1', '--db', app.dbPath)).out.split('\n').at(-1)).toBe(
      '  ceased 30/06/2026: Personal circumstances e.g. separation, bereavement, retirement (initiated by the carer, notice 01/05/2026) – Retiring to the coast',
    );
  });
});

describe('household from the command line: a reference as people type it', () => {
  // `household ff000161` answered "There is no household with reference ff000161." where the app
  // finds FF000161, and a duplicate merged away was "no household" rather than where it went.
  it('finds a reference in any case (the exact spelling winning), and says where a merged one went', async () => {
    const app = await testApp();
    const kept = await app.call('households.createHousehold', {
      enquiryDate: '2026-10-01',
      surname: 'Kept',
      reference: 'KP1',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2026-10-02',
      surname: 'Dup',
      reference: 'DP1',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2026-10-03',
      surname: 'Lower',
      reference: 'ab12',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2026-10-04',
      surname: 'Upper',
      reference: 'AB12',
    });
    const lower = await cli('household', 'kp1', '--db', app.dbPath);
    expect(lower.code, lower.err).toBe(0);
    expect(lower.out.split('\n')[0]).toBe('KP1  Kept  (Mainstream, Open, Enquiry)');
    expect((await cli('household', 'ab12', '--db', app.dbPath)).out.split('\n')[0]).toMatch(
      /^ab12 {2}Lower /,
    );
    const neither = await cli('household', 'Ab12', '--db', app.dbPath);
    expect(neither.code).toBe(1);
    expect(neither.err).toContain('More than one household has the reference Ab12 in another case (');
    await app.call('households.mergeHouseholds', {
      id: kept.id,
      mergeReference: 'DP1',
      reason: 'Same family',
    });
    const merged = await cli('household', 'DP1', '--db', app.dbPath);
    expect(merged.code).toBe(1);
    expect(merged.err).toBe('fostering-funnel household: DP1 was merged into KP1 on 26/11/2026: use KP1.');
  });
});
