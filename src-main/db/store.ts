import { openDatabase, schemaVersion, type Db, type OpenOptions } from './open.ts';
import { keepSampleWal } from './sample-files.ts';

/**
 * The database the app is working on now. Settings can switch files (or to the sample
 * database) at run time, so handlers ask the store rather than holding a handle.
 */
export class Store {
  #db: Db | null = null;
  #path = '';
  #sample = false;

  static async open(path: string, options: OpenOptions & { sample?: boolean } = {}): Promise<Store> {
    const store = new Store();
    await store.switchTo(path, options);
    return store;
  }

  get db(): Db {
    if (!this.#db) throw new Error('No database is open.');
    return this.#db;
  }
  get path(): string {
    return this.#path;
  }
  get isSample(): boolean {
    return this.#sample;
  }
  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** Opens the new file first; the current one is closed only once the new one is good. */
  async switchTo(path: string, options: OpenOptions & { sample?: boolean } = {}): Promise<void> {
    const next = await openDatabase(path, options);
    this.close();
    this.#db = next;
    this.#path = path;
    this.#sample = options.sample ?? false;
  }

  close(): void {
    // The sample's -wal, which SQLite deletes as it closes, is kept to be overwritten (sample-files.ts).
    if (this.#sample && this.#db?.open) keepSampleWal(this.#path);
    if (this.#db?.open) this.#db.close();
    this.#db = null;
  }
}
