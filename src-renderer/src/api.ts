import type { Input, MethodName, Output } from '../../src-main/contract/index.ts';
import type { ApiErrorBody, FieldIssue } from '../../src-main/contract/errors.ts';

/** An API failure as the UI sees it: the same `{code, message, field}` from every door. */
export class CallError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  /** Every field at fault, where the core found more than one (ApiErrorBody). */
  readonly issues: FieldIssue[] | undefined;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
    this.field = body.field;
    this.issues = body.issues;
  }
}

interface Bridge {
  call(
    method: string,
    input: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiErrorBody }>;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    api?: Bridge;
  }
}

/** The HTTP bridge's token arrives in the URL once; kept for the tab's life only. */
function httpToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('ff-token', fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('ff-token') ?? '';
}

const token = window.api ? '' : httpToken();

async function httpCall(method: string, input: unknown): Promise<unknown> {
  const res = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input ?? {}),
  });
  const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  if (!res.ok)
    throw new CallError(body?.error ?? { code: 'internal', message: `The app answered ${res.status}.` });
  return body;
}

/** Calls one API method, through IPC in Electron or the HTTP bridge in a browser. */
export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  if (window.api) {
    const result = await window.api.call(method, input);
    if (!result.ok) throw new CallError(result.error);
    return result.value as Output<M>;
  }
  return (await httpCall(method, input)) as Output<M>;
}

/**
 * A path the core can read for a file the user chose: in Electron the file's own path,
 * in browser mode a copy uploaded to the bridge's private temporary folder.
 */
export async function pathForFile(file: File): Promise<string> {
  if (window.api) return window.api.pathForFile(file);
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as { path?: string; error?: ApiErrorBody } | null;
  if (!res.ok || !body?.path)
    throw new CallError(body?.error ?? { code: 'io_error', message: 'Upload failed.' });
  return body.path;
}

/** Saves bytes the core produced (exports) with the browser's download, which Electron turns into a save dialog. */
export function saveBytes(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
