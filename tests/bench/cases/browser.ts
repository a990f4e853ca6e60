import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startHttpBridge } from '../../../src-main/transports/http.ts';
import { openApp } from '../lib/app.ts';
import { firstMissing, missingCase, summaryLine, type BenchEnv, type CaseResult } from '../lib/env.ts';
import { runChild } from '../lib/spawn.ts';
import { max, median, ms1, r2 } from '../lib/stats.ts';

/**
 * Case 6: the built UI in real Chromium through the HTTP bridge, a fresh browser context
 * (cold cache) per run. Each time is read inside the page: performance.now() (ms since the
 * navigation started) on the first animation frame where the awaited element exists
 * (watchFrames). The floor is the app shell (the main navigation) painted in the same navigation.
 */
export const RENDERER = resolve(import.meta.dirname, '../../../out/renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHELL = 'nav[aria-label="Main"] a';
const WAIT_MS = 120_000;

/** What each screen draws once its data is in: read from the pages' own markup. */
export const SCREENS = {
  households: {
    hash: '#/households',
    // A virtualised row with its data in (HouseholdList.tsx), not the "Loading…" placeholder row.
    ready: '.hh-scroll [role="row"] [role="cell"] a[href^="#/households?id="]',
    methods: ['households.listHouseholds'],
  },
  reports: {
    hash: '#/reports',
    // The default table's chart (ReportChart.tsx) with its bars or lines drawn.
    ready:
      '.report-chart svg.recharts-surface .recharts-bar-rectangle, .report-chart svg.recharts-surface .recharts-line-curve',
    methods: ['reports.getTable'],
  },
} as const;
type ScreenKey = keyof typeof SCREENS;

type Seen = { __benchSeen?: Partial<Record<'shell' | 'ready', number>> };

/**
 * The page's own watch, installed before its first script runs: on every animation frame, the
 * first time the shell and the awaited element exist, as performance.now() (ms since the
 * navigation started). Not Playwright's waitForFunction: that starts watching a new page only
 * once this process has answered the browser, and this process is also the bridge, busy
 * working out the screen's first call, so the shell was seen (and timed) only after it.
 * A string, so nothing of this process's compiled code goes into the page.
 */
const watchFrames = (ready: string) => `(() => {
  const seen = (window.__benchSeen = {});
  const wanted = { shell: ${JSON.stringify(SHELL)}, ready: ${JSON.stringify(ready)} };
  const look = () => {
    for (const key of ['shell', 'ready'])
      if (!(key in seen) && document.querySelector(wanted[key])) seen[key] = performance.now();
    if (!('ready' in seen)) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

async function browserTask(args: { db: string; today: string; screen: ScreenKey; reps: number }) {
  const screen = SCREENS[args.screen];
  const app = await openApp(args.db, args.today);
  const bridge = await startHttpBridge({ ctx: app.ctx, staticDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const times: number[] = [];
  const floors: number[] = [];
  const errors: string[] = [];
  try {
    for (let i = 0; i < args.reps; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(watchFrames(screen.ready));
      const seen = (key: 'shell' | 'ready') =>
        page.waitForFunction((k) => (window as unknown as Seen).__benchSeen?.[k] ?? false, key, {
          polling: 100,
          timeout: WAIT_MS,
        });
      await page.goto(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}${screen.hash}`);
      floors.push((await (await seen('shell')).jsonValue()) as number);
      try {
        times.push((await (await seen('ready')).jsonValue()) as number);
      } catch {
        // Nothing to measure: the screen does not (yet) draw what the case waits for.
        const text = (
          await page
            .locator('main')
            .innerText()
            .catch(() => '')
        ).slice(0, 160);
        return {
          times,
          floors,
          errors,
          never: `${screen.ready} never appeared in ${WAIT_MS / 1000} s (the screen shows: "${text.replace(/\s+/g, ' ')}")`,
        };
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await bridge.close();
    app.close();
  }
  return { times, floors, errors: errors.slice(0, 3) };
}

export const browserTasks = { 'browser.screen': browserTask };

const GOALS: Record<ScreenKey, { label: string; goal: string; limit: number }> = {
  households: { label: 'Households screen to first rows painted', goal: 'median < 1500 ms', limit: 1500 },
  reports: { label: 'Reports screen to chart drawn', goal: 'median < 1000 ms', limit: 1000 },
};

export async function browserCases(env: BenchEnv): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const key of Object.keys(SCREENS) as ScreenKey[]) {
    const g = GOALS[key];
    const name = `6 Chromium: ${g.label} (${env.households.toLocaleString('en-GB')} households)`;
    const gone = firstMissing(...SCREENS[key].methods);
    let c: CaseResult;
    if (gone) c = missingCase(name, g.goal, `no ${gone} method`);
    else if (!existsSync(CHROMIUM)) c = missingCase(name, g.goal, `no Chromium at ${CHROMIUM}`);
    else if (!existsSync(join(RENDERER, 'index.html')))
      c = missingCase(name, g.goal, 'the UI is not built: run npx electron-vite build');
    else {
      try {
        const r = await runChild(
          'browser.screen',
          { db: env.db, today: env.today, screen: key, reps: env.bigReps + 2 },
          { timeoutMs: 10 * 60_000 },
        );
        if (r.never) throw new Error(`not measured: feature missing (${r.never as string})`);
        const times = r.times as number[];
        const floor = median(r.floors as number[]);
        const med = median(times);
        const errors = r.errors as string[];
        c = {
          name,
          median_ms: ms1(med),
          max_ms: ms1(max(times)),
          peak_rss_mb: Math.round(r.peakRssMb),
          floor_ms: ms1(floor),
          ratio: r2(med / floor),
          goal: g.goal,
          holds: med < g.limit,
          runs: times.length,
          note: `from navigation start, cold browser cache each run; floor: the app shell painted; peak RSS is the bridge process (the core), not Chromium${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`,
        };
      } catch (e) {
        c = {
          ...missingCase(name, g.goal, 'failed'),
          note: `not measured: failed: ${(e as Error).message.slice(0, 500)}`,
        };
      }
    }
    env.log(summaryLine(c));
    out.push(c);
  }
  return out;
}
