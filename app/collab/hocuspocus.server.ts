// The collaboration server: Hocuspocus on /collab, on the app's own HTTP server and port.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type SQLite from 'better-sqlite3';
import { Hocuspocus, type Connection } from '@hocuspocus/server';
import type { Kysely } from 'kysely';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { Database } from '../../db/schema.ts';
import { allowedOrigins, isSameOrigin } from '../auth/origin.server.ts';
import { authorizeConnection, type CollabContext } from './authentication.server.ts';
import { Persistence } from './persistence.server.ts';
import { SavedState } from './saved-state.server.ts';
import { colorFor } from '../lib/colors.ts';
import type { COMMENTS_CHANGED } from '../features/documents/collab-protocol.ts';

/** http or https as the browser sees it: behind a TLS proxy (TRUST_PROXY) from X-Forwarded-Proto. */
function requestProtocol(req: IncomingMessage): string {
  const forwarded = process.env.TRUST_PROXY
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        .trim()
    : '';
  if (forwarded === 'http' || forwarded === 'https') return forwarded;
  return (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
}

export const COLLAB_PATH = '/collab';
/** A single websocket message (one update) larger than this is refused; the socket closes with 1009. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export interface Collab {
  hocuspocus: Hocuspocus;
  /**
   * Closes the sockets of a user (or of one session of theirs): the provider reconnects and is
   * authorised anew, with the rights they have now (role change, log-out, blocked account).
   */
  closeUserConnections(userId: string, sessionId?: string): number;
  /** The same for everyone in a document (it was archived: everyone reconnects read-only). */
  closeDocumentConnections(documentId: string): number;
  /** Runs `change` on the live document as one transaction: open editors see it at once. */
  changeDocument(documentId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /**
   * Tells the open pages of a document that something beside its text changed (its comments).
   * The message holds no content: pages fetch what changed through their own authorised loader.
   */
  announce(documentId: string, topic: typeof COMMENTS_CHANGED): void;
  /** The current state of a document, live if it is open, else from the database. */
  readState(documentId: string): Promise<Uint8Array>;
  destroy(): Promise<void>;
}

export function createCollab(options: { sqlite: SQLite.Database; db: Kysely<Database>; server: Server }): Collab {
  const persistence = new Persistence(options.sqlite);

  const hocuspocus = new Hocuspocus({
    name: 'thuisplan',
    quiet: true,
    debounce: 2_000, // compaction, not durability: every update is already appended
    maxDebounce: 10_000,
    unloadImmediately: true,
    extensions: [new SavedState((documentName) => persistence.isStored(documentName))],
    async onAuthenticate({ requestHeaders, documentName, connectionConfig, token }) {
      const { context, readOnly } = await authorizeConnection(options.db, requestHeaders.get('cookie'), documentName, token);
      connectionConfig.readOnly = readOnly;
      return context;
    },
    async onLoadDocument({ documentName, document }) {
      persistence.load(documentName, document);
    },
    async afterLoadDocument({ documentName, document }) {
      persistence.attach(documentName, document, (error) => {
        // Not on disk: cut every socket before Hocuspocus acknowledges the update, and drop the
        // in-memory document, so that the clients send their edits again to a freshly loaded one.
        console.error(`Document ${documentName}: wijziging niet opgeslagen`, error);
        terminate(connectionsWhere((connection) => connection.document.name === documentName));
        void hocuspocus.unloadDocument(document);
      });
    },
    async beforeHandleAwareness({ states, context }) {
      // Presence shows who someone is according to their session, not what their browser claims.
      const user = (context as CollabContext | undefined)?.user;
      if (!user) return;
      states.forEach((state) => {
        if (state.user) state.user = { name: user.name, color: colorFor(user.id) };
      });
    },
    async onStoreDocument({ documentName, document }) {
      persistence.compact(documentName, document);
    },
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  options.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== COLLAB_PATH) return; // other upgrades (Vite's HMR in development) are not ours
    const protocol = requestProtocol(req);
    if (!isSameOrigin(req.headers, allowedOrigins(req.headers.host, protocol))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(key, value);
        else if (Array.isArray(value)) headers.set(key, value.join(', '));
      }
      const request = new Request(`${protocol}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { headers });
      const connection = hocuspocus.handleConnection(ws, request);
      ws.on('message', (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
      ws.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      ws.on('error', () => ws.terminate());
    });
  });

  function connectionsWhere(match: (connection: Connection) => boolean): Connection[] {
    const found: Connection[] = [];
    hocuspocus.documents.forEach((document) => {
      document.connections.forEach((_clients, connection) => {
        if (match(connection)) found.push(connection);
      });
    });
    return found;
  }

  // Connection.close() would only detach the document and leave the socket open and unauthenticated;
  // closing the socket makes the provider reconnect and authenticate again.
  function terminate(connections: Connection[]): number {
    for (const connection of connections) connection.webSocket.close(4401, 'Opnieuw aanmelden');
    return connections.length;
  }

  return {
    hocuspocus,
    closeUserConnections(userId, sessionId) {
      return terminate(
        connectionsWhere((connection) => {
          const context = connection.context as CollabContext | undefined;
          return context?.user?.id === userId && (sessionId === undefined || context.sessionId === sessionId);
        })
      );
    },
    closeDocumentConnections(documentId) {
      return terminate(connectionsWhere((connection) => connection.document.name === documentId));
    },
    async changeDocument(documentId, change) {
      const direct = await hocuspocus.openDirectConnection(documentId);
      try {
        await direct.transact((doc) => change(doc));
      } finally {
        await direct.disconnect();
      }
    },
    announce(documentId, topic) {
      hocuspocus.documents.get(documentId)?.broadcastStateless(JSON.stringify({ topic }));
    },
    async readState(documentId) {
      const live = hocuspocus.documents.get(documentId);
      return live ? Y.encodeStateAsUpdate(live) : persistence.readState(documentId);
    },
    async destroy() {
      // Every update is already on disk; compacting now only makes the next start faster.
      hocuspocus.documents.forEach((document, name) => persistence.compact(name, document));
      hocuspocus.closeConnections();
      wss.close();
    },
  };
}
