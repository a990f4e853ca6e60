import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rowBuffer } from '../../../src-main/db/bulk-insert.ts';
import type { Db } from '../../../src-main/db/handle.ts';
import { FIELD_SOURCES_SQL } from '../../../src-main/db/field-sources.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/**
 * db/bulk-insert.ts writes a bulk import's rows several to a statement, some columns bound once a
 * statement (`fixed`). Whatever it writes must be exactly what one plain insert a row writes: the
 * same values of the same types in the same order (ids follow it), hostile text included.
 */
interface Row {
  id: number;
  n: number | null;
  a: string | null;
  b: string | null;
  at: string;
  batch: number | null;
}
const COLUMNS = ['id', 'n', 'a', 'b', 'at', 'batch'] as const;

function open(): Db {
  const db = new Database(join(tempDir(), 'bulk.db'));
  db.exec(`CREATE TABLE t (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE, n INTEGER, a TEXT, b TEXT,
             at TEXT NOT NULL, batch INTEGER) STRICT`);
  return db;
}

/** Every stored value with its type (quote() tells 1 from '1' and 1.0), in insertion order. */
const stored = (db: Db): unknown[][] =>
  db
    .prepare<[], unknown[]>(
      'SELECT seq, quote(id), quote(n), quote(a), quote(b), quote(at), quote(batch) FROM t ORDER BY seq',
    )
    .raw()
    .all();

const HOSTILE = [
  '007',
  '1e3',
  ' 12 ',
  '',
  'NULL',
  'null',
  "O'Brien",
  '"quoted"',
  'a\u0000b',
  '😀 outside the BMP',
  '\ud800 lone high surrogate',
  'lone low \udc00',
  '\u2028\u2029',
  'tab\tnew\nline',
  '@at',
  '?',
  '-- comment',
  'é'.repeat(300),
];

function rows(count: number, at: string, batch: number | null): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 1000 + i,
    n: i % 3 === 0 ? null : i % 3 === 1 ? -i : Number.MAX_SAFE_INTEGER - i,
    a: HOSTILE[i % HOSTILE.length]!,
    b: i % 2 ? null : HOSTILE[(i * 7) % HOSTILE.length]!,
    at,
    batch,
  }));
}

function plain(db: Db, all: Row[]) {
  const st = db.prepare('INSERT INTO t (id, n, a, b, at, batch) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of all) st.run(COLUMNS.map((c) => r[c]));
}

describe('bulk row inserts', () => {
  // 64 rows a full statement: below, at, and across that, with a partial statement left over.
  for (const count of [1, 63, 64, 65, 200]) {
    it(`${count} rows, some columns fixed, store what one insert a row stores`, () => {
      const at = '2026-11-28T10:00:00.000Z';
      const all = rows(count, at, 7);
      const expected = open();
      plain(expected, all);
      const db = open();
      const buffer = rowBuffer<Row>(db, 't', COLUMNS, { fixed: { at, batch: 7 } });
      all.forEach((r, i) => {
        buffer.add(r);
        if (i % 50 === 49) buffer.flush();
      });
      buffer.flush();
      expect(buffer.size).toBe(0);
      expect(stored(db)).toEqual(stored(expected));
    });
  }

  it('rows given as their values (addValues) store what rows given whole do, and a short row is refused', () => {
    const at = '2026-11-28T10:00:00.000Z';
    const all = rows(130, at, 7);
    const expected = open();
    plain(expected, all);
    const db = open();
    const buffer = rowBuffer<Row>(db, 't', COLUMNS, { fixed: { at, batch: 7 } });
    expect(buffer.own).toEqual(['id', 'n', 'a', 'b']);
    for (const r of all) buffer.addValues(r.id, r.n, r.a, r.b);
    expect(() => buffer.addValues(1, 2, 'a')).toThrow(/takes 4 values here, not 3/);
    buffer.flush();
    expect(stored(db)).toEqual(stored(expected));
  });

  it('a fixed NULL stays NULL, and rows may leave fixed columns out', () => {
    const db = open();
    const buffer = rowBuffer<Row>(db, 't', COLUMNS, { fixed: { batch: null, at: 'x' } });
    buffer.add({ id: 1, n: 5, a: '5', b: null } as Row);
    buffer.flush();
    expect(stored(db)).toEqual([[1, '1', '5', "'5'", 'NULL', "'x'", 'NULL']]);
  });

  it('without fixed columns, as before', () => {
    const all = rows(130, 'now', null);
    const expected = open();
    plain(expected, all);
    const db = open();
    const buffer = rowBuffer<Row>(db, 't', COLUMNS);
    for (const r of all) buffer.add(r);
    buffer.flush();
    expect(stored(db)).toEqual(stored(expected));
  });

  it('refuses a row whose fixed column says otherwise, before writing it', () => {
    const db = open();
    const buffer = rowBuffer<Row>(db, 't', COLUMNS, { fixed: { batch: 7 } });
    buffer.add({ id: 1, n: null, a: null, b: null, at: 'x', batch: 7 });
    expect(() => buffer.add({ id: 2, n: null, a: null, b: null, at: 'x', batch: 8 })).toThrow(
      /t\.batch is fixed at 7/,
    );
    expect(() => buffer.add({ id: 3, n: null, a: null, b: null, at: 'x', batch: null })).toThrow(
      /t\.batch is fixed/,
    );
    buffer.flush();
    expect(stored(db).map((r) => r[1])).toEqual(['1']);
  });

  it('refuses a fixed column the buffer does not write', () => {
    const db = open();
    expect(() =>
      rowBuffer<Row>(db, 't', ['id', 'at'], { fixed: { batch: 1 } as Partial<Row> as never }),
    ).toThrow(/batch is not a column/);
  });

  it('replaces rows with the same key when asked', () => {
    const db = open();
    const buffer = rowBuffer<Row>(db, 't', COLUMNS, { replace: true, fixed: { at: 'y' } });
    buffer.add({ id: 1, n: 1, a: 'first', b: null, at: 'y', batch: null });
    buffer.add({ id: 1, n: 2, a: 'second', b: null, at: 'y', batch: null });
    buffer.flush();
    expect(db.prepare('SELECT id, n, a, at FROM t').raw().all()).toEqual([[1, 2, 'second', 'y']]);
  });
});

describe('the provenance of a bulk load’s new households', () => {
  it('is read from the household by its key, never by scanning households or field_sources (EXPLAIN QUERY PLAN)', async () => {
    const app = await testApp();
    const plan = app.ctx.store.db
      .prepare<[{ id: number }], { detail: string }>(`EXPLAIN QUERY PLAN ${FIELD_SOURCES_SQL}`)
      .all({ id: 1 })
      .map((p) => p.detail);
    expect(
      plan.filter((d) => /^SCAN (h|households|field_sources|s)\b/.test(d)),
      plan.join('\n'),
    ).toEqual([]);
    expect(
      plan.some((d) => /^SEARCH h USING INTEGER PRIMARY KEY/.test(d)),
      plan.join('\n'),
    ).toBe(true);
  });
});
