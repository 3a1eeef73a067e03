/**
 * The schema, one step per version. PRAGMA user_version records the last step
 * applied; a step is never edited once released, only followed by another.
 */
export const migrations: string[] = [
  `CREATE TABLE queues (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     directory TEXT,
     concurrency INTEGER NOT NULL DEFAULT 3,
     speed_limit INTEGER NOT NULL DEFAULT 0,
     paused INTEGER NOT NULL DEFAULT 0
   );
   INSERT INTO queues (id, name) VALUES (1, 'Default');
   CREATE TABLE downloads (
     id INTEGER PRIMARY KEY,
     queue_id INTEGER NOT NULL REFERENCES queues(id),
     account_id TEXT,
     ref TEXT NOT NULL,
     status TEXT NOT NULL,
     name TEXT,
     path TEXT,
     directory TEXT NOT NULL,
     size INTEGER,
     received INTEGER NOT NULL DEFAULT 0,
     error_code TEXT,
     error_message TEXT,
     priority INTEGER NOT NULL DEFAULT 0,
     connections INTEGER,
     speed_limit INTEGER,
     resume_state TEXT,
     sha256 TEXT,
     created_at INTEGER NOT NULL,
     finished_at INTEGER
   );
   CREATE INDEX downloads_by_status ON downloads (status, queue_id, priority DESC, id);`,
  // Daily windows ('HH:MM' local time) when a queue may run, and which provider fetched a download.
  `ALTER TABLE queues ADD COLUMN schedule_start TEXT;
   ALTER TABLE queues ADD COLUMN schedule_stop TEXT;
   ALTER TABLE downloads ADD COLUMN provider TEXT NOT NULL DEFAULT 'http';`,
  // Concurrency 0: the queue has no limit of its own, only the global setting applies. The default queue starts so.
  `UPDATE queues SET concurrency = 0 WHERE id = 1 AND concurrency = 3;`,
  // Accounts: non-secret fields as JSON, and only the names of the secret fields that are set (the secrets are in the keychain).
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     provider TEXT NOT NULL,
     label TEXT NOT NULL UNIQUE,
     base_url TEXT,
     fields TEXT NOT NULL,
     secrets_set TEXT NOT NULL,
     is_default INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );`,
  // Unpacking archives: whether a download asked for it, and where the contents went.
  `ALTER TABLE downloads ADD COLUMN unpack INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE downloads ADD COLUMN unpacked_to TEXT;`,
  // Why a waiting download waits (a batch job's status, a locked file), in the platform's words.
  `ALTER TABLE downloads ADD COLUMN waiting_for TEXT;`,
  // The names of the session values (tokens a platform hands out) an account keeps in the keychain.
  `ALTER TABLE accounts ADD COLUMN session_names TEXT NOT NULL DEFAULT '[]';`,
  // The timeline of each download (starts, retries and their reasons, pauses, the outcome), gone with its download.
  `CREATE TABLE download_events (
     id INTEGER PRIMARY KEY,
     download_id INTEGER NOT NULL REFERENCES downloads(id) ON DELETE CASCADE,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     message TEXT
   );
   CREATE INDEX download_events_by_download ON download_events (download_id, id);`,
];
