import { useEffect, useState } from 'react';

type ChartModule = typeof import('./ReportChart.tsx');

/** The chart's code is its own chunk: recharts and its d3 parts are most of the UI's code, and only Reports draws with them. */
let chart: Promise<ChartModule> | null = null;
/** The chunk once it is in, so a screen mounted after that draws at once. */
let loaded: ChartModule | null = null;

export const loadReportChart = (): Promise<ChartModule> =>
  (chart ??= import('./ReportChart.tsx').then((m) => (loaded = m)));

/**
 * The chart component, or null while its chunk is on its way (`failed` if it could not be
 * fetched). Not React.lazy with Suspense: React holds back a Suspense boundary's content for
 * up to 300 ms after its fallback was shown, and lazy suspends on first render even when the
 * chunk is already in, so the chart was drawn about 0.3 s after its figures had arrived.
 */
export function useReportChart(): { Chart: ChartModule['ReportChart'] | null; failed: boolean } {
  const [mod, setMod] = useState<ChartModule | null>(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (mod) return;
    let live = true;
    loadReportChart().then(
      (m) => live && setMod(m),
      () => {
        // A failed import is not retried by the browser: the next attempt asks again.
        chart = null;
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [mod]);
  return { Chart: mod?.ReportChart ?? null, failed };
}
