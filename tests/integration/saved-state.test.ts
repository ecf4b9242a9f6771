// The saved-state protocol at the wire: no acknowledgement for an update the server could not store,
// and a "saved" answer only when the stored document covers what the client has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SavedState } from '../../app/features/documents/editor/saved-state.ts';
import { connectEditor, createDocument, waitFor } from '../helpers/collab.ts';
import { openTestDb, storedDoc } from '../helpers/db.ts';
import { loggedIn, type Client } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';
import { connectWire, type WireClient } from '../helpers/wire.ts';

let server: TestServer;
let writer: Client;
beforeAll(async () => {
  server = await startServer();
  writer = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
});
afterAll(() => server?.stop());

const storedText = (documentId: string) => storedDoc(server.dbPath, documentId).getText('t').toString();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Edits `doc` and returns the update each edit made. */
function edit(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const listener = (u: Uint8Array, origin: unknown) => {
    if (origin !== 'server') update = u;
  };
  doc.on('update', listener);
  change();
  doc.off('update', listener);
  if (!update) throw new Error('no change');
  return update;
}

async function handshake(client: WireClient) {
  await waitFor(() => client.acks.length > 0, 5000, 'the handshake acknowledgement');
}

describe('the saved-state protocol', () => {
  it('an update whose dependency is missing gets no acknowledgement: the server asks for the missing part and acknowledges once both are stored', async () => {
    const id = await createDocument(writer, 'enschede', 'Ontbrekende wijziging');
    const client = await connectWire(server.url, writer.cookie!, id);
    await handshake(client);
    client.setAutoAnswer(false);
    const acksBefore = client.acks.length;
    const stepOnesBefore = client.stepOnes();

    const text = client.doc.getText('t');
    edit(client.doc, () => text.insert(0, 'Eerste ')); // lost on the way: never sent
    const second = edit(client.doc, () => text.insert(7, 'tweede'));
    client.sendUpdate(second);
    const request = client.requestSaved();

    await waitFor(() => client.stepOnes() > stepOnesBefore, 5000, 'the server to ask for what is missing');
    await pause(300);
    expect(client.acks.slice(acksBefore)).toEqual([]); // no "ok" for an update that is not stored
    expect(client.savedAnswer(request)).toBeNull();
    expect(storedText(id)).toBe('');

    client.answerStepOne(); // the missing part (and the held one again)
    await waitFor(() => client.acks.length >= acksBefore + 2, 5000, 'both acknowledgements');
    expect(client.acks.slice(acksBefore)).toEqual([true, true]);
    await waitFor(() => client.savedAnswer(request) !== null, 5000, 'the saved answer');
    expect(client.savedAnswer(request)!.sv.get(client.doc.clientID)).toBe(Y.getState(client.doc.store, client.doc.clientID));
    expect(storedText(id)).toBe('Eerste tweede');
    client.close();
  });

  it('"saved" covers a deletion sent before the request, and is never answered before the client answered the server on a new connection', async () => {
    const id = await createDocument(writer, 'enschede', 'Verwijderen en opnieuw verbinden');
    const first = await connectWire(server.url, writer.cookie!, id);
    await handshake(first);
    const text = first.doc.getText('t');
    first.sendUpdate(edit(first.doc, () => text.insert(0, 'Wonen met zorg')));
    first.sendUpdate(edit(first.doc, () => text.delete(5, 4))); // a pure deletion: the state vector stays the same
    const request = first.requestSaved();
    await waitFor(() => first.savedAnswer(request) !== null, 5000, 'saved');
    expect(storedText(id)).toBe('Wonen zorg');

    // Offline, the client deletes more; on a new connection it asks "saved?" before it has answered the
    // server's sync step 1. Its state vector is covered already, but the deletion is not on disk yet.
    const offline = edit(first.doc, () => text.delete(0, 6));
    first.close();
    const second = await connectWire(server.url, writer.cookie!, id, { autoAnswer: false });
    Y.applyUpdate(second.doc, Y.encodeStateAsUpdate(first.doc));
    Y.applyUpdate(second.doc, offline);
    const early = second.requestSaved();
    await waitFor(() => second.stepOnes() > 0, 5000, 'the server sync step 1');
    await pause(300);
    expect(second.savedAnswer(early)).toBeNull();
    expect(storedText(id)).toBe('Wonen zorg');
    second.answerStepOne();
    await waitFor(() => second.savedAnswer(early) !== null, 5000, 'saved after the answer');
    expect(storedText(id)).toBe('zorg');
    second.close();
  });

  it('a read-only connection hears "stored: false" for changes the server will never store, and a malformed request changes nothing', async () => {
    const id = await createDocument(writer, 'enschede', 'Alleen lezen');
    const reader = await loggedIn(server.url, DEMO.provincie, DEMO_PASSWORD);
    const client = await connectWire(server.url, reader.cookie!, id);
    expect(client.authenticated()).toBe('readonly');
    await handshake(client);
    const clean = client.requestSaved();
    await waitFor(() => client.savedAnswer(clean) !== null, 5000, 'an answer to the reader');
    expect(client.savedAnswer(clean)!.stored).toBe(true); // it has nothing the server lacks

    client.sendUpdate(edit(client.doc, () => client.doc.getText('t').insert(0, 'poging')));
    const request = client.requestSaved();
    client.sendStateless({ topic: 'saved?', id: 'x', sv: 42 });
    client.sendStateless({ topic: 'saved?', id: 3, sv: '!!geen base64!!' });
    await waitFor(() => client.savedAnswer(request) !== null, 5000, 'an answer to the reader');
    expect(client.savedAnswer(request)!.stored).toBe(false);
    expect(client.savedAnswer(3)).toBeNull();
    expect(client.acks).toContain(false);
    expect(storedText(id)).toBe('');
    client.close();
  });

  it('the provider token names the user: a session of someone else is refused as "other-user", an ended session as "session-ended"', async () => {
    const id = await createDocument(writer, 'enschede', 'Wie schrijft');
    const me = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const db = openTestDb(server.dbPath);
    const userId = (db.prepare('select id from users where email = ?').get(DEMO.enschede) as { id: string }).id;
    db.close();
    const mine = await connectWire(server.url, me.cookie!, id, { token: `user:${userId}` });
    expect(mine.authenticated()).toBe('read-write');
    mine.close();

    const other = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
    const theirs = await connectWire(server.url, other.cookie!, id, { token: `user:${userId}` });
    expect(theirs.refused()).toBe('other-user');
    theirs.close();

    const endedCookie = me.cookie!;
    expect((await me.post('/uitloggen', {})).status).toBe(302);
    const ended = await connectWire(server.url, endedCookie, id, { token: `user:${userId}` });
    expect(ended.refused()).toBe('session-ended');
    ended.close();
  });

  it("the editor's SavedState: 2,500 edits made offline (more than Hocuspocus queues before authentication) are all on disk when it says saved", async () => {
    const id = await createDocument(writer, 'enschede', 'Lang offline');
    const editor = connectEditor(server.url, writer.cookie!, id);
    const saved = new SavedState(editor.doc, editor.provider);
    await waitFor(() => editor.provider.isSynced && saved.state === 'saved', 5000, 'the first sync');
    editor.socket.disconnect();
    await waitFor(() => editor.socket.status === 'disconnected', 5000, 'offline');
    const text = editor.doc.getText('t');
    for (let i = 0; i < 2_500; i++) text.insert(text.length, `w${i} `);
    text.delete(0, 3); // and a deletion, which no state vector shows
    expect(saved.state).toBe('unsaved');
    void editor.socket.connect();
    await waitFor(() => saved.state === 'saved', 20_000, 'saved');
    const stored = storedDoc(server.dbPath, id).getText('t').toString();
    expect(stored).toBe(text.toString());
    expect(stored.startsWith('w1 ')).toBe(true);
    saved.destroy();
    editor.close();
  }, 40_000);
});
