import * as Y from 'yjs';
import SQLite from 'better-sqlite3';
import { DEMO, type DemoUser } from './server.ts';

/** Opens the server's SQLite file from the test, read-write (WAL allows a second connection). */
export function openTestDb(file: string) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Queries on the server's SQLite file, each on a connection of its own that is closed again, so the test never
 * holds a lock the server waits for. `file` is read at each call: the server starts after this is made.
 */
export function serverDb(file: () => string) {
  function sql<T>(query: string, ...params: unknown[]): T[] {
    const db = openTestDb(file());
    try {
      return db.prepare(query).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  function run(query: string, ...params: unknown[]): void {
    const db = openTestDb(file());
    try {
      db.prepare(query).run(...params);
    } finally {
      db.close();
    }
  }
  const workspaceId = (slug: string) => sql<{ id: string }>('select id from workspaces where slug = ?', slug)[0]!.id;
  const userId = (user: DemoUser) => sql<{ id: string }>('select id from users where email = ?', DEMO[user])[0]!.id;
  return { sql, run, workspaceId, userId };
}

/** A document as the server has it on disk: its snapshot plus the appended updates. */
export function storedDoc(file: string, documentId: string): Y.Doc {
  const db = openTestDb(file);
  const doc = new Y.Doc();
  const row = db.prepare('select snapshot from documents where id = ?').get(documentId) as { snapshot: Buffer | null };
  if (row.snapshot) Y.applyUpdate(doc, row.snapshot);
  for (const u of db.prepare('select data from document_updates where document_id = ? order by id').all(documentId) as Array<{
    data: Buffer;
  }>) {
    Y.applyUpdate(doc, u.data);
  }
  db.close();
  return doc;
}
