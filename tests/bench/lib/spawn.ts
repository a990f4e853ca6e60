import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const BENCH_DIR = join(import.meta.dirname, '..');
const CHILD = join(BENCH_DIR, 'child.ts');
const MARK = 'BENCH_RESULT ';

export type ChildResult = Record<string, unknown> & {
  /** Peak resident set of the child over its whole life (process.resourceUsage().maxRSS). */
  peakRssMb: number;
};

/**
 * Runs one task in a fresh Node process so each measurement starts cold in memory and
 * its peak RSS is its own. The child prints one `BENCH_RESULT {json}` line; anything else
 * it prints (warnings) is passed through to stderr.
 */
// Children still running when the bench is interrupted are ended with it.
const running = new Set<ReturnType<typeof spawn>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}

export function runChild(
  task: string,
  args: Record<string, unknown>,
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), '--import', 'tsx', CHILD, task, JSON.stringify(args)],
      {
        cwd: join(BENCH_DIR, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    running.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
          err += `\n(killed after ${Math.round(options.timeoutMs! / 1000)} s)`;
        }, options.timeoutMs)
      : null;
    child.on('close', (code) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      const chatter = out
        .split('\n')
        .filter((l) => l && !l.startsWith(MARK))
        .join('\n');
      if (chatter) process.stderr.write(`[${task}] ${chatter.slice(0, 2000)}\n`);
      if (code === 0 && line) return resolve(JSON.parse(line.slice(MARK.length)) as ChildResult);
      reject(new Error(`${task} failed (exit ${code}): ${err.trim().split('\n').slice(-12).join('\n')}`));
    });
  });
}

/** Called by child.ts: prints the result with the process's peak RSS and exits. */
export function finishChild(result: Record<string, unknown>): never {
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\n${MARK}${JSON.stringify({ ...result, peakRssMb })}\n`);
  process.exit(0);
}
