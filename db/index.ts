import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = 'data/thuisplan.db';

/** Opens the SQLite file (creating its folder) with the pragmas the app relies on. */
export function openSqlite(file = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH): SQLite.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable against a crash of the process (the WAL is in the OS); FULL would add an fsync per commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function kyselyFor(sqlite: SQLite.Database): DB {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

export function openDatabase(file = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH): DB {
  return kyselyFor(openSqlite(file));
}
