import * as Y from 'yjs';
import SQLite from 'better-sqlite3';

/** Opens the server's SQLite file from the test, read-write (WAL allows a second connection). */
export function openTestDb(file: string) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  return db;
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
