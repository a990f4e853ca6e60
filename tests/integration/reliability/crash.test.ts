import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../src-main/db/backup.ts';
import { Store } from '../../../src-main/db/store.ts';
import type { EpisodePathway } from '../../../src-main/domain/episode-pathway.ts';
import { kinshipApplication } from '../../../src-main/domain/journey-dates.ts';
import { summarise } from '../../../src-main/domain/summary.ts';
import type { Milestone, OpenStage } from '../../../src-main/domain/stages.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { tempDir } from '../../support/temp.ts';
import { checkIntegrity, crashKills, crashSeed, killDelays, runAndKill } from './crash-harness.ts';

/**
 * SIGKILL at random (seeded) moments while a child process writes through the API.
 * After every kill: integrity_check ok, no foreign-key fault, and each write either
 * wholly there or wholly absent. CRASH_KILLS sets the number of kills per kind of
 * write (default 8, 4, 8 and 6 here: 26 in all; 100 each under `npm run soak`), CRASH_SEED the seed.
 */

const BATCH = 40;

interface HouseholdState {
  households: number;
  references: string[];
  summaryMismatches: number;
  withoutEnquiry: number;
}

function readState(dbPath: string): HouseholdState {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT id, reference, episode, status, stage, stage_date, enquiry_date FROM households ORDER BY id',
      )
      .all() as Array<{
      id: number;
      reference: string;
      episode: number;
      status: string;
      stage: string;
      stage_date: string | null;
      enquiry_date: string | null;
    }>;
    const milestones = db.prepare('SELECT household_id, kind, date, episode FROM milestones').all() as Array<{
      household_id: number;
      kind: Milestone;
      date: string;
      episode: number;
    }>;
    const closures = db
      .prepare('SELECT household_id, episode, date, stage_reached FROM closures')
      .all() as Array<{
      household_id: number;
      episode: number;
      date: string;
      stage_reached: OpenStage;
    }>;
    const cessations = db.prepare('SELECT household_id, date FROM cessations').all() as Array<{
      household_id: number;
      date: string;
    }>;
    // The current episode's viability request, with the episode's pathway facts: an open household
    // whose request is its kinship application stands at Stage 1 (domain/summary.ts).
    const requests = new Map(
      (
        db
          .prepare(
            `SELECT j.household_id, j.date, e.pathway, e.switched_on, e.switched_to, e.first_switched_on
               FROM journey_dates j
               JOIN households h ON h.id = j.household_id AND h.episode = j.episode
               JOIN episodes e ON e.household_id = j.household_id AND e.episode = j.episode
              WHERE j.kind = 'viability_request'`,
          )
          .all() as Array<EpisodePathway & { household_id: number; date: string }>
      ).map((r) => [r.household_id, r]),
    );
    const byHousehold = <T extends { household_id: number }>(list: T[]) => {
      const map = new Map<number, T[]>();
      for (const x of list) map.set(x.household_id, [...(map.get(x.household_id) ?? []), x]);
      return map;
    };
    const ms = byHousehold(milestones);
    const cs = byHousehold(closures);
    const ce = byHousehold(cessations);
    let summaryMismatches = 0;
    let withoutEnquiry = 0;
    for (const h of rows) {
      const m = ms.get(h.id) ?? [];
      if (!m.some((x) => x.kind === 'enquiry')) withoutEnquiry++;
      const c = (cs.get(h.id) ?? []).find((x) => x.episode === h.episode);
      const s = summarise({
        episode: h.episode,
        milestones: m,
        closure: c ? { episode: c.episode, date: c.date, stageReached: c.stage_reached } : null,
        cessation: ce.get(h.id)?.[0] ?? null,
        kinshipApplication: (() => {
          const r = requests.get(h.id);
          return r ? kinshipApplication(r, r.date) : null;
        })(),
      });
      if (s.status !== h.status || s.stage !== h.stage || s.stageDate !== h.stage_date) summaryMismatches++;
    }
    return {
      households: rows.length,
      references: rows.map((r) => r.reference),
      summaryMismatches,
      withoutEnquiry,
    };
  } finally {
    db.close();
  }
}

describe('crash harness', () => {
  it(
    `survives SIGKILL during sample-generation batches (${crashKills(8)} kills)`,
    { timeout: 1_200_000 },
    async () => {
      const dbPath = join(tempDir('ff-crash-'), 'crash.db');
      (await Store.open(dbPath)).close();
      const delays = killDelays(crashKills(8), crashSeed(), 250);
      let survived = 0;
      let batches = 0;
      const failures: string[] = [];
      for (const [i, delay] of delays.entries()) {
        const { steps } = await runAndKill(
          dbPath,
          { CRASH_MODE: 'sample', CRASH_BATCH: String(BATCH), CRASH_SEED: String(i + 1) },
          delay,
        );
        const check = checkIntegrity(dbPath);
        const state = readState(dbPath);
        const committed = state.households / BATCH;
        // The child may die between its commit and its "step" line: one more batch is allowed, never a part.
        const expected = [batches + steps, batches + steps + 1];
        const refsContiguous = state.references.every((r, k) => r === `FF${String(k + 1).padStart(6, '0')}`);
        const ok =
          check.integrity === 'ok' &&
          check.foreignKeyErrors === 0 &&
          Number.isInteger(committed) &&
          expected.includes(committed) &&
          refsContiguous &&
          state.summaryMismatches === 0 &&
          state.withoutEnquiry === 0;
        if (ok) survived++;
        else
          failures.push(
            `kill ${i + 1} at ${delay} ms: ${JSON.stringify({ ...check, committed, expected, refsContiguous, ...state, references: undefined })}`,
          );
        batches = Math.round(committed);
      }
      console.log(
        `crash harness (sample batches): ${survived}/${delays.length} kills survived; ${batches} batches of ${BATCH} households committed; seed ${crashSeed()}`,
      );
      expect(failures).toEqual([]);
      expect(batches).toBeGreaterThan(0);
    },
  );

  it(
    `survives SIGKILL during restores: the file is always the old or the new one (${crashKills(4)} kills)`,
    { timeout: 1_200_000 },
    async () => {
      const dir = tempDir('ff-crash-');
      const dbPath = join(dir, 'crash.db');
      const fingerprints: Record<string, string> = {};
      const makeBackup = async (name: string, households: number, seed: number) => {
        const path = join(dir, `${name}.db`);
        const s = await Store.open(path);
        generateSample(s.db, { households, seed, today: '2026-11-26' });
        s.close();
        fingerprints[name] = fingerprint(path);
        return path;
      };
      const a = await makeBackup('a', 30, 1);
      const b = await makeBackup('b', 55, 2);
      const live = await Store.open(dbPath);
      generateSample(live.db, { households: 30, seed: 1, today: '2026-11-26' });
      await backupDatabase(live.db, dbPath, 'manual');
      live.close();

      const delays = killDelays(crashKills(4), crashSeed() + 1, 400);
      let survived = 0;
      const seen = { a: 0, b: 0 };
      const failures: string[] = [];
      for (const [i, delay] of delays.entries()) {
        await runAndKill(dbPath, { CRASH_MODE: 'restore', CRASH_BACKUP_A: a, CRASH_BACKUP_B: b }, delay);
        // The app's own open (quick_check on) must accept the file, and it must be exactly A or B.
        let opened: true | string = true;
        try {
          (await Store.open(dbPath, { check: true, dailyBackup: false })).close();
        } catch (e) {
          opened = (e as Error).message;
        }
        const check = checkIntegrity(dbPath);
        const print = fingerprint(dbPath);
        const which = print === fingerprints.a ? 'a' : print === fingerprints.b ? 'b' : null;
        if (opened === true && check.integrity === 'ok' && which) {
          survived++;
          seen[which]++;
        } else failures.push(`kill ${i + 1} at ${delay} ms: ${JSON.stringify({ opened, ...check, which })}`);
      }
      console.log(
        `crash harness (restore): ${survived}/${delays.length} kills survived (database was A ${seen.a} times, B ${seen.b} times); seed ${crashSeed() + 1}`,
      );
      expect(failures).toEqual([]);
    },
  );
});

describe('crash harness on journey edits and imports', () => {
  it(
    `survives SIGKILL during a stream of journey edits (${crashKills(8)} kills)`,
    { timeout: 1_200_000 },
    async () => {
      const dbPath = join(tempDir('ff-crash-'), 'edits.db');
      const s = await Store.open(dbPath);
      generateSample(s.db, { households: 400, seed: 3, today: '2026-11-26' });
      const key = (r: { household_id: number; kind?: string }) => `${r.household_id}|${r.kind ?? ''}`;
      const baseMilestones = new Set(
        (
          s.db.prepare('SELECT household_id, kind FROM milestones').all() as Array<{
            household_id: number;
            kind: string;
          }>
        ).map(key),
      );
      const baseHouseholds = s.db.prepare('SELECT MAX(id) FROM households').pluck().get() as number;
      const baseClosures = new Set(
        (s.db.prepare('SELECT household_id FROM closures').all() as Array<{ household_id: number }>).map(key),
      );
      s.close();
      const delays = killDelays(crashKills(8), crashSeed() + 2, 300);
      let survived = 0;
      const failures: string[] = [];
      let edits = 0;
      for (const [i, delay] of delays.entries()) {
        await runAndKill(dbPath, { CRASH_MODE: 'edits', CRASH_SEED: String(i + 1) }, delay);
        const check = checkIntegrity(dbPath);
        const state = readState(dbPath);
        const db = new Database(dbPath, { readonly: true });
        // Each edit is all or nothing: a new milestone or closure exists exactly when its audit entry does.
        const newMilestones = (
          db.prepare('SELECT household_id, kind FROM milestones').all() as Array<{
            household_id: number;
            kind: string;
          }>
        )
          .map(key)
          .filter((k) => !baseMilestones.has(k))
          .sort();
        const auditedMilestones = (
          db
            .prepare(
              "SELECT household_id, field AS kind FROM audit_log WHERE user = 'crash-child' AND entity = 'milestone' AND action = 'create'",
            )
            .all() as Array<{ household_id: number; kind: string }>
        )
          .map(key)
          .sort();
        const newClosures = (
          db.prepare('SELECT household_id FROM closures').all() as Array<{ household_id: number }>
        )
          .map(key)
          .filter((k) => !baseClosures.has(k))
          .sort();
        const auditedClosures = (
          db
            .prepare(
              "SELECT household_id FROM audit_log WHERE user = 'crash-child' AND entity = 'closure' AND action = 'create'",
            )
            .all() as Array<{ household_id: number }>
        )
          .map(key)
          .sort();
        const newHouseholds = db
          .prepare('SELECT COUNT(*) FROM households WHERE id > ?')
          .pluck()
          .get(baseHouseholds);
        const auditedHouseholds = db
          .prepare(
            "SELECT COUNT(*) FROM audit_log WHERE user = 'crash-child' AND entity = 'household' AND action = 'create'",
          )
          .pluck()
          .get();
        db.close();
        edits = newMilestones.length + newClosures.length;
        const ok =
          check.integrity === 'ok' &&
          check.foreignKeyErrors === 0 &&
          state.summaryMismatches === 0 &&
          newHouseholds === auditedHouseholds &&
          JSON.stringify(newMilestones) === JSON.stringify(auditedMilestones) &&
          JSON.stringify(newClosures) === JSON.stringify(auditedClosures);
        if (ok) survived++;
        else
          failures.push(
            `kill ${i + 1} at ${delay} ms: ${JSON.stringify({ ...check, mismatches: state.summaryMismatches, households: [newHouseholds, auditedHouseholds], milestones: [newMilestones.length, auditedMilestones.length], closures: [newClosures.length, auditedClosures.length] })}`,
          );
      }
      console.log(
        `crash harness (journey edits): ${survived}/${delays.length} kills survived; ${edits} edits committed; seed ${crashSeed() + 2}`,
      );
      expect(failures).toEqual([]);
      expect(edits).toBeGreaterThan(0);
    },
  );

  it(
    `survives SIGKILL during imports: each batch wholly there or wholly absent (${crashKills(6)} kills)`,
    { timeout: 1_200_000 },
    async () => {
      const dbPath = join(tempDir('ff-crash-'), 'imports.db');
      (await Store.open(dbPath)).close();
      const ROWS = 150;
      const delays = killDelays(crashKills(6), crashSeed() + 3, 1500);
      let survived = 0;
      const failures: string[] = [];
      let batches = 0;
      for (const [i, delay] of delays.entries()) {
        await runAndKill(
          dbPath,
          { CRASH_MODE: 'import', CRASH_BATCH: String(ROWS), CRASH_SEED: String(i + 1) },
          delay,
        );
        const check = checkIntegrity(dbPath);
        const state = readState(dbPath);
        const db = new Database(dbPath, { readonly: true });
        const perBatch = db
          .prepare(
            `SELECT b.id, b.new_count AS declared,
               (SELECT COUNT(*) FROM milestones m WHERE m.batch_id = b.id AND m.kind = 'enquiry') AS enquiries
             FROM import_batches b`,
          )
          .all() as Array<{ id: number; declared: number; enquiries: number }>;
        db.close();
        batches = perBatch.length;
        const ok =
          check.integrity === 'ok' &&
          check.foreignKeyErrors === 0 &&
          state.summaryMismatches === 0 &&
          state.households === ROWS * perBatch.length &&
          perBatch.every((b) => b.declared === ROWS && b.enquiries === ROWS);
        if (ok) survived++;
        else
          failures.push(
            `kill ${i + 1} at ${delay} ms: ${JSON.stringify({ ...check, households: state.households, perBatch })}`,
          );
      }
      console.log(
        `crash harness (imports): ${survived}/${delays.length} kills survived; ${batches} batches of ${ROWS} rows committed; seed ${crashSeed() + 3}`,
      );
      expect(failures).toEqual([]);
    },
  );
});

/** What a database holds, independent of its page layout. */
function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return JSON.stringify([
      db.prepare('SELECT reference, first_name, surname, status, stage FROM households ORDER BY id').all(),
      db.prepare('SELECT household_id, kind, date FROM milestones ORDER BY id').all(),
    ]);
  } finally {
    db.close();
  }
}
