import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, tempDir, type TestApp } from '../../support/temp.ts';

// tests/support/temp.ts cleans what a test makes after that test, and what a suite's beforeAll
// makes only after the file: a later describe's set-up must keep its database and folder for
// all its tests, not lose them after its first one.
const dirs: string[] = [];

function suiteUsingOneApp(name: string): void {
  describe(name, () => {
    let app: TestApp;
    let folder: string;
    beforeAll(async () => {
      app = await testApp();
      folder = tempDir();
      dirs.push(app.dir, folder);
    });

    it('opens the database its set-up made', async () => {
      const status = await app.call('system.getStatus', {});
      expect(status).toBeTruthy();
      expect(existsSync(app.dbPath)).toBe(true);
      expect(existsSync(folder)).toBe(true);
    });

    it('still has that database and folder in its second test', async () => {
      const status = await app.call('system.getStatus', {});
      expect(status).toBeTruthy();
      expect(existsSync(app.dbPath)).toBe(true);
      expect(existsSync(folder)).toBe(true);
    });
  });
}

suiteUsingOneApp('a first describe making its app in beforeAll');
suiteUsingOneApp('a second describe making its app in beforeAll');

describe('what a test makes itself', () => {
  let made = '';
  it('is there during the test', () => {
    made = tempDir();
    expect(existsSync(made)).toBe(true);
  });
  it('is gone after it', () => {
    expect(made).not.toBe('');
    expect(existsSync(made)).toBe(false);
  });
});

afterAll(() => {
  // The suites' folders last until the file's end (removed after this hook).
  for (const dir of dirs) expect(existsSync(dir)).toBe(true);
});
