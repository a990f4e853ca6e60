import { ipcMain } from 'electron';
import type { AppContext } from '../api/context.ts';
import { dispatch, toApiError } from '../api/registry.ts';

/** Serves the contract over IPC: the same dispatcher as the HTTP bridge and the CLI. */
export function registerIpc(ctx: AppContext, isTrustedSender: (url: string) => boolean): void {
  ipcMain.handle('api', async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url ?? '')) {
      return {
        ok: false,
        error: { code: 'refused', message: 'Calls are accepted only from the app window.' },
      };
    }
    try {
      return { ok: true, value: await dispatch(ctx, String(method), input) };
    } catch (e) {
      return { ok: false, error: toApiError(e).toJSON() };
    }
  });
}
