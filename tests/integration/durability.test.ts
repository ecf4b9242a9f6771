import { afterAll, describe, expect, it } from 'vitest';
import { connectEditor, createDocument, synced, type NodeEditor } from '../helpers/collab.ts';
import { openTestDb, storedDoc } from '../helpers/db.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

// kill -9 in the middle of a burst of edits from several clients, restart, and check that every edit a
// client was told was saved (its sync acknowledgement arrived) is in the document. Ten rounds.
const ROUNDS = 10;
const EDITORS = 3;

let server: TestServer | undefined;
afterAll(() => server?.stop());

/** Pushes numbers into the editor's own array; `acked` is what the server has confirmed. */
function burst(editor: NodeEditor, name: string) {
  const list = editor.doc.getArray<number>(name);
  let next = 0;
  let acked = 0;
  let previous = editor.provider.unsyncedChanges;
  // Acknowledgements come in order, one per update: each decrement settles the oldest push.
  editor.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number < previous) acked = Math.min(next, acked + (previous - number));
    previous = number;
  });
  const timer = setInterval(() => {
    if (editor.provider.isSynced || next === 0) list.push([next++]);
  }, 1);
  return {
    stop: () => clearInterval(timer),
    acked: () => acked,
    sent: () => next,
  };
}

describe('durability', () => {
  it(`loses no acknowledged edit when the server is killed with SIGKILL (${ROUNDS} rounds)`, async () => {
    server = await startServer();
    const client = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const documentId = await createDocument(client, 'enschede', 'Crashtest');
    const expected = new Map<string, number>(); // array name -> every value below this must be there
    let totalAcked = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const editors = Array.from({ length: EDITORS }, () => connectEditor(server!.url, client.cookie, documentId));
      await Promise.all(editors.map((e) => synced(e)));
      const bursts = editors.map((e, i) => burst(e, `r${round}-e${i}`));
      await new Promise((r) => setTimeout(r, 80 + Math.random() * 200));
      await server.crash();
      bursts.forEach((b) => b.stop());
      bursts.forEach((b, i) => {
        expected.set(`r${round}-e${i}`, b.acked());
        totalAcked += b.acked();
      });
      editors.forEach((e) => e.close());

      server = await startServer({}, { dbPath: server.dbPath, port: server.port });
      const reader = connectEditor(server.url, client.cookie, documentId);
      await synced(reader);
      for (const [name, acked] of expected) {
        const values = new Set(reader.doc.getArray<number>(name).toArray());
        for (let v = 0; v < acked; v++) {
          if (!values.has(v)) throw new Error(`round ${round}: ${name} lost acknowledged edit ${v} (acked ${acked})`);
        }
      }
      reader.close();
    }
    // The test means something only if edits were acknowledged before the kills.
    expect(totalAcked).toBeGreaterThan(ROUNDS * EDITORS * 5);
  }, 120_000); // ten kills and restarts of the server: 15–20 s alone, longer beside other test files on two cores

  it('a graceful shutdown folds the appended updates into the snapshot first', async () => {
    const local = await startServer();
    try {
      const client = await loggedIn(local.url, DEMO.enschede, DEMO_PASSWORD);
      const documentId = await createDocument(client, 'enschede', 'Afsluiten');
      const e = connectEditor(local.url, client.cookie, documentId);
      await synced(e);
      e.doc.getMap('m').set('bewaard', 'ja');
      await synced(e);
      const rows = () =>
        (
          openTestDb(local.dbPath)
            .prepare('select count(*) as n from document_updates where document_id = ?')
            .get(documentId) as { n: number }
        ).n;
      expect(rows()).toBeGreaterThan(0);
      await local.stop({ keepFiles: true });
      e.close();
      expect(rows()).toBe(0);
      expect(storedDoc(local.dbPath, documentId).getMap('m').get('bewaard')).toBe('ja');
    } finally {
      await local.stop();
    }
  });
});
