import { ipcMain } from 'electron';
import type { AppContext } from '../api/context.ts';
import { dispatch, toApiError } from '../api/registry.ts';
import { contract } from '../contract/index.ts';

/** The IPC channel of one API method; the preload builds the same name. */
export const channelOf = (method: string): string => `api:${method}`;

/**
 * Serves the contract over IPC, one `ipcMain.handle` per method, through the same dispatcher
 * (and so the same validation) as the HTTP bridge and the CLI. Errors travel as bodies.
 */
export function registerIpc(ctx: AppContext, isTrustedSender: (url: string) => boolean): void {
  for (const method of Object.keys(contract)) {
    ipcMain.handle(channelOf(method), async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url ?? '')) {
        return {
          ok: false,
          error: { code: 'refused', message: 'Calls are accepted only from the app window.' },
        };
      }
      try {
        return { ok: true, value: await dispatch(ctx, method, input) };
      } catch (e) {
        return { ok: false, error: toApiError(e).toJSON() };
      }
    });
  }
}
