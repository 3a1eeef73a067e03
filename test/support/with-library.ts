import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { DownloadStore } from '../../electron/store/download-store';
import { makeTempDir, type TempDir } from './temp-dir';

/** A library in a fresh profile folder, as one process opens it. */
export interface LibraryFixture {
  profile: TempDir;
  db: DatabaseSync;
  store: DownloadStore;
}

/**
 * Gives every test of the file (or describe block) its own library: opened
 * before each test, closed and deleted after. Read its fields inside tests only.
 */
export function withLibrary(prefix = 'ferry-library-'): LibraryFixture {
  const fixture = {} as LibraryFixture;
  beforeEach(async () => {
    fixture.profile = await makeTempDir(prefix);
    fixture.db = openDatabase(fixture.profile.path);
    fixture.store = new DownloadStore(fixture.db);
  });
  afterEach(async () => {
    fixture.db.close();
    await fixture.profile.remove();
  });
  return fixture;
}
