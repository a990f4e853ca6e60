import type Database from 'better-sqlite3';

/**
 * The database handle every storage module takes first. Its own module (open.ts re-exports it)
 * so the modules open.ts reaches through the migrations (episodes.ts) need not import open.ts.
 */
export type Db = Database.Database;
