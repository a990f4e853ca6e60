import { contextBridge, ipcRenderer, webUtils } from 'electron';

/**
 * The renderer's only door, `window.api`: `call(method, input)` invokes that method's own IPC
 * channel (`api:<method>`, one `ipcMain.handle` each). Errors come back as `{ ok: false, error }`
 * bodies (never thrown through IPC, which would lose their shape). `pathForFile` turns a chosen
 * File into its path so imports read it in place. The renderer's `api.ts` gives `call` its types.
 */
contextBridge.exposeInMainWorld('api', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(`api:${method}`, input),
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
