import type { CliIo } from './command.ts';

// C0 except tab and line feed, DEL and C1: what a terminal acts on instead of printing.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Data reaches the terminal from files and from other people's typing; a name holding
 * ESC or BEL could recolour, retitle or rewrite the screen, or hide a line of output. Each
 * such character is printed as its `\uXXXX` escape instead: visible as text, and inside
 * `--json` output the same escape JSON would use, so the JSON still parses to the stored
 * value. Tab and line feed pass, as the CLI's own layout uses them.
 */
export const escapeControlChars = (text: string): string =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const safeIo = (io: CliIo): CliIo => ({
  out: (t) => io.out(escapeControlChars(t)),
  err: (t) => io.err(escapeControlChars(t)),
});
