import { app, BrowserWindow, Menu, net, protocol, session, shell } from 'electron';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeContext, createContext } from '../api/context.ts';
import { loadEveryGroup, toApiError } from '../api/registry.ts';
import { APP_NAME, DB_FILE_NAME, sampleDbPath } from '../db/paths.ts';
import { logFaultsBeside } from '../fault-log.ts';
import { privateUmask } from '../db/private-files.ts';
import { removeSampleFiles } from '../db/sample-files.ts';
import { Store } from '../db/store.ts';
import { SECURITY_HEADERS } from '../transports/security-headers.ts';
import { registerIpc } from './ipc.ts';
import { isSafeExternalUrl, windowOptions } from './window-options.ts';

// The renderer is served from app://ui/ with the same headers as the HTTP bridge.
const SCHEME = 'app';
const ORIGIN = `${SCHEME}://ui`;
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true } }]);

app.setName(APP_NAME);
privateUmask();
// British English for the page (number and date formats Chromium itself shows) whatever the OS locale.
app.commandLine.appendSwitch('lang', 'en-GB');
// A second copy hands over to the first (which comes to the front) and stops here, before it
// opens any database: app.quit() alone is asynchronous, and whenReady would still run.
const primary = app.requestSingleInstanceLock();
if (!primary) app.exit(0);

const rendererDir = resolve(join(import.meta.dirname, '../renderer'));

async function serveRenderer(request: Request): Promise<Response> {
  const path = decodeURIComponent(new URL(request.url).pathname);
  const file = resolve(rendererDir, '.' + normalize(path === '/' ? '/index.html' : path));
  if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
  const upstream = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(upstream.headers);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
  return new Response(upstream.body, { status: upstream.status, headers });
}

async function createWindow(): Promise<BrowserWindow> {
  const win = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(ORIGIN + '/')) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('web-contents-created', (_e, contents) => {
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(async () => {
  if (!primary) return;
  protocol.handle(SCHEME, serveRenderer);
  session.defaultSession.setPermissionRequestHandler((_wc, _p, callback) => callback(false));
  const dbPath = process.env.FOSTERING_FUNNEL_DB ?? join(app.getPath('userData'), DB_FILE_NAME);
  logFaultsBeside(dbPath);
  try {
    const store = await Store.open(dbPath, { check: true });
    const ctx = createContext(store, { realDbPath: dbPath, sampleDbPath: sampleDbPath() });
    // The app starts on the real file: a sample file still there was left by a crash (sample-files.ts).
    removeSampleFiles(ctx.sampleDbPath, ctx.realDbPath);
    registerIpc(ctx, (url) => url.startsWith(ORIGIN + '/'));
    // While the window loads: its first calls then find their handlers loaded.
    void loadEveryGroup().catch(() => undefined);
    app.on('before-quit', () => closeContext(ctx)); // in sample mode, its files are deleted too
  } catch (e) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Fostering Funnel cannot open its database', toApiError(e).message);
    app.quit();
    return;
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
      {
        role: 'help',
        submenu: [{ label: 'About Fostering Funnel', click: () => app.showAboutPanel() }],
      },
    ]),
  );
  await createWindow();
});
