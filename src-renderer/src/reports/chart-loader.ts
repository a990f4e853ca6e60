/** The chart's code is its own chunk: recharts and its d3 parts are most of the UI's code, and only Reports draws with them. */
let chart: Promise<typeof import('./ReportChart.tsx')> | null = null;

export const loadReportChart = (): Promise<typeof import('./ReportChart.tsx')> =>
  (chart ??= import('./ReportChart.tsx'));
