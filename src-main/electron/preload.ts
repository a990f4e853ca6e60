import { contextBridge, ipcRenderer, webUtils } from 'electron';

/**
 * The renderer's only door: one `call(method, input)` function. Errors come back as
 * `{ ok: false, error }` bodies (never thrown through IPC, which would lose their shape).
 * `pathForFile` turns a dropped or chosen File into its path so imports read it in place.
 */
contextBridge.exposeInMainWorld('fosteringFunnel', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('api', method, input),
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
