import type { ReportColumn } from '../contract/reports.ts';
import { FIXED_PATHWAY_TABLES } from '../contract/report-shapes.ts';
import type { IsoDate } from '../domain/dates.ts';
import { periodOfKey } from '../domain/financial-year.ts';
import type { RawTable } from './shape.ts';
import type { BuiltTable, TableModule } from './types.ts';
import { recordsBeginNotes } from './records-begin.ts';
import { rangeOf } from './period.ts';

/**
 * Periods not yet started, and the one in progress, in every table whose columns are periods: one
 * wrapper round each table's build (tables.ts), so no table marks its own. A column whose key names
 * a financial year or quarter (periodOfKey: also the drop-out table's quarter blocks and the
 * diversity table's year columns) starting after today is `notStarted`, and finalise (shape.ts)
 * leaves its cells blank; one holding today is `toDate`. A table whose columns are pathways (the
 * Ofsted return) is marked by its one year. The forecast's columns, quarters to come by design,
 * are not wrapped. A range beginning before the records do says so under the table
 * (records-begin.ts).
 */
export function markColumn<C extends ReportColumn>(
  c: C,
  today: IsoDate,
): C & Pick<ReportColumn, 'notStarted' | 'toDate'> {
  const p = periodOfKey(c.key);
  if (!p) return c;
  if (p.from > today) return { ...c, notStarted: true };
  return p.to >= today ? { ...c, toDate: true } : c;
}

/**
 * A table whose columns are pathways for one year (the Ofsted return) takes the year's own state
 * in every column: a year starting after today is blank and headed "(not yet started)", as a year
 * column of any other table is (it printed 0s under "no figures yet, as 2027/28 has not begun");
 * the year in progress is headed "(to date)", its note saying its figures run to today (its
 * figures "at 31 March" were today's under a heading that did not say so: helper-230).
 */
function markYearColumn<C extends ReportColumn>(c: C, year: string, today: IsoDate): C {
  const p = periodOfKey(year);
  if (!p) return c;
  if (p.from > today) return { ...c, notStarted: true };
  return p.to >= today ? { ...c, toDate: true } : c;
}

function marked(raw: RawTable, today: IsoDate, stock: ReadonlySet<string>, year: string | null): RawTable {
  return {
    ...raw,
    columns: raw.columns.map((c) => (year === null ? markColumn(c, today) : markYearColumn(c, year, today))),
    rows: raw.rows.map((r) => (r.kind === 'count' && stock.has(r.key) ? { ...r, stock: true } : r)),
  };
}

export function withPeriodStates(module: TableModule): TableModule {
  const stock = new Set([...(module.stockRows?.start ?? []), ...(module.stockRows?.end ?? [])]);
  return {
    ...module,
    build(db, o, today): BuiltTable {
      const b = module.build(db, o, today);
      const year = module.pathwayColumns ? o.to : null;
      // The return says where its records begin itself, pathway by pathway.
      const pathway = FIXED_PATHWAY_TABLES[module.key] ?? o.pathway;
      const begin = year === null ? recordsBeginNotes(db, rangeOf(o), pathway) : [];
      const notes = [...(b.main.notes ?? []), ...begin];
      return {
        ...b,
        main: { ...marked(b.main, today, stock, year), ...(notes.length > 0 ? { notes } : {}) },
        sections: b.sections.map((s) => ({ ...s, raw: marked(s.raw, today, stock, year) })),
      };
    },
  };
}
