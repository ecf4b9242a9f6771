// A collaboration client that speaks Hocuspocus's wire protocol by hand, so a test can do what the
// provider never does on purpose: leave out an update, hold back its answer to the server's sync step 1.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { waitFor } from './collab.ts';

const SYNC = 0;
const AUTH = 2;
const STATELESS = 5;
const SYNC_STATUS = 8;

export interface WireClient {
  doc: Y.Doc;
  /** Positive (true) and negative (false) SyncStatus acknowledgements, in arrival order. */
  acks: boolean[];
  /** How many sync step 1 messages (the server asking for what it lacks) arrived. */
  stepOnes: () => number;
  stateless: Array<Record<string, unknown>>;
  authenticated: () => string | null;
  refused: () => string | null;
  sendUpdate(update: Uint8Array): void;
  /** Answers the server's latest sync step 1 with everything it lacks (sync step 2). */
  answerStepOne(): void;
  setAutoAnswer(on: boolean): void;
  sendStateless(payload: object): void;
  /** Sends "saved?" with the client's state vector; returns the request id. */
  requestSaved(): number;
  savedAnswer(id: number): { stored: boolean; sv: Map<number, number> } | null;
  close(): void;
}

/** `autoAnswer`: answer each sync step 1 at once, as the provider does. */
export async function connectWire(
  baseUrl: string,
  cookie: string,
  documentId: string,
  { autoAnswer = true, token = '' } = {}
): Promise<WireClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab`, { headers: { cookie, origin: baseUrl } });
  const doc = new Y.Doc();
  const acks: boolean[] = [];
  const stateless: Array<Record<string, unknown>> = [];
  let stepOnes = 0;
  let lastServerStateVector: Uint8Array | null = null;
  let authenticated: string | null = null;
  let refused: string | null = null;
  let nextRequest = 1;
  let auto = autoAnswer;

  const send = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentId);
    write(encoder);
    ws.send(encoding.toUint8Array(encoder));
  };
  const answerStepOne = () => {
    if (!lastServerStateVector) throw new Error('the server has not sent a sync step 1');
    const update = Y.encodeStateAsUpdate(doc, lastServerStateVector);
    send((e) => {
      encoding.writeVarUint(e, SYNC);
      syncProtocol.writeSyncStep2(e, doc, lastServerStateVector!);
    });
    return update;
  };

  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === AUTH) {
      const authType = decoding.readVarUint(decoder);
      if (authType === 2) authenticated = decoding.readVarString(decoder);
      if (authType === 1) refused = decoding.readVarString(decoder);
    } else if (type === SYNC) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        stepOnes++;
        lastServerStateVector = payload;
        if (auto) answerStepOne();
      } else {
        Y.applyUpdate(doc, payload, 'server');
      }
    } else if (type === SYNC_STATUS) {
      acks.push(decoding.readVarUint(decoder) === 1);
    } else if (type === STATELESS) {
      stateless.push(JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  send((e) => {
    encoding.writeVarUint(e, AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });
  send((e) => {
    encoding.writeVarUint(e, SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });
  await waitFor(() => authenticated !== null || refused !== null, 5000, 'authentication');

  const sendStateless = (payload: object) =>
    send((e) => {
      encoding.writeVarUint(e, STATELESS);
      encoding.writeVarString(e, JSON.stringify(payload));
    });
  return {
    doc,
    acks,
    stateless,
    stepOnes: () => stepOnes,
    authenticated: () => authenticated,
    refused: () => refused,
    sendUpdate(update) {
      send((e) => {
        encoding.writeVarUint(e, SYNC);
        syncProtocol.writeUpdate(e, update);
      });
    },
    answerStepOne() {
      answerStepOne();
    },
    setAutoAnswer(on) {
      auto = on;
    },
    sendStateless,
    requestSaved() {
      const id = nextRequest++;
      sendStateless({ topic: 'saved?', id, sv: toBase64(Y.encodeStateVector(doc)) });
      return id;
    },
    savedAnswer(id) {
      const answer = stateless.find((m) => m.topic === 'saved' && m.id === id);
      return answer ? { stored: answer.stored === true, sv: Y.decodeStateVector(fromBase64(answer.sv as string)) } : null;
    },
    close() {
      ws.close();
      doc.destroy();
    },
  };
}
