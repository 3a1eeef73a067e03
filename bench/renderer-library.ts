import { openDatabase } from '../electron/store/database';
import { DownloadStore } from '../electron/store/download-store';

const MiB = 1024 * 1024;
const EXTENSIONS = ['glb', 'png', 'zip', 'fbx', 'jpg', 'pdf', 'usdz', 'webp'];

/**
 * Fills a fresh profile's library with `count` downloads as a busy studio's
 * would look: finished files of many kinds, and the `active` newest ones
 * downloading, so they sit at the top of the list in its default order.
 * Returns the active ids, with the sizes their progress is reported against.
 */
export function seedLibrary(profileDir: string, count: number, active: number): Map<number, number> {
  const db = openDatabase(profileDir);
  try {
    const store = new DownloadStore(db);
    const added = store.addMany(
      Array.from({ length: count }, (_, i) => ({
        ref: `https://cdn.example.com/studio/assets/${i}.${EXTENSIONS[i % EXTENSIONS.length]}`,
        directory: '/home/artist/Downloads',
      })),
    );
    const finish = db.prepare(
      "UPDATE downloads SET status = 'done', name = ?, path = ?, size = ?, received = ?, finished_at = ? WHERE id = ?",
    );
    const start = db.prepare(
      "UPDATE downloads SET status = 'downloading', name = ?, size = ?, received = 0 WHERE id = ?",
    );
    const sizes = new Map<number, number>();
    db.exec('BEGIN');
    added.forEach((download, i) => {
      const name = `asset-${i}.${EXTENSIONS[i % EXTENSIONS.length]}`;
      const size = (1 + (i % 97)) * MiB;
      if (i < count - active) finish.run(name, `/home/artist/Downloads/${name}`, size, size, Date.now(), download.id);
      else {
        start.run(name, size, download.id);
        sizes.set(download.id, size);
      }
    });
    db.exec('COMMIT');
    return sizes;
  } finally {
    db.close();
  }
}
