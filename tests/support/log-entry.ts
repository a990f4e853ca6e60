/** The moment that heads each fault log entry (fault-log.ts), as a pattern: ISO 8601 UTC, then a space. */
export const LOGGED_AT = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z `;
