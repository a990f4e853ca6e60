import type { z } from 'zod';
import { contract, type Contract, type MethodName } from '../contract/index.ts';
import { ApiError } from '../contract/errors.ts';
import type { AppContext } from './context.ts';
import { dataHandlers } from './data.ts';
import { carersHandlers } from './carers.ts';
import { householdsHandlers } from './households.ts';
import { reasonsHandlers } from './reasons.ts';
import { alertsHandlers } from './alerts.ts';
import { importsHandlers } from './imports.ts';
import { planningHandlers } from './planning.ts';
import { journeyHandlers } from './journey.ts';
import { reportsHandlers } from './reports.ts';
import { systemHandlers } from './system.ts';

export type { Handler, Handlers } from './handler.ts';
import type { Handlers } from './handler.ts';

function merge(...groups: Array<Record<string, unknown>>): Record<string, unknown> {
  const all: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, fn] of Object.entries(group)) {
      if (name in all) throw new Error(`Handler ${name} is registered twice.`);
      all[name] = fn;
    }
  }
  return all;
}

const handlers = merge(
  systemHandlers,
  householdsHandlers,
  journeyHandlers,
  reasonsHandlers,
  alertsHandlers,
  importsHandlers,
  reportsHandlers,
  planningHandlers,
  dataHandlers,
  carersHandlers,
) as Handlers<Contract>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

/** Names the first invalid field, e.g. `households: Too small: expected number to be >=1`. */
export function invalidInput(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'The input is not valid.';
  return new ApiError('invalid_input', message, field);
}

/**
 * The single entry into the core for every transport: checks the method exists,
 * validates the raw input against its schema, runs the handler.
 */
export async function dispatch(ctx: AppContext, method: string, rawInput: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new ApiError('not_found', `There is no API method called "${method}".`);
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  const handler = handlers[method] as (ctx: AppContext, input: unknown) => unknown;
  return await handler(ctx, parsed.data);
}

/** Any thrown value as the error body that may cross a door; unexpected ones say little. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const err = e as { code?: string; message?: string };
  if (err?.code === 'SQLITE_BUSY' || err?.code === 'SQLITE_LOCKED') {
    return new ApiError('in_use', 'The database is in use by another program; try again in a moment.');
  }
  if (err?.code === 'SQLITE_FULL') return new ApiError('io_error', 'The disk is full: nothing was saved.');
  if (err?.code === 'SQLITE_READONLY') {
    return new ApiError('io_error', 'The database file is read-only: nothing was saved.');
  }
  return new ApiError('internal', `Something went wrong: ${err?.message ?? String(e)}`);
}
