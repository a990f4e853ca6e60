import { forwardRef, useId, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { PALETTE, type ChartSpec } from './chart-spec.ts';

const WIDTH = 620;
/** Text in the key and the tooltip is the page's ink: the series' colours are too light to read as text. */
const TEXT = { color: 'var(--ink)' };
/** Each line's dash, so lines are told apart without their colour (the key draws each line's dash). */
const DASHES = ['', '8 4', '2 3', '12 4 2 4', '4 4', '12 3 2 3 2 3', '16 4 4 4', '1 6'];
/**
 * Each bar's marks over its colour (none, stripes each way, dots, a grid…), for the same reason: the
 * key's swatch shows them too, and they go into a saved SVG or PNG with the chart's own defs.
 */
const MARK = 'rgba(255,255,255,0.7)';
const MARKS: Array<ReactNode> = [
  null,
  <path key="m" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={MARK} strokeWidth={2} />,
  <circle key="m" cx={4} cy={4} r={1.6} fill={MARK} />,
  <path key="m" d="M0,4 h8" stroke={MARK} strokeWidth={2} />,
  <path key="m" d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke={MARK} strokeWidth={2} />,
  <path key="m" d="M4,0 v8" stroke={MARK} strokeWidth={2} />,
  <path key="m" d="M0,4 h8 M4,0 v8" stroke={MARK} strokeWidth={1.5} />,
  <rect key="m" x={2} y={2} width={4} height={4} fill={MARK} />,
];

/** The chart beside the table. Its numbers come from the same report; the table is the accessible view. */
export const ReportChart = forwardRef<HTMLDivElement, { spec: ChartSpec; title: string }>(
  function ReportChart({ spec, title }, ref) {
    const uid = useId();
    const fillOf = (i: number) => `${uid}-bar-${i}`;
    const height = spec.horizontal ? Math.max(320, spec.data.length * 30 + 90) : 360;
    const common = { width: WIDTH, height, data: spec.data, accessibilityLayer: false };
    const axes = spec.horizontal
      ? [
          <XAxis key="x" type="number" allowDecimals={false} />,
          <YAxis key="y" type="category" dataKey="name" width={230} tick={{ fontSize: 11 }} interval={0} />,
        ]
      : [
          <XAxis key="x" dataKey="name" tick={{ fontSize: 11 }} />,
          <YAxis key="y" allowDecimals={spec.unit !== 'households'} width={48} />,
        ];
    // The key and the tooltip list the series in the table's order (stages as the journey runs,
    // reasons as the service lists them); recharts would sort them alphabetically by label.
    const order = (key: unknown) => spec.series.findIndex((s) => s.key === key);
    const parts = [
      <defs key="defs">
        {spec.series.map((s, i) => (
          <pattern key={s.key} id={fillOf(i)} patternUnits="userSpaceOnUse" width={8} height={8}>
            <rect width={8} height={8} fill={PALETTE[i % PALETTE.length]} />
            {MARKS[i % MARKS.length]}
          </pattern>
        ))}
      </defs>,
      <CartesianGrid key="grid" strokeDasharray="3 3" />,
      ...axes,
      <Tooltip
        key="tip"
        isAnimationActive={false}
        itemSorter={(item) => order(item.dataKey)}
        itemStyle={TEXT}
        separator=": "
      />,
      <Legend
        key="legend"
        wrapperStyle={{ fontSize: 12 }}
        labelStyle={TEXT}
        itemSorter={(item) => order(item.dataKey)}
      />,
    ];
    const bar = (s: ChartSpec['series'][number], i: number) => (
      <Bar
        key={s.key}
        dataKey={s.key}
        name={s.label}
        fill={`url(#${fillOf(i)})`}
        stackId={spec.stacked ? 'a' : undefined}
        isAnimationActive={false}
      />
    );
    const lines = spec.series.filter((s) => spec.kind === 'line' || s.as === 'line');
    const line = (s: ChartSpec['series'][number], i: number) => (
      <Line
        key={s.key}
        dataKey={s.key}
        name={s.label}
        stroke={PALETTE[i % PALETTE.length]}
        strokeDasharray={DASHES[lines.indexOf(s) % DASHES.length]}
        legendType="plainline"
        strokeWidth={2}
        connectNulls={false}
        isAnimationActive={false}
      />
    );
    let chart;
    if (spec.kind === 'line')
      chart = <LineChart {...common}>{[...parts, ...spec.series.map(line)]}</LineChart>;
    else if (spec.kind === 'composed')
      chart = (
        <ComposedChart {...common}>
          {[...parts, ...spec.series.map((s, i) => (s.as === 'line' ? line(s, i) : bar(s, i)))]}
        </ComposedChart>
      );
    else
      chart = (
        <BarChart {...common} layout={spec.horizontal ? 'vertical' : 'horizontal'}>
          {[...parts, ...spec.series.map(bar)]}
        </BarChart>
      );
    return (
      <div
        ref={ref}
        className="report-chart"
        // Narrower than the chart (a 320-px window), it scrolls in its box, which the keyboard must reach.
        tabIndex={0}
        role="img"
        aria-label={`${title}. ${spec.description} The same figures are in the table.`}
      >
        {chart}
      </div>
    );
  },
);
