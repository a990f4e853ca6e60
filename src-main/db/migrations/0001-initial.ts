import type { Migration } from './types.ts';

/**
 * The whole mission's schema. A shipped migration is never edited: change the schema
 * with a new numbered file. Dates are ISO `YYYY-MM-DD` text, timestamps ISO 8601 UTC.
 *
 * Households carry a denormalised summary (status, stage, stage_date, enquiry_date,
 * next_alert_*) kept up to date by `refreshSummary` in db/queries/summary.ts so the
 * list can filter and sort 100,000 rows by index alone.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE households (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL,
        reference_derived INTEGER NOT NULL DEFAULT 0 CHECK (reference_derived IN (0, 1)),
        pathway TEXT NOT NULL DEFAULT 'mainstream' CHECK (pathway IN ('mainstream', 'kinship')),
        first_name TEXT,
        surname TEXT,
        email TEXT,
        telephone TEXT,
        postcode TEXT,
        source TEXT,
        household_type TEXT,
        notes TEXT,
        episode INTEGER NOT NULL DEFAULT 1,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'approved', 'ceased')),
        stage TEXT NOT NULL DEFAULT 'enquiry',
        stage_date TEXT,
        enquiry_date TEXT,
        next_alert TEXT,
        next_alert_date TEXT,
        overdue INTEGER NOT NULL DEFAULT 0 CHECK (overdue IN (0, 1)),
        search_text TEXT NOT NULL DEFAULT '',
        purged_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX households_by_reference ON households (reference);
      CREATE INDEX households_by_email ON households (email) WHERE email IS NOT NULL;
      CREATE INDEX households_by_surname ON households (surname, first_name);
      CREATE INDEX households_by_postcode ON households (postcode) WHERE postcode IS NOT NULL;
      CREATE INDEX households_by_status_stage ON households (status, stage, stage_date);
      CREATE INDEX households_by_enquiry_date ON households (enquiry_date);
      CREATE INDEX households_by_pathway ON households (pathway, enquiry_date);
      CREATE INDEX households_by_source ON households (source, enquiry_date);
      CREATE INDEX households_by_overdue ON households (overdue, next_alert_date);

      -- Which source last set each field: values typed by hand win over imports.
      CREATE TABLE field_sources (
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        PRIMARY KEY (household_id, field)
      ) STRICT, WITHOUT ROWID;

      -- One row per milestone per episode (a re-opened household starts a new episode).
      CREATE TABLE milestones (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        episode INTEGER NOT NULL DEFAULT 1,
        kind TEXT NOT NULL CHECK (kind IN ('enquiry', 'initial_visit', 'eoi', 'stage1', 'stage2', 'panel', 'approval')),
        date TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        UNIQUE (household_id, episode, kind)
      ) STRICT;
      CREATE INDEX milestones_by_kind_date ON milestones (kind, date, household_id);
      CREATE INDEX milestones_by_household ON milestones (household_id, episode);

      CREATE TABLE reasons (
        list TEXT NOT NULL CHECK (list IN ('dropout', 'leaving')),
        key TEXT NOT NULL,
        label TEXT NOT NULL,
        position INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        ofsted_code TEXT,
        ended_by TEXT,
        PRIMARY KEY (list, key)
      ) STRICT, WITHOUT ROWID;

      -- A drop-out: the end of one episode before approval.
      CREATE TABLE closures (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        episode INTEGER NOT NULL,
        date TEXT NOT NULL,
        stage_reached TEXT NOT NULL CHECK (stage_reached IN ('enquiry', 'eoi', 'stage1', 'stage2', 'panel')),
        reason_list TEXT NOT NULL DEFAULT 'dropout' CHECK (reason_list = 'dropout'),
        reason_key TEXT NOT NULL DEFAULT 'other',
        reason_text TEXT,
        ended_by TEXT NOT NULL CHECK (ended_by IN ('applicant', 'service', 'lost_contact')),
        notes TEXT,
        reopened_on TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        FOREIGN KEY (reason_list, reason_key) REFERENCES reasons (list, key),
        UNIQUE (household_id, episode)
      ) STRICT;
      CREATE INDEX closures_by_date ON closures (date, stage_reached, reason_key);

      -- An approved household that stops fostering.
      CREATE TABLE cessations (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL UNIQUE REFERENCES households (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        notice_date TEXT,
        reason_list TEXT NOT NULL DEFAULT 'leaving' CHECK (reason_list = 'leaving'),
        reason_key TEXT NOT NULL DEFAULT 'other',
        reason_text TEXT,
        initiated_by TEXT NOT NULL DEFAULT 'carer' CHECK (initiated_by IN ('carer', 'service')),
        notes TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        FOREIGN KEY (reason_list, reason_key) REFERENCES reasons (list, key)
      ) STRICT;
      CREATE INDEX cessations_by_date ON cessations (date, reason_key);

      CREATE TABLE exit_interviews (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        closure_id INTEGER REFERENCES closures (id) ON DELETE CASCADE,
        cessation_id INTEGER REFERENCES cessations (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('offered', 'held', 'declined')),
        offered_date TEXT,
        held_date TEXT,
        held_by TEXT,
        notes TEXT,
        might_return INTEGER CHECK (might_return IN (0, 1)),
        CHECK ((closure_id IS NULL) <> (cessation_id IS NULL))
      ) STRICT;
      CREATE INDEX exit_interviews_by_household ON exit_interviews (household_id);
      CREATE UNIQUE INDEX exit_interviews_by_closure ON exit_interviews (closure_id) WHERE closure_id IS NOT NULL;
      CREATE UNIQUE INDEX exit_interviews_by_cessation ON exit_interviews (cessation_id) WHERE cessation_id IS NOT NULL;

      CREATE TABLE exit_interview_reasons (
        interview_id INTEGER NOT NULL REFERENCES exit_interviews (id) ON DELETE CASCADE,
        list TEXT NOT NULL,
        reason_key TEXT NOT NULL,
        PRIMARY KEY (interview_id, list, reason_key),
        FOREIGN KEY (list, reason_key) REFERENCES reasons (list, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE pathway_changes (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        from_pathway TEXT NOT NULL,
        to_pathway TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pathway_changes_by_household ON pathway_changes (household_id);

      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        sheet TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('enquiries', 'carers')),
        profile TEXT,
        rows INTEGER NOT NULL,
        new_count INTEGER NOT NULL,
        updated_count INTEGER NOT NULL,
        unchanged_count INTEGER NOT NULL,
        duplicate_count INTEGER NOT NULL,
        rejected_count INTEGER NOT NULL,
        user TEXT NOT NULL,
        created_at TEXT NOT NULL,
        undone_at TEXT
      ) STRICT;
      CREATE INDEX import_batches_by_hash ON import_batches (file_hash);

      CREATE TABLE import_profiles (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('enquiries', 'carers')),
        header_signature TEXT NOT NULL,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_profiles_by_signature ON import_profiles (header_signature);

      -- Every change, by hand, import or undo. old/new values are JSON text.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        household_id INTEGER,
        batch_id INTEGER,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        reason TEXT
      ) STRICT;
      CREATE INDEX audit_log_by_household ON audit_log (household_id, id);
      CREATE INDEX audit_log_by_batch ON audit_log (batch_id, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
    const insert = db.prepare(
      'INSERT INTO reasons (list, key, label, position, ofsted_code, ended_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const list of REASON_LISTS_1) {
      DEFAULT_REASONS_1[list].forEach((r, i) =>
        insert.run(list, r.key, r.label, i + 1, r.ofstedCode ?? null, r.endedBy ?? null),
      );
    }
  },
};

/*
 * The reason lists this migration wrote (domain/reasons.ts REASON_LISTS and DEFAULT_REASONS as they
 * shipped with it, 26/11/2026), copied here so the migration does what it did whatever becomes of
 * the live defaults: a shipped migration never changes (frozen-migration-rules.test.ts checks the
 * live defaults still equal them; a change there leaves this copy as it is and brings its own
 * migration for the databases already made).
 */
interface DefaultReason1 {
  key: string;
  label: string;
  endedBy?: 'applicant' | 'service' | 'lost_contact' | 'any';
  ofstedCode?: string;
}

export const REASON_LISTS_1 = ['dropout', 'leaving'] as const;

export const DEFAULT_REASONS_1: Record<(typeof REASON_LISTS_1)[number], readonly DefaultReason1[]> = {
  dropout: [
    {
      key: 'not_as_expected',
      label: 'Fostering was not as the applicant expected',
      endedBy: 'applicant',
      ofstedCode: 'AW1',
    },
    {
      key: 'process',
      label: 'Assessment process was not as the applicant expected',
      endedBy: 'applicant',
      ofstedCode: 'AW2',
    },
    {
      key: 'circumstances',
      label: 'Household circumstances changed',
      endedBy: 'applicant',
      ofstedCode: 'AW3',
    },
    {
      key: 'financial',
      label: 'Unable to continue for financial reasons',
      endedBy: 'applicant',
      ofstedCode: 'AW4',
    },
    {
      key: 'allegations_risk',
      label: 'Concerned about the risk of allegations',
      endedBy: 'applicant',
      ofstedCode: 'AW5',
    },
    { key: 'housing', label: 'No spare bedroom / housing', endedBy: 'applicant', ofstedCode: 'AW3' },
    {
      key: 'other_provider',
      label: 'Chose another fostering provider (IFA or another LA)',
      endedBy: 'applicant',
      ofstedCode: 'AW0',
    },
    { key: 'lost_contact', label: 'Lost contact / no response', endedBy: 'lost_contact', ofstedCode: 'AW0' },
    { key: 'unsuitable_checks', label: 'Checks or references unsatisfactory', endedBy: 'service' },
    { key: 'counselled_out', label: 'Counselled out by the service', endedBy: 'service' },
    { key: 'not_approved', label: 'Panel or decision maker did not approve', endedBy: 'service' },
    { key: 'other', label: 'Other reason / unknown', endedBy: 'any', ofstedCode: 'AW0' },
  ],
  leaving: [
    { key: 'permanence', label: 'Permanence plan for child (including Staying Put)' },
    { key: 'transfer_la', label: "Transfer to another LA fostering service / children's trust" },
    { key: 'transfer_ifa', label: 'Transfer to an independent fostering agency' },
    {
      key: 'personal_circumstances',
      label: 'Personal circumstances e.g. separation, bereavement, retirement',
    },
    { key: 'not_for_them', label: 'Decided fostering not for them' },
    { key: 'dissatisfied', label: 'Dissatisfied with quality of service' },
    { key: 'safeguarding_termination', label: 'Safeguarding (termination)' },
    { key: 'resigned_prior_to_concerns', label: 'Resigned prior to quality of care and safeguarding issues' },
    { key: 'other', label: 'Other – including death' },
  ],
};
