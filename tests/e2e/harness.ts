import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { startHttpBridge, type HttpBridge } from '../../src-main/transports/http.ts';
import { testApp, type TestApp } from '../support/temp.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'out', 'renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * End-to-end tests run the built UI in real Chromium against the real core through the
 * HTTP bridge. Outside CI they skip, saying why, when Chromium or the build is missing;
 * with CI=true a missing browser fails the run.
 */
function missing(): string | null {
  if (!existsSync(CHROMIUM))
    return `Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH or apt-get install chromium)`;
  if (!existsSync(join(RENDERER, 'index.html'))) return 'the UI is not built (run npm run build)';
  return null;
}

const reason = missing();
if (reason && process.env.CI === 'true') throw new Error(`End-to-end tests cannot run: ${reason}.`);
if (reason) console.warn(`Skipping end-to-end tests: ${reason}.`);

export const describeE2E = reason ? describe.skip : describe;

/**
 * E2E_SLOW_CORE=ms holds back every answer of the core for up to that long (each a random time,
 * so answers also arrive out of order), after the core has written what it was asked. A test
 * that waits on the database, or on one line of the screen, and then goes on as though the
 * screen had caught up fails under it: run the suite so to find races a slow CI host meets
 * only now and then. Off by default.
 */
const SLOW_CORE = Number(process.env.E2E_SLOW_CORE ?? 0);

/**
 * Answers of the core a test holds back: each request of `method` is answered by the core at once
 * (so the answer says what was true when it was asked) but reaches the page only when released.
 * Only requests made while `hold` is on are held; `held()` resolves once one is.
 */
export async function holdAnswers(page: Page, method: string) {
  const waiting: Array<() => void> = [];
  let onHeld: (() => void) | null = null;
  const control = {
    hold: false,
    /** Resolves once a request is held (at once if one already is). */
    held: () => new Promise<void>((r) => (waiting.length > 0 ? r() : (onHeld = r))),
    /** Lets every held answer through. */
    release: () => waiting.splice(0).forEach((go) => go()),
  };
  await page.route(new RegExp(`/api/${method.replace('.', '\\.')}$`), (route) =>
    passOn(route, async () => {
      if (!control.hold) return;
      await new Promise<void>((go) => {
        waiting.push(go);
        onHeld?.();
        onHeld = null;
      });
    }),
  );
  return control;
}

/**
 * Counts in the page the core's answers the app has read, by method (`answersRead(page, m)`):
 * once the count moves, the app has taken that answer in (it reads each as JSON).
 */
export async function countAnswersRead(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const read: Record<string, number> = {};
    (window as unknown as { answersRead: Record<string, number> }).answersRead = read;
    const json = Response.prototype.json;
    Response.prototype.json = async function (this: Response) {
      const value: unknown = await json.call(this);
      const method = /\/api\/([^/?]+)/.exec(this.url)?.[1];
      if (method) read[method] = (read[method] ?? 0) + 1;
      return value;
    };
  });
}

export const answersRead = (page: Page, method: string): Promise<number> =>
  page.evaluate(
    (m) => (window as unknown as { answersRead: Record<string, number> }).answersRead[m] ?? 0,
    method,
  );

/** Resolves after two frames: a screen update the app has already asked React for is drawn by then. */
export const drawn = (page: Page): Promise<void> =>
  page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );

/** Holds back each answer from the bridge's /api/ for a random time up to `ms`. */
export async function slowAnswers(page: Page, ms: number): Promise<void> {
  await page.route(/\/api\//, (route) =>
    passOn(route, () => new Promise((r) => setTimeout(r, Math.random() * ms))),
  );
}

/**
 * Asks the core now and hands its answer to the page once `meanwhile` settles. A page closed in
 * the meantime (its test over) takes nothing: that is not an error.
 */
async function passOn(route: Route, meanwhile: () => Promise<unknown>): Promise<void> {
  try {
    const response = await route.fetch();
    await meanwhile();
    await route.fulfill({ response });
  } catch {
    await route.abort().catch(() => undefined);
  }
}

export interface E2E {
  app: TestApp;
  bridge: HttpBridge;
  browser: Browser;
  /**
   * A new page already on the app, with the token. `path` is a hash route like `#/import`; the
   * browser's locale is en-GB unless told (en-US shows how the app looks to a US-set browser);
   * `before` runs before the page loads (e.g. to watch its requests).
   */
  open(hash?: string, options?: { locale?: string; before?: (page: Page) => unknown }): Promise<Page>;
}

/** Starts a bridge on a fresh database and one browser for the file's tests; `today` moves the core's clock. */
export function useE2E(
  setup?: (app: TestApp) => Promise<void> | void,
  options: { today?: string } = {},
): E2E {
  const env = {} as E2E;
  beforeAll(async () => {
    env.app = await testApp(options.today ? { today: options.today } : {});
    await setup?.(env.app);
    env.bridge = await startHttpBridge({ ctx: env.app.ctx, staticDir: RENDERER });
    env.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    env.open = async (
      hash = '#/households',
      { locale = 'en-GB', before }: { locale?: string; before?: (page: Page) => unknown } = {},
    ) => {
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 }, locale });
      page.on('pageerror', (e) => console.error('page error:', e.message));
      if (SLOW_CORE) await slowAnswers(page, SLOW_CORE);
      await before?.(page);
      await page.goto(`http://127.0.0.1:${env.bridge.port}/?token=${env.bridge.token}${hash}`);
      return page;
    };
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.bridge?.close();
  });
  return env;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (via the debugger, so the page's CSP stays in force) and returns violations. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; help: string; nodes: number }>> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: Array<{ id: string; help: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
  });
}
