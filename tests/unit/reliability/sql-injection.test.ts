import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqlStringList } from '../../../src-main/db/journey-sql.ts';

/**
 * Every query is parameterised. This test reads the core's source and finds SQL handed to
 * prepare/exec/pragma as a template literal with `${…}` inside, or glued together with `+`.
 * An interpolation passes only if it is an UPPER_CASE constant (or computed from one), a
 * quoted identifier (`ident(…)`), a `{ sql, params }` fragment's `.sql`, a report helper
 * over a literal column, or listed below with the reason it cannot carry a user's value.
 * Adding one: make it a bound parameter (`?`) if you can; if it must be SQL, add it here
 * with the reason.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  'src-main/db/open.ts': {
    'm.version': 'a migration number from the MIGRATIONS array',
    'mmapBytes()': 'a number: the constant MMAP_BYTES, or 0 where FOSTERING_FUNNEL_MMAP turns the map off',
  },
  'src-main/db/erase.ts': {
    sets: 'quoted identifiers of the constant PERSONAL_COLUMNS that this schema has',
    blanks: 'quoted identifiers of the constant PERSONAL_COLUMNS that this schema has',
  },
  'src-main/db/queries/import-undo.ts': {
    c: 'a name from the constant HOUSEHOLD_COLUMNS list (or updated_at): one statement per column',
  },
  'src-main/db/queries/import-commit.ts': {
    col: 'a name from the constant HOUSEHOLD_COLUMNS list: one statement per column',
  },

  'src-main/db/episodes.ts': {
    'i.name.replace(/"/g, \'""\')': 'an index name read from sqlite_master, quoted as an identifier',
  },
  'src-main/db/queries/import-marks.ts': {
    't.name': 'a trigger name from the constant INSERT_TRIGGERS list',
  },
  'src-main/db/handle.ts': { wait: "the connection's own busy_timeout, read as a number" },
  'src-main/db/bulk-load.ts': {
    cache: "the connection's own cache_size, read as a number",
    threads: "the connection's own threads setting, read as a number",
    'i.name.replace(/"/g, \'""\')': 'an index name read from sqlite_master, quoted as an identifier',
  },
  'src-main/db/queries/households-journey.ts': {
    column: 'a value of the constant EDITABLE map of column names',
    table: "a literal table name: the 'households' | 'purge_ledger' parameter type",
  },
  'src-main/db/purge.ts': {
    applied:
      'a list of milestone kinds generated from the constant stage order, from the milestone the application basis (one of two constants) names',
    received: 'applicationReceivedSql: constant SQL for one of the two application bases (any other throws)',
    connected:
      "the constant CONNECTED map's SQL for the connected-person setting (one of two keys, read by getConnectedPersonBasis)",
    'endedSelect(db)':
      'a constant SELECT list whose only interpolations are applied and connected above (the purge list and one erasure request share it)',
  },
  'src-main/db/queries/households.ts': {
    "milestoneOrderSql('kind')": 'a CASE generated from the constant stage order in domain/stages.ts',
  },
  'src-main/db/queries/forecast-source.ts': {
    filter: "either '' or the constant 'WHERE e.pathway = ?' (the pathway itself is bound)",
  },
  'src-main/db/queries/households-list.ts': {
    p: "either '' or the constant ' AND pathway = ?'",
    cols: 'a constant column list',
    surnameIs: 'one of three literal conditions on surname_fold (its values bound): sameNameKey',
    firstIs: 'one of two literal conditions on first_name_fold (its values bound): sameNameKey',
  },
  'src-main/db/queries/carers.ts': {
    table: "a literal table name from the loop's constant tuple (the carer tables a merge moves)",
  },
  'src-main/db/queries/households-merge.ts': {
    table: "a literal table name: the 'closures' | 'cessations' parameter type or the loop's constant tuple",
    column: 'a value of the constant EDITABLE map of column names',
  },
  'src-main/db/queries/ofsted.ts': {
    'column(c)': 'a characteristic checked against the constant CHARACTERISTICS column list',
    of: "a set's constant wider SQL (withdrawals or deregistrations, built in this file); its dates are bound",
    chars: 'the characteristic columns, each checked against CHARACTERISTICS',
    received: 'applicationReceivedSql: constant SQL for one of the two application bases (any other throws)',
    'byApplicationIndex(basis)': 'a constant INDEXED BY clause for the Stage 1 basis, or nothing',
    firstDate:
      "milestoneDateSql's date of a constant milestone (MILESTONES): its column, or Stage 1's constant application expression",
    firstIndex:
      "milestoneDateSql's constant index for it (episodes_by_<milestone>, or episodes_by_application)",
    'pathwayAtSql(firstDate)':
      'the constant pathway-at-a-date expression over that constant date (the pathway is bound)',
    "columns.join(', ')":
      "sumByPathway's sums, one per constant pathway (PATHWAYS, quoted by sqlString) of a constant expression this file passes ('x.n', 'x.missing', '0', '1')",
  },
  'src-main/db/queries/diversity.ts': {
    'valueSql(c, grouped)': 'an expression over a column checked against CHARACTERISTICS; values are bound',
    'fySql(cohort)':
      'the financial year of a constant milestone column, chosen by the cohort (a closed list)',
    'inCohortSql(cohort, pathway, basis)':
      'a constant condition on a constant milestone column or application-received expression; dates and pathway bound as @from, @to, @pathway',
    'cohortDate(cohort, basis)':
      'a constant milestone column, or the constant application-received expression of one of the two bases',
    "years.join(', ')": 'one constant CASE a cohort, each from fySql and inCohortSql above',
    inRange: 'constant milestone columns, each BETWEEN the bound @from and @to',
    onPathway: 'a constant condition on the pathway columns (the pathway bound as @pathway), or nothing',
    'peopleOf(cohort, pathway)':
      'a constant cohort sub-query over a constant milestone column, its pathway at that date bound when filtered',
  },
  'src-main/db/queries/reasons.ts': {
    column: "one of the literal column names passed to set('label', …)",
    used: 'one of two constant sub-queries, chosen by the reason list',
  },
};

/**
 * The report queries (src-main/db/queries/reports/) compose SQL from constant fragments chosen by
 * the pathway scope (a closed enum); the only user values that reach them are the options' years
 * and the date range made from them, which must always be bound. So there an interpolation
 * is refused when it mentions one of those (the runtime check in
 * tests/integration/reliability/sql-values.test.ts backs this up).
 */
const REPORT_USER_VALUES = /\b(o|options|input)\.(from|to)\b|\brange\b|\binput\b|\bfrom\s*\+|\bparams\b/;

const ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** The `${…}` expressions of a template literal (balanced braces, no nested templates). */
function interpolations(template: string): string[] {
  const out: string[] = [];
  for (let i = template.indexOf('${'); i >= 0; i = template.indexOf('${', i + 1)) {
    let depth = 1;
    let j = i + 2;
    for (; j < template.length && depth > 0; j++) {
      if (template[j] === '{') depth++;
      else if (template[j] === '}') depth--;
    }
    out.push(template.slice(i + 2, j - 1).trim());
    // Templates nested inside an expression belong to that expression, judged as a whole.
    i = j - 2;
  }
  return out;
}

/** prepare / exec / pragma calls whose first argument is a template literal, with their line. */
export function findSqlTemplates(source: string): Array<{ line: number; template: string }> {
  const found: Array<{ line: number; template: string }> = [];
  const call = /\.(prepare|exec|pragma)\s*(<[^()]*?>)?\s*\(\s*`/g;
  for (let m = call.exec(source); m; m = call.exec(source)) {
    const start = m.index + m[0].length;
    let end = start;
    let depth = 0;
    for (; end < source.length; end++) {
      const ch = source[end];
      if (ch === '\\') end++;
      else if (ch === '$' && source[end + 1] === '{') depth++;
      else if (ch === '}' && depth > 0) depth--;
      else if (ch === '`' && depth === 0) break;
    }
    found.push({ line: source.slice(0, m.index).split('\n').length, template: source.slice(start, end) });
  }
  return found;
}

/** UPPER_CASE constants, and expressions computed only from one (`COLS.join(', ')`, `VIEWS[view]`). */
const isConstantName = (expr: string) => /^(Object\.(entries|keys|values)\()?[A-Z][A-Z0-9_]*\b/.test(expr);
const isQuotedIdent = (expr: string) => /^ident\([\w.]+\)$/.test(expr);
/** The `{ sql, params }` fragment convention: `.sql` / `.from` text has `?` placeholders, values go in params. */
const isFragment = (expr: string) => /^[\w]+(\[\d\])?\.(sql|from)$|^w\[0\]$/.test(expr);
/** Report helpers returning constant SQL for a literal column and a boolean option. */
const isConstantHelper = (expr: string) =>
  /^(periodSql|code)\('[\w.]+'(, [\w.]+)?\)$/.test(expr) || /^scopedFrom\(\w+, '\w+', '\w+'\)$/.test(expr);
/** `cond ? 'SQL' : 'SQL'`: either branch is literal text. */
const isLiteralChoice = (expr: string) => /^[^?`]+\?\s*'[^']*'\s*:\s*'[^']*'$/.test(expr);

describe('SQL is never built from user values', () => {
  it('finds interpolated SQL in this test’s own samples (the check can fail)', () => {
    const bad = "db.prepare(`SELECT * FROM households WHERE surname = '${input.surname}'`).all();";
    const found = findSqlTemplates(bad);
    expect(found).toHaveLength(1);
    expect(interpolations(found[0]!.template)).toEqual(['input.surname']);
    expect(findSqlTemplates('db.prepare<[number], Row>(\n  `SELECT ${COLUMNS} FROM x`)')).toHaveLength(1);
    expect(interpolations('SELECT ${A.map((c) => `${c} = ?`).join()} FROM t WHERE x = ${y}')).toEqual([
      'A.map((c) => `${c} = ?`).join()',
      'y',
    ]);
  });

  it('every ${…} inside prepare/exec/pragma in src-main is a constant, a quoted identifier or listed with its reason', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src-main'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      if (rel.startsWith('src-main/db/migrations/')) continue; // fixed DDL, no input at all
      const source = readFileSync(file, 'utf8');
      for (const { line, template } of findSqlTemplates(source)) {
        for (const expr of interpolations(template)) {
          if (
            isConstantName(expr) ||
            isQuotedIdent(expr) ||
            isFragment(expr) ||
            isConstantHelper(expr) ||
            isLiteralChoice(expr)
          )
            continue;
          if (ALLOWED[rel]?.[expr]) continue;
          if (rel.startsWith('src-main/db/queries/reports/') && !REPORT_USER_VALUES.test(expr)) continue;
          offenders.push(`${rel}:${line} \${${expr}}`);
        }
      }
      // SQL glued with + inside a prepare/exec call.
      const glued = /\.(prepare|exec)\s*(<[^()]*?>)?\s*\(\s*(['"`])[^'"`]*\3\s*\+/g;
      for (let m = glued.exec(source); m; m = glued.exec(source)) {
        offenders.push(`${rel}:${source.slice(0, m.index).split('\n').length} SQL joined with +`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('a constant list of the domain written as SQL (sqlStringList)', () => {
  it('quotes each value so SQLite reads back exactly the list, a quote inside included', () => {
    const values = ['viability_request', "it's", "'); DROP TABLE t; --"];
    const db = new Database(':memory:');
    const sql = sqlStringList(values);
    expect(sql).toBe("('viability_request', 'it''s', '''); DROP TABLE t; --')");
    const back = db
      .prepare(`SELECT value FROM json_each(?) WHERE value IN ${sql}`)
      .pluck()
      .all(JSON.stringify(values));
    expect(back).toEqual(values);
    expect(() => sqlStringList([])).toThrow();
    db.close();
  });
});
