import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveAnchor, type Anchor } from '../../app/features/documents/anchors.ts';
import type { DocumentThread } from '../../app/features/comments/comment-types.ts';
import { anchorOn, findText } from '../helpers/anchors.ts';
import { authResult, connectEditor, createDocument, synced, waitFor, type NodeEditor } from '../helpers/collab.ts';
import { openTestDb, storedDoc } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';
import { startSmtpServer } from '../helpers/smtp.ts';

// In the region: regie projectleider, enschede redacteur, zorg commentator, provincie lezer,
// beheer beheerder without a membership, hengelo not a member at all.
const USERS = Object.keys(DEMO) as DemoUser[];
const SENTENCE = 'Wij willen zorg en wonen dichter bij elkaar brengen in de hele regio.';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const clients = {} as Record<DemoUser, Client>;
let documentId: string;
let writer: NodeEditor;

const commentsPath = () => `/w/regio/documenten/${documentId}/opmerkingen`;
const db = () => openTestDb(server.dbPath);
const count = (table: string) => (db().prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const userId = (user: DemoUser) => (db().prepare('select id from users where email = ?').get(DEMO[user]) as { id: string }).id;

async function threads(client: Client = clients.enschede): Promise<DocumentThread[]> {
  const reply = await client.get(commentsPath());
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as { threads: DocumentThread[] }).threads;
}

async function post(user: DemoUser, form: Record<string, string>) {
  const reply = await clients[user].post(commentsPath(), form);
  const json = reply.headers.get('content-type')?.startsWith('application/json');
  return { status: reply.status, body: json ? (JSON.parse(reply.body) as Record<string, unknown>) : { text: reply.body } };
}

const comment = (user: DemoUser, body: string, anchor?: Anchor) =>
  post(user, { intent: 'create', body, ...(anchor ? { anchorStart: anchor.start, anchorEnd: anchor.end } : {}) });

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The public origin comes first: e-mail links use it; the test clients use the second.
  server = await startServer((url) => ({ SMTP_URL: smtp.url, APP_ORIGIN: `https://thuisplan.example.nl,${url}` }));
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  documentId = await createDocument(clients.regie, 'regio', 'Woonzorgvisie regio, concept voor de zorgpartijen');
  writer = connectEditor(server.url, clients.enschede.cookie, documentId);
  await synced(writer);
  writer.doc.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
  (writer.doc.getXmlFragment('default').get(0) as Y.XmlElement).insert(0, [new Y.XmlText(SENTENCE)]);
  await synced(writer);
});
afterAll(async () => {
  writer?.close();
  await server?.stop();
  await smtp?.stop();
});

describe('anchors kept by the server', () => {
  it('a thread stays on its words while two editors type before, inside and after them, and keeps its quote when they are deleted', async () => {
    const anchor = anchorOn(writer.doc, 'zorg en wonen');
    const created = await comment('zorg', 'Noem hier ook beschermd wonen.', anchor);
    expect(created.status).toBe(200);
    const thread = (await threads()).at(-1)!;
    expect(thread).toMatchObject({ quote: 'zorg en wonen', anchorState: 'ok', anchor });

    const other = connectEditor(server.url, clients.regie.cookie, documentId);
    await synced(other);
    const inWriter = findText(writer.doc, 'zorg en wonen');
    const inOther = findText(other.doc, 'zorg en wonen');
    // At the same time: one types before the words and right at their start, the other inside, at their end and after.
    writer.doc.transact(() => {
      inWriter.type.insert(inWriter.index, 'goede ');
      inWriter.type.insert(0, 'Samen: ');
    });
    other.doc.transact(() => {
      inOther.type.insert(inOther.index + 'zorg en wonen'.length, ' samen');
      inOther.type.insert(inOther.index + 'zorg en'.length, ' betaalbaar');
    });
    await Promise.all([synced(writer), synced(other)]);
    await waitFor(() => writer.doc.getXmlFragment('default').toString() === other.doc.getXmlFragment('default').toString());

    const stored = storedDoc(server.dbPath, documentId);
    expect(stored.getXmlFragment('default').toString()).toContain(
      'Samen: Wij willen goede zorg en betaalbaar wonen samen dichter'
    );
    expect(resolveAnchor(stored, thread.anchor!)).toMatchObject({ status: 'ok', text: 'zorg en betaalbaar wonen' });
    expect((await threads()).find((t) => t.id === thread.id)?.anchorState).toBe('ok');

    const words = findText(other.doc, 'zorg en betaalbaar wonen');
    words.type.delete(words.index, 'zorg en betaalbaar wonen'.length);
    await synced(other);
    const after = (await threads()).find((t) => t.id === thread.id)!;
    expect(after).toMatchObject({ anchorState: 'deleted', quote: 'zorg en wonen', status: 'open' });
    expect(after.comments[0]!.body).toBe('Noem hier ook beschermd wonen.');
    other.close();
  });
});

describe('who may comment', () => {
  it('a lezer and a beheerder without membership read comments but may not post; a stranger gets 404 everywhere', async () => {
    await comment('zorg', 'Een opmerking om te lezen.');
    const before = count('comments');
    for (const user of ['provincie', 'beheer'] as const) {
      expect((await threads(clients[user])).length, user).toBeGreaterThan(0);
      expect((await comment(user, 'Mag ik ook iets zeggen?')).status, user).toBe(403);
    }
    expect((await comment('hengelo', 'En ik?')).status).toBe(404);
    for (const path of [commentsPath(), `/w/regio/documenten/${documentId}`]) {
      const page = await clients.hengelo.get(path);
      expect(page.status).toBe(404);
      expect(page.body).not.toContain('Een opmerking om te lezen');
    }
    expect(count('comments')).toBe(before);
  });

  it('the live channel reaches only those who may open the document, and carries no content', async () => {
    const reader = connectEditor(server.url, clients.provincie.cookie, documentId);
    const stranger = connectEditor(server.url, clients.hengelo.cookie, documentId);
    expect(await authResult(stranger)).toBe('refused');
    await synced(reader);
    const messages: string[] = [];
    reader.provider.on('stateless', ({ payload }: { payload: string }) => messages.push(payload));
    const strangerMessages: string[] = [];
    stranger.provider.on('stateless', ({ payload }: { payload: string }) => strangerMessages.push(payload));
    await comment('enschede', 'Geheim voor buitenstaanders: aantal plekken nog niet openbaar.');
    await waitFor(() => messages.length > 0, 5000, 'stateless message');
    expect(messages).toEqual([JSON.stringify({ topic: 'comments' })]);
    expect(strangerMessages).toEqual([]);
    reader.close();
    stranger.close();
  });

  it('the author is the logged-in user, whatever the form says', async () => {
    const forged = await post('zorg', {
      intent: 'create',
      body: 'Ondertekend door de projectleider?',
      authorId: userId('regie'),
      author_id: userId('regie'),
      authorName: 'Rian Regie',
    });
    expect(forged.status).toBe(200);
    const thread = (await threads()).find((t) => t.id === forged.body!.threadId)!;
    expect(thread.comments[0]).toMatchObject({ authorId: userId('zorg'), authorName: 'Zeynep Zorg' });
  });

  it('a commentator may not resolve another’s thread, nor hide or edit another’s comment; redacteur and projectleider may process', async () => {
    const byEva = await comment('enschede', 'Hoofdstuk 2 moet korter.');
    const thread = (await threads()).find((t) => t.id === byEva.body!.threadId)!;
    const evaComment = thread.comments[0]!.id;
    expect((await post('zorg', { intent: 'resolve', threadId: thread.id })).status).toBe(403);
    expect((await post('zorg', { intent: 'hide', commentId: evaComment })).status).toBe(403);
    expect((await post('zorg', { intent: 'edit', commentId: evaComment, body: 'Overschreven' })).status).toBe(403);
    expect((await post('zorg', { intent: 'delete', commentId: evaComment })).status).toBe(403);
    expect((await post('enschede', { intent: 'hide', commentId: evaComment })).status).toBe(403); // redacteur: not hide
    expect((await threads()).find((t) => t.id === thread.id)).toMatchObject({ status: 'open' });

    // The commentator resolves and reopens their own thread; the redacteur resolves anyone's.
    const byZeynep = await comment('zorg', 'Mijn eigen punt.');
    expect((await post('zorg', { intent: 'resolve', threadId: byZeynep.body!.threadId as string })).status).toBe(200);
    expect((await post('zorg', { intent: 'reopen', threadId: byZeynep.body!.threadId as string })).status).toBe(200);
    expect((await post('enschede', { intent: 'resolve', threadId: byZeynep.body!.threadId as string })).status).toBe(200);
    const resolved = (await threads()).find((t) => t.id === byZeynep.body!.threadId)!;
    expect(resolved).toMatchObject({ status: 'afgehandeld', resolvedByName: 'Eva Enschede' });
    const late = await post('zorg', { intent: 'reply', threadId: resolved.id, body: 'Toch nog iets.' });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toContain('Deze opmerking is afgehandeld. Heropen haar om te reageren.');
  });

  it('authors edit and delete their own comments; a projectleider hides an improper one, kept in the audit log only', async () => {
    const created = await comment('zorg', 'Eerste versie.');
    const threadId = created.body!.threadId as string;
    const commentId = (await threads()).find((t) => t.id === threadId)!.comments[0]!.id;
    expect((await post('zorg', { intent: 'edit', commentId, body: 'Tweede versie.' })).status).toBe(200);
    let shown = (await threads()).find((t) => t.id === threadId)!.comments[0]!;
    expect(shown.body).toBe('Tweede versie.');
    expect(shown.editedAt).not.toBeNull();

    const improper = await comment('zorg', 'Deze wethouder is een sukkel.');
    const improperId = (await threads()).find((t) => t.id === improper.body!.threadId)!.comments[0]!.id;
    expect((await post('regie', { intent: 'hide', commentId: improperId })).status).toBe(200);
    for (const user of ['zorg', 'regie', 'provincie'] as const) {
      const hidden = (await threads(clients[user])).find((t) => t.id === improper.body!.threadId)!.comments[0]!;
      expect(hidden, user).toMatchObject({ state: 'hidden', body: null });
      const page = await clients[user].get(`/w/regio/documenten/${documentId}`);
      expect(page.body).not.toContain('sukkel');
    }
    const audit = db().prepare("select details from audit_log where action = 'comment.hide'").get() as { details: string };
    expect(JSON.parse(audit.details).body).toBe('Deze wethouder is een sukkel.');

    expect((await post('zorg', { intent: 'delete', commentId })).status).toBe(200);
    shown = (await threads()).find((t) => t.id === threadId)!.comments[0]!;
    expect(shown).toMatchObject({ state: 'deleted', body: null });
  });
});

describe('bad input changes nothing', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['an empty comment', { intent: 'create', body: '   ' }, /Schrijf een opmerking/],
    ['an overlong comment', { intent: 'create', body: 'x'.repeat(4001) }, /hoogstens 4\.000 tekens/],
    [
      'an anchor that is not a position',
      { intent: 'create', body: 'Hier', anchorStart: 'bm9u!', anchorEnd: '%%' },
      /staat niet \(meer\) in het document/,
    ],
    ['only half an anchor', { intent: 'create', body: 'Hier', anchorStart: 'AAAA' }, /staat niet \(meer\) in het document/],
    [
      'a mention of someone outside the workspace',
      { intent: 'create', body: 'Wat vindt @Hans Hengelo hiervan?' },
      /‘@Hans’ is geen lid van deze werkruimte/,
    ],
    ['a mention of nobody', { intent: 'create', body: 'Vraag het @Onbekende Collega.' }, /‘@Onbekende’ is geen lid/],
    [
      'a reply to a thread that does not exist',
      { intent: 'reply', threadId: crypto.randomUUID(), body: 'Hallo' },
      /bestaat niet/,
    ],
    ['an unknown action', { intent: 'drop-table', body: 'x' }, /Onbekende actie/],
  ];
  for (const [what, form, message] of cases) {
    it(what, async () => {
      const before = [count('comments'), count('comment_threads'), count('notifications')];
      const reply = await post('zorg', form);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(reply.body)).toMatch(message);
      expect([count('comments'), count('comment_threads'), count('notifications')]).toEqual(before);
    });
  }

  it('a range from another document (a valid position, but not in this text)', async () => {
    const otherId = await createDocument(clients.regie, 'regio', 'Ander document');
    const other = connectEditor(server.url, clients.regie.cookie, otherId);
    await synced(other);
    other.doc.getXmlFragment('default').insert(0, [new Y.XmlText('Heel andere tekst')]);
    await synced(other);
    const foreign = anchorOn(other.doc, 'andere');
    other.close();
    const before = count('comments');
    const reply = await comment('zorg', 'Over die tekst', foreign);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(/staat niet \(meer\) in het document/);
    expect(count('comments')).toBe(before);
  });
});

describe('control characters', () => {
  it('a comment keeps its line breaks and tabs; NUL, ESC and bidi overrides are dropped', async () => {
    const reply = await comment('zorg', 'Regel een\u0000\u001b[31m\r\nRegel\ttwee\u202E\u0085.');
    expect(reply.status).toBe(200);
    const stored = db().prepare('select body from comments where thread_id = ?').get(reply.body.threadId) as { body: string };
    expect(stored.body).toBe('Regel een[31m\nRegel\ttwee.');
  });
});

describe('mentions and notifications', () => {
  it('a mention notifies the member in the app and by e-mail, until they turn e-mail off', async () => {
    const mailsBefore = smtp.received.length;
    const reply = await comment('zorg', 'Kan @eva enschede hier naar kijken?');
    expect(reply.status).toBe(200);
    const page = await clients.enschede.get('/meldingen');
    expect(page.body).toContain('Zeynep Zorg noemde u in een opmerking bij ‘Woonzorgvisie regio, concept voor de zorgpartijen’');
    const home = await clients.enschede.get('/');
    expect(home.body).toMatch(/class="site-nav__count"> <!-- -->[1-9]\d*<span class="visually-hidden"> ongelezen/);

    await waitFor(() => smtp.received.length > mailsBefore, 5000, 'e-mail');
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual([DEMO.enschede]);
    expect(mail.subject).toBe(
      'Thuisplan: Zeynep Zorg noemde u in een opmerking bij ‘Woonzorgvisie regio, concept voor de zorgpartijen’'
    );
    expect(mail.text).toContain('Beste Eva Enschede,');
    // Links point to the configured origin, never to the Host header of the request that caused the mail.
    expect(mail.text).toMatch(
      new RegExp(
        `Bekijk het in Thuisplan: https://thuisplan\\.example\\.nl/w/regio/documenten/${documentId}#opmerking-[0-9a-f-]{36}`
      )
    );

    expect((await clients.enschede.post('/account', { intent: 'email-notifications' })).status).toBe(302);
    const mailsNow = smtp.received.length;
    const notificationsOf = () =>
      (db().prepare('select count(*) as n from notifications where user_id = ?').get(userId('enschede')) as { n: number }).n;
    const inApp = notificationsOf();
    await comment('zorg', 'Nog een vraag voor @Eva Enschede.');
    await new Promise((r) => setTimeout(r, 500));
    expect(notificationsOf()).toBe(inApp + 1);
    expect(smtp.received.length).toBe(mailsNow);
  });

  it('a reply notifies the others in the thread', async () => {
    const created = await comment('zorg', 'Wie pakt dit op?');
    await post('regie', { intent: 'reply', threadId: created.body!.threadId as string, body: 'Ik neem het mee.' });
    expect((await clients.zorg.get('/meldingen')).body).toContain('Rian Regie reageerde op een opmerking');
  });

  it('notifications of a workspace one can no longer see are gone from the list and the count', async () => {
    await comment('enschede', 'Ter info @Pieter Provincie.');
    expect((await clients.provincie.get('/meldingen')).body).toContain('Eva Enschede noemde u');
    const pieter = userId('provincie');
    expect((await clients.regie.post('/w/regio/leden', { intent: 'remove', userId: pieter })).status).toBeLessThan(400);
    const list = await clients.provincie.get('/meldingen');
    expect(list.body).not.toContain('Eva Enschede noemde u');
    expect(list.body).not.toContain('site-nav__count');
    const unread = db().prepare('select count(*) as n from notifications where user_id = ? and read_at is null').get(pieter) as {
      n: number;
    };
    expect(unread.n).toBeGreaterThan(0); // still stored, but not shown
  });

  it('opening a notification: a GET changes nothing, the list opens it with a POST', async () => {
    await comment('zorg', 'Kijk even @Eva Enschede.');
    const readAt = (id: string) =>
      (db().prepare('select read_at from notifications where id = ?').get(id) as { read_at: string | null }).read_at;
    const latest = db()
      .prepare('select id, url from notifications where user_id = ? order by created_at desc limit 1')
      .get(userId('enschede')) as { id: string; url: string };
    const list = await clients.enschede.get('/meldingen');
    expect(list.body).toContain(`action="/meldingen/${latest.id}"`);
    const page = await clients.enschede.get(`/meldingen/${latest.id}`);
    expect(page.status).toBe(200);
    expect(readAt(latest.id)).toBeNull();
    const open = await clients.enschede.post(`/meldingen/${latest.id}`, {});
    expect(open.status).toBe(302);
    expect(open.location).toBe(latest.url);
    expect(readAt(latest.id)).not.toBeNull();
  });

  it('a notification of a workspace one can no longer see says so in Dutch instead of sending on, and stays unread', async () => {
    // Pieter Provincie left the region in the test above.
    const unread = db()
      .prepare('select id from notifications where user_id = ? and read_at is null limit 1')
      .get(userId('provincie')) as { id: string };
    for (const reply of [
      await clients.provincie.get(`/meldingen/${unread.id}`),
      await clients.provincie.post(`/meldingen/${unread.id}`, {}),
    ]) {
      expect(reply.status).toBe(403);
      expect(reply.location).toBeNull();
      expect(reply.body).toContain('U heeft geen toegang meer');
    }
    expect(db().prepare('select read_at from notifications where id = ?').get(unread.id)).toEqual({ read_at: null });
  });
});
