import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
