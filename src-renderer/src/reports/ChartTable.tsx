import { formatCell } from '../../../src-main/contract/report-shapes.ts';
import type { ChartSpec } from './chart-spec.ts';

/** The chart's own data as a table: the "table view" for screen readers and keyboard users. */
export function ChartTable({ spec, title }: { spec: ChartSpec; title: string }) {
  return (
    <table className="report-table chart-table">
      <caption>
        {title}: chart data ({spec.unit})
      </caption>
      <thead>
        <tr>
          <th scope="col">{spec.category}</th>
          {spec.series.map((s) => (
            <th scope="col" key={s.key} className="num">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {spec.data.map((d) => (
          <tr key={String(d.name)}>
            <th scope="row">{d.name}</th>
            {spec.series.map((s) => (
              <td key={s.key} className="num">
                {typeof d[s.key] === 'number' ? formatCell(d[s.key] as number, s.kind) : '–'}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
