import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer's security settings in one place, asserted by tests: no Node in the page,
 * isolated and sandboxed preload, web security on.
 *
 * Spelling is checked on macOS only, where Electron uses the system's checker. On Windows and
 * Linux it uses Hunspell dictionaries it downloads from Google's CDN the first time a field is
 * typed in: a request to the internet from an app that sends nothing anywhere.
 */
export function windowOptions(
  preloadPath: string,
  platform: NodeJS.Platform = process.platform,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Fostering Funnel',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: platform === 'darwin',
    },
  };
}

/**
 * The hosts a link may open in the system browser: the guidance the reports' definitions cite
 * (GOV.UK for Ofsted, the ONS for the census categories). The app has no other external link, so
 * anything else asking to open a window (a link in text from a file, say) opens nothing.
 */
const EXTERNAL_HOSTS = new Set(['www.gov.uk', 'www.ons.gov.uk']);

/** Only https links to those hosts leave the app (no user name, password or port), and only to the system browser. */
export const isSafeExternalUrl = (url: string): boolean => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_HOSTS.has(u.hostname) && !u.port && !u.username && !u.password;
  } catch {
    return false;
  }
};
