import SQLite from 'better-sqlite3';

/** Opens the server's SQLite file from the test, read-write (WAL allows a second connection). */
export function openTestDb(file: string) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  return db;
}
