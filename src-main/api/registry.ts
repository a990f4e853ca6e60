import type { z } from 'zod';
import type { MethodName } from '../contract/index.ts';
import type { MethodSpec } from '../contract/define.ts';
import { ApiError, storageRefusal } from '../contract/errors.ts';
import { unexpectedFault } from '../fault-log.ts';
import { inputWords } from './input-words.ts';
import type { AppContext } from './context.ts';

export type { Handler, Handlers } from './handler.ts';

/** `households` for `households.getRecord`: a method's group, the part of its name before the dot. */
type GroupOf<M> = M extends `${infer G}.${string}` ? G : never;
export type GroupName = GroupOf<MethodName>;

type AnyHandler = (ctx: AppContext, input: unknown) => unknown;

/** One group's slice of the contract and its handlers, as the dispatcher serves them. */
export interface Group {
  contract: Record<string, MethodSpec>;
  handlers: Record<string, AnyHandler>;
}

/** One file pair, e.g. contract/journey.ts with api/journey.ts, as a loader. */
const pair =
  (contract: () => Promise<Record<string, MethodSpec>>, handlers: () => Promise<Record<string, unknown>>) =>
  async (): Promise<Group> => {
    const [c, h] = await Promise.all([contract(), handlers()]);
    return { contract: c, handlers: h as Record<string, AnyHandler> };
  };

const FILES = {
  system: pair(
    () => import('../contract/system.ts').then((m) => m.systemContract),
    () => import('./system.ts').then((m) => m.systemHandlers),
  ),
  households: pair(
    () => import('../contract/households.ts').then((m) => m.householdsContract),
    () => import('./households.ts').then((m) => m.householdsHandlers),
  ),
  journey: pair(
    () => import('../contract/journey.ts').then((m) => m.journeyContract),
    () => import('./journey.ts').then((m) => m.journeyHandlers),
  ),
  reasons: pair(
    () => import('../contract/reasons.ts').then((m) => m.reasonsContract),
    () => import('./reasons.ts').then((m) => m.reasonsHandlers),
  ),
  alerts: pair(
    () => import('../contract/alerts.ts').then((m) => m.alertsContract),
    () => import('./alerts.ts').then((m) => m.alertsHandlers),
  ),
  imports: pair(
    () => import('../contract/imports.ts').then((m) => m.importsContract),
    () => import('./imports.ts').then((m) => m.importsHandlers),
  ),
  reports: pair(
    () => import('../contract/reports.ts').then((m) => m.reportsContract),
    () => import('./reports.ts').then((m) => m.reportsHandlers),
  ),
  planning: pair(
    () => import('../contract/planning.ts').then((m) => m.planningContract),
    () => import('./planning.ts').then((m) => m.planningHandlers),
  ),
  data: pair(
    () => import('../contract/data.ts').then((m) => m.dataContract),
    () => import('./data.ts').then((m) => m.dataHandlers),
  ),
  carers: pair(
    () => import('../contract/carers.ts').then((m) => m.carersContract),
    () => import('./carers.ts').then((m) => m.carersHandlers),
  ),
};
type FileName = keyof typeof FILES;

/**
 * The files that serve each method group (the part of a method's name before the dot), loaded on
 * the group's first call. A CLI command calls one or two groups, so it never evaluates the others'
 * schemas, report builders or import pipeline: evaluating all of them was most of the CLI's
 * start-up. Every transport still goes through `dispatch` below; the contract-groups unit test
 * checks that each method of `contract` is found in its group.
 */
const GROUPS: { [G in GroupName]: FileName[] } = {
  system: ['system'],
  households: ['households', 'journey'],
  reasons: ['reasons'],
  alerts: ['alerts', 'journey'],
  imports: ['imports'],
  reports: ['reports'],
  planning: ['planning'],
  data: ['data'],
  carers: ['carers'],
};

const loadedFiles = new Map<FileName, Promise<Group>>();
const loadedGroups = new Map<GroupName, Promise<Group>>();

/** Loads once; a failed load (a missing chunk) is not kept, so the next call tries again. */
function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** A method group's contract slice and handlers (loaded once), or undefined for no such group. */
export function loadGroup(name: string): Promise<Group> | undefined {
  if (!Object.hasOwn(GROUPS, name)) return undefined;
  const group = name as GroupName;
  return once(loadedGroups, group, async () => {
    const files = await Promise.all(GROUPS[group].map((f) => once(loadedFiles, f, FILES[f])));
    return {
      contract: Object.assign({}, ...files.map((f) => f.contract)) as Group['contract'],
      handlers: Object.assign({}, ...files.map((f) => f.handlers)) as Group['handlers'],
    };
  });
}

/**
 * Loads every group now. A long-running door (the browser-mode server, the Electron window) calls
 * it once it is listening, so the first screen's calls do not wait for their group's code to load;
 * a CLI command loads only the groups it calls.
 */
export async function loadEveryGroup(): Promise<void> {
  await Promise.all(Object.keys(GROUPS).map((g) => loadGroup(g)));
}

const groupOf = (method: string): string => method.slice(0, Math.max(0, method.indexOf('.')));

/** The method's spec and handler, or undefined when the contract has no such method. */
async function resolveMethod(method: string): Promise<{ spec: MethodSpec; handler: AnyHandler } | undefined> {
  const g = await loadGroup(groupOf(method));
  if (!g || !Object.hasOwn(g.contract, method)) return undefined;
  return { spec: g.contract[method]!, handler: g.handlers[method]! };
}

/** Whether the contract has this method (loads its group). */
export async function isMethodName(name: string): Promise<boolean> {
  return (await resolveMethod(name)) !== undefined;
}

/**
 * Names the first invalid field by its key, then says what is wrong, e.g. `heldBy: Too long: at most
 * 120 characters.` (in the app's words: dispatch parses with inputWords). The key is also the error's
 * `field`, so a form shows the message beside that field (without the key) and the CLI names its option.
 * Where more fields are at fault, `issues` names each with its message (ApiError keeps it only then).
 */
export function invalidInput(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'The input is not valid.';
  // Every other field at fault too, its first fault each, so a form can say them all at once.
  const issues = new Map<string, string>();
  for (const i of error.issues) {
    const key = i.path.map(String).join('.');
    if (key && !issues.has(key)) issues.set(key, i.message);
  }
  return new ApiError(
    'invalid_input',
    message,
    field,
    [...issues].map(([f, m]) => ({ field: f, message: m })),
  );
}

/**
 * The single entry into the core for every transport: checks the method exists,
 * validates the raw input against its schema, runs the handler.
 */
export async function dispatch(ctx: AppContext, method: string, rawInput: unknown): Promise<unknown> {
  const found = await resolveMethod(method);
  if (!found) throw new ApiError('not_found', `There is no API method called "${method}".`);
  const parsed = found.spec.input.safeParse(rawInput ?? {}, { error: inputWords });
  if (!parsed.success) throw invalidInput(parsed.error);
  return await found.handler(ctx, parsed.data);
}

/**
 * Any thrown value as the error body that may cross a door: a refusal as worded, SQLite's
 * refusals as the app words them, anything else as a fault whose details go to the log only.
 */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return storageRefusal(e) ?? unexpectedFault(e);
}
