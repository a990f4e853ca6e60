/**
 * The Content-Security-Policy for the renderer, whichever way it is served (and, the same,
 * in index.html's meta tag): no remote
 * origins, no eval, no inline script. Inline styles are allowed because the chart
 * library (recharts) sets style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** frame-ancestors only works as a header (a <meta> policy ignores it), so it is added here. */
const HEADER_POLICY = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
