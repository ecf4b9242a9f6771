// Durable Yjs storage: an append-only log of updates plus a compacted snapshot, in SQLite.
//
// The append runs synchronously inside the Y.Doc "update" event, with better-sqlite3's synchronous
// API. Hocuspocus applies a client's update and only then sends the client its sync acknowledgement
// ("saved"), so the row is committed before any client is told its edit is safe: a crash (kill -9)
// loses nothing a client saw as saved. (With an asynchronous database the append would move to
// Hocuspocus's beforeHandleMessage hook; see docs/decisions/0005.)
import type SQLite from 'better-sqlite3';
import * as Y from 'yjs';
import { nowIso } from '../lib/time.ts';

export class DocumentNotFound extends Error {}

export class Persistence {
  private readonly selectDocument;
  private readonly selectUpdates;
  private readonly insertUpdate;
  private readonly compactTx;
  private readonly unsaved = new Set<string>();

  constructor(private readonly sqlite: SQLite.Database) {
    this.selectDocument = sqlite.prepare<[string], { snapshot: Buffer | null }>('select snapshot from documents where id = ?');
    this.selectUpdates = sqlite.prepare<[string], { id: number; data: Buffer }>(
      'select id, data from document_updates where document_id = ? order by id'
    );
    this.insertUpdate = sqlite.prepare<[string, Uint8Array, string]>(
      'insert into document_updates (document_id, data, created_at) values (?, ?, ?)'
    );
    const maxId = sqlite.prepare<[string], { maxId: number | null }>(
      'select max(id) as maxId from document_updates where document_id = ?'
    );
    const writeSnapshot = sqlite.prepare<[Uint8Array, string, string, string]>(
      'update documents set snapshot = ?, snapshot_at = ?, updated_at = ? where id = ?'
    );
    const dropUpdates = sqlite.prepare<[string, number]>('delete from document_updates where document_id = ? and id <= ?');
    this.compactTx = sqlite.transaction((documentId: string, doc: Y.Doc, force: boolean) => {
      const upTo = maxId.get(documentId)?.maxId ?? null;
      if (upTo === null && !force) return false; // nothing appended since the last snapshot
      const now = nowIso();
      writeSnapshot.run(Y.encodeStateAsUpdate(doc), now, now, documentId);
      if (upTo !== null) dropUpdates.run(documentId, upTo);
      return true;
    });
  }

  /**
   * Applies snapshot + appended updates to `doc`. Throws when the document does not exist or its
   * stored state cannot be read: the caller then refuses the connection, so a document that fails
   * to load is never served, nor stored, as an empty one.
   */
  load(documentId: string, doc: Y.Doc): void {
    this.unsaved.delete(documentId); // a fresh load holds only what is on disk
    const row = this.selectDocument.get(documentId);
    if (!row) throw new DocumentNotFound(documentId);
    doc.transact(() => {
      if (row.snapshot) Y.applyUpdate(doc, row.snapshot);
      for (const update of this.selectUpdates.iterate(documentId)) Y.applyUpdate(doc, update.data);
    });
  }

  /**
   * From now on every change to `doc` is appended before anyone is told it is saved. If the append
   * fails (disk full, database locked), the whole state is written as a snapshot instead; if that
   * fails too, the document is marked unsaved (no "saved" answer goes out for it, see `isStored`) and
   * `onUnsaved` cuts its connections. Each later change, and each compaction, tries the whole snapshot
   * again; once one succeeds, everything in memory is on disk and the mark is lifted.
   */
  attach(documentId: string, doc: Y.Doc, onUnsaved: (error: unknown) => void): void {
    doc.on('update', (update: Uint8Array) => {
      if (this.unsaved.has(documentId)) {
        this.retrySnapshot(documentId, doc);
        return;
      }
      try {
        this.insertUpdate.run(documentId, update, nowIso());
      } catch (appendError) {
        try {
          this.compactTx(documentId, doc, true);
        } catch {
          this.unsaved.add(documentId);
          onUnsaved(appendError);
        }
      }
    });
  }

  /** false while a change of the document in memory is not on disk (after a failed write). */
  isStored(documentId: string): boolean {
    return !this.unsaved.has(documentId);
  }

  private retrySnapshot(documentId: string, doc: Y.Doc) {
    try {
      this.compactTx(documentId, doc, true);
      this.unsaved.delete(documentId);
    } catch {
      // still failing: the mark stays and no one hears "saved"
    }
  }

  /** Folds the appended updates into the snapshot. Synchronous, so no update can slip in between. */
  compact(documentId: string, doc: Y.Doc): boolean {
    if (this.unsaved.has(documentId)) {
      this.retrySnapshot(documentId, doc);
      return this.isStored(documentId);
    }
    return this.compactTx(documentId, doc, false);
  }

  /** The current state straight from the database (for a document no one has open). */
  readState(documentId: string): Uint8Array {
    const doc = new Y.Doc();
    this.load(documentId, doc);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }
}
