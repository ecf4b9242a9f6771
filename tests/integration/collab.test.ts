import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedState } from '../../app/features/documents/editor/saved-state.ts';
import { readState } from '../../app/features/documents/rich-text.ts';
import { authResult, connectEditor, createDocument, synced, waitFor, type NodeEditor } from '../helpers/collab.ts';
import { openTestDb, storedDoc as storedDocOnDisk } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let enschede: Client;
let regie: Client;
let zorg: Client;
let provincie: Client;
let hengelo: Client;
let documentId: string;
const open: NodeEditor[] = [];
const editor = (client: Client | null, id = documentId, origin?: string) => {
  const e = connectEditor(server.url, client?.cookie ?? null, id, origin);
  open.push(e);
  return e;
};

beforeAll(async () => {
  server = await startServer();
  [enschede, regie, zorg, provincie, hengelo] = await Promise.all(
    [DEMO.enschede, DEMO.regie, DEMO.zorg, DEMO.provincie, DEMO.hengelo].map((e) => loggedIn(server.url, e, DEMO_PASSWORD))
  );
  documentId = await createDocument(enschede, 'enschede', 'Woonzorgvisie Enschede (concept)', 'woonzorgvisie');
});
afterAll(async () => {
  open.forEach((e) => e.close());
  await server?.stop();
});

const storedRows = () =>
  (
    openTestDb(server.dbPath).prepare('select count(*) as n from document_updates where document_id = ?').get(documentId) as {
      n: number;
    }
  ).n;
const storedDoc = (id = documentId) => storedDocOnDisk(server.dbPath, id);

describe('who may connect and write', () => {
  it('a redacteur writes; the edit is on disk when the server acknowledges it', async () => {
    const e = editor(enschede);
    expect(await authResult(e)).toBe('read-write');
    await synced(e);
    e.doc.getMap('test').set('redacteur', 'geschreven');
    await synced(e);
    expect(storedDoc().getMap('test').get('redacteur')).toBe('geschreven');
  });

  it('the template holds the seven chapters of a woonzorgvisie', () => {
    const headings = readState(Y.encodeStateAsUpdate(storedDoc())).filter((n) => n.type === 'heading');
    expect(headings).toHaveLength(7);
  });

  for (const [name, client] of [
    ['commentator', () => zorg],
    ['lezer', () => provincie],
  ] as const) {
    it(`a ${name} reads live but an update they send is dropped by the server`, async () => {
      const writer = editor(enschede);
      const reader = editor(client());
      expect(await authResult(reader)).toBe('readonly');
      await Promise.all([synced(writer), waitFor(() => reader.provider.isSynced, 5000, 'reader sync')]);
      writer.doc.getMap('test').set('live', name);
      await waitFor(() => reader.doc.getMap('test').get('live') === name, 5000, 'live update at the reader');

      const before = storedRows();
      reader.doc.getMap('test').set('inbreker', name); // a raw Yjs update from a read-only connection
      await new Promise((r) => setTimeout(r, 300));
      expect(storedRows()).toBe(before);
      expect(storedDoc().getMap('test').get('inbreker')).toBeUndefined();
      expect(writer.doc.getMap('test').get('inbreker')).toBeUndefined();
    });
  }

  it('a user without access to the workspace is refused, and so is a connection without a session', async () => {
    expect(await authResult(editor(hengelo))).toBe('refused');
    expect(await authResult(editor(null))).toBe('refused');
  });

  it('a document of another workspace is refused: a Hengelo redacteur cannot open an Enschede document', async () => {
    const hengeloDoc = await createDocument(hengelo, 'hengelo', 'Plan Hengelo');
    expect(await authResult(editor(hengelo, hengeloDoc))).toBe('read-write');
    expect(await authResult(editor(hengelo, documentId))).toBe('refused');
  });

  it('an unknown document id is refused and nothing is stored', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await authResult(editor(enschede, unknown))).toBe('refused');
    const rows = openTestDb(server.dbPath)
      .prepare('select count(*) as n from document_updates where document_id = ?')
      .get(unknown) as { n: number };
    expect(rows.n).toBe(0);
  });

  it('a handshake from a foreign Origin is refused', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab`, {
        headers: { origin: 'https://evil.example', cookie: enschede.cookie! },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('removing a membership closes the open connection; it reconnects read-only by itself', async () => {
    const victim = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const e = editor(victim);
    expect(await authResult(e)).toBe('read-write');
    await synced(e);
    const userId = (
      openTestDb(server.dbPath).prepare('select id from users where email = ?').get(DEMO.enschede) as { id: string }
    ).id;
    expect((await regie.post('/w/enschede/leden', { intent: 'remove', userId })).status).toBe(200);
    // Enschede's own membership is gone; via the region they are a lezer here now.
    await waitFor(
      () => e.provider.authorizedScope === 'readonly' && e.provider.isAuthenticated,
      5000,
      'read-only re-authentication'
    );
    const before = storedRows();
    e.doc.getMap('test').set('na-verwijdering', true);
    await new Promise((r) => setTimeout(r, 300));
    expect(storedRows()).toBe(before);
    await regie.post('/w/enschede/leden', { intent: 'role', userId, role: 'redacteur' });
    await waitFor(() => e.provider.authorizedScope === 'read-write' && e.provider.isAuthenticated, 5000, 'write access back');
  });

  it('archiving a document turns open editors read-only', async () => {
    const id = await createDocument(enschede, 'enschede', 'Wordt gearchiveerd');
    const e = editor(enschede, id);
    await synced(e);
    expect((await enschede.post(`/w/enschede/documenten/${id}`, { intent: 'archive' })).status).toBe(302);
    await waitFor(
      () => e.provider.authorizedScope === 'readonly' && e.provider.isAuthenticated,
      5000,
      'read-only after archiving'
    );
    e.doc.getMap('test').set('na-archief', true);
    await new Promise((r) => setTimeout(r, 300));
    expect(storedDoc(id).getMap('test').get('na-archief')).toBeUndefined();
  });

  it('presence shows the name of the session, not the name a client claims', async () => {
    const writer = editor(enschede);
    const reader = editor(provincie);
    await Promise.all([synced(writer), waitFor(() => reader.provider.isSynced, 5000, 'reader')]);
    reader.provider.setAwarenessField('user', { name: 'Bea Beheer', color: '#000000' });
    await waitFor(
      () =>
        [...writer.provider.awareness!.getStates().values()].some(
          (s) => (s.user as { name?: string } | undefined)?.name === 'Pieter Provincie'
        ),
      5000,
      'presence of the lezer'
    );
    const names = [...writer.provider.awareness!.getStates().values()].map(
      (s) => (s.user as { name?: string } | undefined)?.name
    );
    expect(names).not.toContain('Bea Beheer');
  });
});

describe('bad input', () => {
  it('a malformed message closes only that connection; the server keeps serving others', async () => {
    const healthy = editor(enschede);
    await synced(healthy);
    const closedCode = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab`, {
        headers: { origin: server.url, cookie: enschede.cookie! },
      });
      ws.on('open', () => ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01, 0x02])));
      ws.on('close', (code) => resolve(code));
    });
    expect(closedCode).toBeGreaterThan(1000);
    healthy.doc.getMap('test').set('na-rommel', true);
    await synced(healthy);
    expect(storedDoc().getMap('test').get('na-rommel')).toBe(true);
  });

  it('an update over 2 MB is refused and nothing of it is stored', async () => {
    const big = editor(enschede);
    await synced(big);
    const before = storedRows();
    let closeCode = 0;
    big.provider.on('close', ({ event }: { event: { code: number } }) => (closeCode = event.code));
    big.doc.getMap('test').set('groot', 'x'.repeat(3 * 1024 * 1024));
    await waitFor(() => closeCode !== 0, 5000, 'close');
    // The server closes with 1009; on a busy machine the client, still writing 3 MB, may get the reset of
    // the socket before it reads that close frame (1006). Either way the message is cut off and not stored.
    expect([1009, 1006]).toContain(closeCode);
    big.close();
    expect(storedRows()).toBe(before);
    expect(storedDoc().getMap('test').get('groot')).toBeUndefined();
    const other = editor(enschede);
    await synced(other);
    expect(other.doc.getMap('test').get('redacteur')).toBe('geschreven');
  });
});

describe('when the disk refuses a write', () => {
  it('falls back to a snapshot, and when that fails too, withholds the acknowledgement until it can store', async () => {
    const id = await createDocument(enschede, 'enschede', 'Schijf vol');
    const e = editor(enschede, id);
    const saved = new SavedState(e.doc, e.provider);
    await synced(e);
    const db = openTestDb(server.dbPath);
    db.exec("create trigger append_fails before insert on document_updates begin select raise(abort, 'schijf vol'); end");
    e.doc.getMap('m').set('via-snapshot', 1);
    await synced(e);
    expect(storedDoc(id).getMap('m').get('via-snapshot')).toBe(1);

    db.exec("create trigger snapshot_fails before update on documents begin select raise(abort, 'schijf vol'); end");
    e.doc.getMap('m').set('niet-bevestigd', 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(e.provider.unsyncedChanges).toBeGreaterThan(0); // never told "saved"
    expect(storedDoc(id).getMap('m').get('niet-bevestigd')).toBeUndefined();
    // The page reconnects to a document that may still hold the edit in memory: still no "Opgeslagen".
    await new Promise((r) => setTimeout(r, 1500));
    expect(saved.state).toBe('unsaved');

    db.exec('drop trigger append_fails; drop trigger snapshot_fails;');
    db.close();
    await synced(e, 10_000); // it reconnects and sends the edit again
    await waitFor(() => saved.state === 'saved', 10_000, '"Opgeslagen" once the database accepts again');
    expect(storedDoc(id).getMap('m').get('niet-bevestigd')).toBe(2);
    saved.destroy();
  });
});

describe('a document that fails to load', () => {
  it('is refused, never replaced by an empty one', async () => {
    const id = await createDocument(enschede, 'enschede', 'Beschadigd');
    const db = openTestDb(server.dbPath);
    const garbage = Buffer.from([1, 2, 3, 4, 5, 250, 251, 252]);
    db.prepare('update documents set snapshot = ? where id = ?').run(garbage, id);
    db.close();
    const e = editor(enschede, id);
    await authResult(e, 3000); // the session and rights are fine; loading the content is what fails
    e.doc.getMap('test').set('overschrijven', true);
    await new Promise((r) => setTimeout(r, 500));
    expect(e.provider.isSynced).toBe(false);
    const after = openTestDb(server.dbPath);
    const row = after.prepare('select snapshot from documents where id = ?').get(id) as { snapshot: Buffer };
    const updates = after.prepare('select count(*) as n from document_updates where document_id = ?').get(id) as { n: number };
    after.close();
    expect(Buffer.compare(row.snapshot, garbage)).toBe(0);
    expect(updates.n).toBe(0);
    // Other documents keep working.
    const healthy = editor(enschede);
    await synced(healthy);
  });
});

describe('versions', () => {
  it('record, compare and restore; the restore shows up live in an open editor', async () => {
    const e = editor(enschede);
    await synced(e);
    const fragment = e.doc.getXmlFragment('default');
    const addParagraph = (text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [p]);
    };
    addParagraph('Eerste afspraak met de corporaties.');
    await synced(e);
    const first = await enschede.post(`/w/enschede/documenten/${documentId}/versies`, {
      name: 'Concept voor ambtelijk overleg 20 september',
    });
    expect(first.status).toBe(200);
    addParagraph('Tweede afspraak over uitstroom uit beschermd wonen.');
    await synced(e);

    const db = openTestDb(server.dbPath);
    const version = db.prepare('select id, state from document_versions where document_id = ?').get(documentId) as {
      id: string;
      state: Buffer;
    };
    db.close();
    expect(JSON.stringify(readState(version.state))).not.toContain('Tweede afspraak');

    const compare = await enschede.get(`/w/enschede/documenten/${documentId}/vergelijk?van=${version.id}&naar=huidig`);
    expect(compare.status).toBe(200);
    expect(compare.body).toMatch(/<ins>.*Tweede.*<\/ins>/s);

    // A lezer may look at versions but not record or restore them.
    expect((await provincie.get(`/w/enschede/documenten/${documentId}/versies/${version.id}`)).status).toBe(200);
    expect((await provincie.post(`/w/enschede/documenten/${documentId}/versies/${version.id}`, {})).status).toBe(403);
    expect((await provincie.post(`/w/enschede/documenten/${documentId}/versies`, { name: 'Mag niet' })).status).toBe(403);

    const restored = await enschede.post(`/w/enschede/documenten/${documentId}/versies/${version.id}`, {});
    expect(restored.status).toBe(302);
    await waitFor(() => !fragment.toString().includes('Tweede afspraak'), 5000, 'restore to arrive live');
    expect(fragment.toString()).toContain('Eerste afspraak');
    // Restoring is a new change; the version itself is untouched.
    const after = openTestDb(server.dbPath).prepare('select state from document_versions where id = ?').get(version.id) as {
      state: Buffer;
    };
    expect(Buffer.compare(after.state, version.state)).toBe(0);
  });

  it('bad version names and unknown versions are refused', async () => {
    expect((await enschede.post(`/w/enschede/documenten/${documentId}/versies`, { name: '' })).body).toContain(
      'Geef de versie een naam.'
    );
    expect((await enschede.post(`/w/enschede/documenten/${documentId}/versies`, { name: 'x'.repeat(151) })).status).toBe(400);
    expect((await enschede.get(`/w/enschede/documenten/${documentId}/versies/nope`)).status).toBe(404);
    expect((await enschede.get(`/w/enschede/documenten/${documentId}/vergelijk?van=nope`)).status).toBe(400);
  });
});

// Last in this file: it ends every session of the Provincie's user.
describe('what follows a change (the table of consequences)', () => {
  it('a password set through a beheerder\u2019s link closes the user\u2019s open editors, and their sessions are gone', async () => {
    const e = editor(provincie);
    await waitFor(() => e.provider.isSynced, 5000, 'reader synced');
    // Closed by the server: stop there (its reconnect would only be refused, the session being gone).
    const closed = new Promise<void>((resolve) =>
      e.provider.on('disconnect', () => {
        open.splice(open.indexOf(e), 1);
        e.close();
        resolve();
      })
    );
    const beheer = await loggedIn(server.url, DEMO.beheer, DEMO_PASSWORD);
    const userId = (
      openTestDb(server.dbPath).prepare('select id from users where email = ?').get(DEMO.provincie) as { id: string }
    ).id;
    const made = await beheer.post('/beheer/gebruikers', { intent: 'password-link', userId });
    const token = made.body.match(/\/wachtwoord-instellen\/([A-Za-z0-9_-]+)/)![1]!;
    const anonymous = new Client(server.url);
    const set = await anonymous.post(`/wachtwoord-instellen/${token}`, {
      password: 'een-nieuw-wachtwoord-1',
      confirm: 'een-nieuw-wachtwoord-1',
    });
    expect(set.status).toBe(302);
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('socket stayed open')), 5000))]);
    // The old session cannot reconnect: writing or reading through it is refused from now on.
    expect((await provincie.get('/w/regio')).status).toBe(302);
  });
});
