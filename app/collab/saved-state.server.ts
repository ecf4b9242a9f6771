// "Opgeslagen" true by construction (decision record 0005, the saved-state protocol).
//
// 1. No acknowledgement for an update that is not stored. Hocuspocus answers every applied sync message
//    with SyncStatus "ok". An update whose dependencies the server lacks (they went out on a socket that
//    died) is kept by Yjs as pending structs or pending deletes: it is applied, but not integrated and so
//    not appended. Its "ok" is held back and the server asks the client for what is missing (sync step 1);
//    held acknowledgements go out, in order, once the document covers what their update needs.
// 2. The client asks "saved?" with its state vector as a stateless message; the server answers "saved",
//    with the state vector it has stored, once (a) the client has answered the server's sync step 1 on
//    this connection (that answer carries everything the client had, deletions included), (b) nothing of
//    this connection is held back and (c) the stored document covers the client's state vector.
//    Messages of one connection are handled in order, so every deletion the client made before asking
//    was applied before the answer. Every integrated change is appended synchronously in the document's
//    update event (persistence.server.ts): what the document holds is what the database holds.
//    A read-only connection's changes are dropped; it is answered at once, with `stored: false` when it
//    holds changes the server does not have (edits kept in a browser from before access was lost).
import type {
  Connection,
  Document,
  Extension,
  afterHandleMessagePayload,
  beforeSyncPayload,
  onStatelessPayload,
} from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { writeSyncStep1 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { SAVED_ANSWER, SAVED_REQUEST, type SavedAnswer } from '../features/documents/collab-protocol.ts';

// Hocuspocus wire constants (its MessageType enum and y-protocols' sync message types).
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_STATUS = 8;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const MAX_STATE_VECTOR_CHARS = 64 * 1024;
/** More acknowledgements held back than this: the connection is closed; the client syncs anew. */
const MAX_HELD = 1_000;
/** A connection is asked for what is missing at most this often. */
const ASK_INTERVAL_MS = 1_000;

type Needs = Map<number, number>; // client id -> clock the document must have reached

interface ConnectionState {
  /** What the update of each sync message still waiting for its acknowledgement needs, in order. */
  expected: Array<Needs | null>;
  /** Acknowledgements held back, in order, with what their update needs. */
  held: Array<{ message: Uint8Array; needs: Needs | null }>;
  /** When the server last asked this connection for what is missing (sync step 1). */
  askedAt: number;
  /** The client answered our sync step 1 on this connection: everything it had then is here. */
  answeredStepOne: boolean;
  /** A read-only connection sent changes the document does not have: they will never be stored. */
  unstorable: boolean;
  request: { id: number; needs: Needs } | null;
  send: (message: Uint8Array) => void;
}

/** What applying `update` needs: its own structs integrated and every item it deletes present. */
export function needsOf(update: Uint8Array): Needs {
  const needs: Needs = new Map();
  const need = (client: number, clock: number) => needs.set(client, Math.max(needs.get(client) ?? 0, clock));
  const { structs, ds } = Y.decodeUpdate(update); // one decoding for both
  for (const struct of structs) if (!(struct instanceof Y.Skip)) need(struct.id.client, struct.id.clock + struct.length);
  for (const [client, deletions] of ds.clients) for (const { clock, len } of deletions) need(client, clock + len);
  return needs;
}

export function covers(doc: Y.Doc, needs: Needs | null): boolean {
  if (!needs) return true;
  for (const [client, clock] of needs) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}

/** For an outgoing SyncStatus message, whether it says "stored"; null for any other message. */
function syncStatusOf(message: Uint8Array): boolean | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC_STATUS) return null;
    return decoding.readVarUint(decoder) === 1;
  } catch {
    return null;
  }
}

function syncStepOne(connection: Connection, doc: Document): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, connection.messageAddress);
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function parseRequest(payload: string): { id: number; needs: Needs } | null {
  if (payload.length > MAX_STATE_VECTOR_CHARS || !payload.includes(SAVED_REQUEST)) return null;
  try {
    const { topic, id, sv } = JSON.parse(payload) as { topic?: unknown; id?: unknown; sv?: unknown };
    if (topic !== SAVED_REQUEST || !Number.isSafeInteger(id) || typeof sv !== 'string') return null;
    return { id: id as number, needs: Y.decodeStateVector(fromBase64(sv)) };
  } catch {
    return null;
  }
}

export class SavedState implements Extension {
  /** `isStored(name)`: false while the document holds a change the database refused (persistence). */
  constructor(private readonly isStored: (documentName: string) => boolean = () => true) {}

  private readonly states = new WeakMap<Connection, ConnectionState>();
  /** Per document, the connections with held acknowledgements or an open request. */
  private readonly waiting = new WeakMap<Document, Set<Connection>>();

  private stateOf(connection: Connection, document: Document): ConnectionState {
    let state = this.states.get(connection);
    if (state) return state;
    const send = connection.send.bind(connection);
    state = { expected: [], held: [], askedAt: 0, answeredStepOne: false, unstorable: false, request: null, send };
    const own = state;
    // Every acknowledgement of this connection passes here, right after its update was applied.
    connection.send = (message: Uint8Array) => {
      const status = syncStatusOf(message);
      if (status === null) return send(message);
      const needs = own.expected.shift() ?? null;
      if (!status) return send(message);
      if (own.held.length === 0 && this.stored(document, needs)) return send(message);
      own.held.push({ message, needs });
      if (own.held.length > MAX_HELD) return void connection.webSocket.close(4409, 'Opnieuw synchroniseren');
      this.wait(connection, document, own);
    };
    this.states.set(connection, state);
    return state;
  }

  private wait(connection: Connection, document: Document, state: ConnectionState) {
    let set = this.waiting.get(document);
    if (!set) this.waiting.set(document, (set = new Set()));
    set.add(connection);
    if (state.held.length > 0) this.askForMissing(connection, document, state);
  }

  private askForMissing(connection: Connection, document: Document, state: ConnectionState) {
    const now = Date.now();
    if (now - state.askedAt < ASK_INTERVAL_MS) return;
    state.askedAt = now;
    state.send(syncStepOne(connection, document));
  }

  private stored(document: Document, needs: Needs | null): boolean {
    return this.isStored(document.name) && covers(document, needs);
  }

  /** Releases what the document now covers, for every waiting connection of the document. */
  private settle(document: Document) {
    const set = this.waiting.get(document);
    if (!set) return;
    for (const connection of set) {
      const state = this.states.get(connection);
      if (!state || !document.hasConnection(connection)) {
        set.delete(connection);
        continue;
      }
      while (state.held.length > 0 && this.stored(document, state.held[0]!.needs)) state.send(state.held.shift()!.message);
      if (state.held.length > 0) this.askForMissing(connection, document, state);
      this.answer(connection, document, state);
      if (state.held.length === 0 && !state.request) set.delete(connection);
    }
  }

  private answer(connection: Connection, document: Document, state: ConnectionState) {
    const request = state.request;
    if (!request || !state.answeredStepOne) return;
    if (connection.readOnly) {
      // Its changes are dropped, so it is told at once whether the server has everything it has.
      state.request = null;
      this.reply(connection, document, request.id, !state.unstorable && covers(document, request.needs));
      return;
    }
    if (state.held.length > 0) return;
    if (!this.stored(document, request.needs)) {
      // Only a client that lost an update on the way gets here: ask it for what is missing.
      if (this.isStored(document.name)) this.askForMissing(connection, document, state);
      return;
    }
    state.request = null;
    this.reply(connection, document, request.id, true);
  }

  private reply(connection: Connection, document: Document, id: number, stored: boolean) {
    const answer: SavedAnswer = { topic: SAVED_ANSWER, id, stored, sv: toBase64(Y.encodeStateVector(document)) };
    connection.sendStateless(JSON.stringify(answer));
  }

  async beforeSync({ connection, document, type, payload }: beforeSyncPayload) {
    const state = this.stateOf(connection, document);
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
    if (type === SYNC_STEP_2) state.answeredStepOne = true;
    if (connection.readOnly) {
      if (!state.unstorable && !Y.snapshotContainsUpdate(Y.snapshot(document), payload)) state.unstorable = true;
      return void state.expected.push(null);
    }
    let needs: Needs | null = null;
    try {
      needs = needsOf(payload);
    } catch {
      needs = null; // unreadable: Yjs refuses it when applying, and the connection closes
    }
    state.expected.push(needs);
  }

  async afterHandleMessage({ document }: afterHandleMessagePayload) {
    this.settle(document);
  }

  async onStateless({ connection, document, payload }: onStatelessPayload) {
    const request = parseRequest(payload);
    if (!request) return;
    const state = this.stateOf(connection, document);
    state.request = request;
    this.wait(connection, document, state);
    this.settle(document);
  }
}
