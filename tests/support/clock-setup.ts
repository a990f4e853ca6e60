// Every test runs at one fixed moment, whatever the real date: the core's clock (src-main/clock.ts)
// is set here, and the same moment goes to every CLI or server process a test starts, through
// the environment they inherit. A test that needs another day sets its own.
import { CLOCK_ENV, setClock } from '../../src-main/clock.ts';

export const TEST_NOW = '2026-11-26T12:00:00';
process.env[CLOCK_ENV] = TEST_NOW;
setClock(TEST_NOW);
