import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../helpers/collab.ts';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Every route × every demo role, against the real server. The oracle is written out by hand from
// DESIGN.md: the role that counts for each demo user in each workspace.
type Access = 'projectleider' | 'redacteur' | 'commentator' | 'lezer' | 'beheerder' | null;
const ACCESS: Record<DemoUser, Record<'regio' | 'enschede' | 'hengelo', Access>> = {
  regie: { regio: 'projectleider', enschede: 'projectleider', hengelo: 'projectleider' },
  enschede: { regio: 'redacteur', enschede: 'redacteur', hengelo: 'lezer' },
  hengelo: { regio: null, enschede: null, hengelo: 'redacteur' },
  zorg: { regio: 'commentator', enschede: 'commentator', hengelo: 'commentator' },
  provincie: { regio: 'lezer', enschede: 'lezer', hengelo: 'lezer' },
  beheer: { regio: 'beheerder', enschede: 'beheerder', hengelo: 'beheerder' },
};
const USERS = Object.keys(DEMO) as DemoUser[];
const SLUGS = ['regio', 'enschede', 'hengelo'] as const;

let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
let anonymous: Client;

beforeAll(async () => {
  server = await startServer();
  anonymous = new Client(server.url);
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
});
afterAll(() => server?.stop());

function expectLoginRedirect(reply: { status: number; location: string | null }) {
  expect(reply.status).toBe(302);
  expect(reply.location).toMatch(/^\/login\?terug=/);
}

describe('pages without a workspace', () => {
  it('/healthz answers without log-in and checks the database', async () => {
    const reply = await anonymous.get('/healthz');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ status: 'ok', database: 'ok' });
  });

  it('log-in page for anonymous users; logged-in users go home', async () => {
    expect((await anonymous.get('/login')).status).toBe(200);
    const reply = await clients.zorg.get('/login');
    expect(reply.status).toBe(302);
    expect(reply.location).toBe('/');
  });

  for (const path of ['/', '/account', '/meldingen']) {
    it(`${path}: redirect to log-in for anonymous, 200 for every demo user`, async () => {
      expectLoginRedirect(await anonymous.get(path));
      for (const user of USERS) expect((await clients[user].get(path)).status, user).toBe(200);
    });
  }

  for (const path of ['/beheer/gebruikers', '/beheer/organisaties', '/beheer/aandachtsgroepen']) {
    it(`${path}: beheerder only`, async () => {
      expectLoginRedirect(await anonymous.get(path));
      for (const user of USERS) {
        expect((await clients[user].get(path)).status, user).toBe(user === 'beheer' ? 200 : 403);
      }
    });
  }

  it('home lists exactly the workspaces a user may see', async () => {
    const expectedCount: Record<DemoUser, number> = { regie: 9, enschede: 9, hengelo: 1, zorg: 9, provincie: 9, beheer: 9 };
    for (const user of USERS) {
      const body = (await clients[user].get('/')).body;
      const links = [...body.matchAll(/href="\/w\/([a-z-]+)"/g)].map((m) => m[1]);
      expect(new Set(links).size, user).toBe(expectedCount[user]);
    }
    expect((await clients.hengelo.get('/')).body).not.toContain('href="/w/regio"');
  });
});

describe('workspace pages', () => {
  const pages: Array<{ suffix: string; allowed: (a: Access) => boolean }> = [
    { suffix: '', allowed: (a) => a !== null },
    { suffix: '/leden', allowed: (a) => a !== null },
    { suffix: '/logboek', allowed: (a) => a === 'projectleider' || a === 'beheerder' },
    { suffix: '/stap/1', allowed: (a) => a !== null },
    { suffix: '/stap/2', allowed: (a) => a !== null },
    { suffix: '/stap/1/wijzigen', allowed: (a) => a === 'projectleider' },
    { suffix: '/reviewrondes', allowed: (a) => a === 'projectleider' || a === 'redacteur' },
    { suffix: '/analyse', allowed: (a) => a !== null },
    { suffix: '/analyse/bronnen', allowed: (a) => a !== null },
    { suffix: '/analyse/indicatoren', allowed: (a) => a !== null },
    { suffix: '/analyse/monitor.csv', allowed: (a) => a !== null },
    { suffix: '/knelpunten', allowed: (a) => a !== null },
    { suffix: '/analyse/import', allowed: (a) => a === 'projectleider' || a === 'redacteur' },
  ];
  for (const page of pages) {
    for (const slug of SLUGS) {
      const path = `/w/${slug}${page.suffix}`;
      it(`GET ${path}`, async () => {
        expectLoginRedirect(await anonymous.get(path));
        for (const user of USERS) {
          const access = ACCESS[user][slug];
          const expected = access === null ? 404 : page.allowed(access) ? 200 : 403;
          expect((await clients[user].get(path)).status, `${user} (${access})`).toBe(expected);
        }
      });
    }
  }

  it('an unknown workspace is 404 for everyone, also the beheerder', async () => {
    for (const user of USERS) {
      expect((await clients[user].get('/w/atlantis')).status).toBe(404);
      expect((await clients[user].get('/w/atlantis/leden')).status).toBe(404);
    }
  });

  it('a gemeente a user cannot see answers exactly like one that does not exist', async () => {
    const hidden = await clients.hengelo.get('/w/enschede');
    const missing = await clients.hengelo.get('/w/atlantis');
    expect(hidden.status).toBe(missing.status);
    expect(hidden.body).not.toContain('Enschede</h1>');
  });
});

describe('state-changing requests', () => {
  const stepRow = () =>
    openTestDb(server.dbPath)
      .prepare(
        "select s.status, s.note from steps s join workspaces w on w.id = s.workspace_id where w.slug = 'enschede' and s.number = 2"
      )
      .get() as { status: string; note: string };

  it('only a projectleider changes a step; every other POST is refused and changes nothing', async () => {
    const before = stepRow();
    const form = { status: 'afgerond', note: 'geweigerd?' };
    expectLoginRedirect(await anonymous.post('/w/enschede/stap/2/wijzigen', form));
    for (const user of USERS) {
      if (user === 'regie') continue;
      const access = ACCESS[user].enschede;
      const reply = await clients[user].post('/w/enschede/stap/2/wijzigen', form);
      expect(reply.status, user).toBe(access === null ? 404 : 403);
    }
    expect(stepRow()).toEqual(before);

    const ok = await clients.regie.post('/w/enschede/stap/2/wijzigen', { status: 'bezig', note: 'Concept in de maak' });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe('/w/enschede?bijgewerkt=2');
    expect(stepRow()).toEqual({ status: 'bezig', note: 'Concept in de maak' });
  });

  it("a lezer's step POST is refused by the server", async () => {
    const before = stepRow();
    const reply = await clients.provincie.post('/w/enschede/stap/2/wijzigen', { status: 'afgerond', note: '' });
    expect(reply.status).toBe(403);
    expect(stepRow()).toEqual(before);
  });

  it('member management: projectleider and beheerder only', async () => {
    const count = () => (openTestDb(server.dbPath).prepare('select count(*) as n from invitations').get() as { n: number }).n;
    const before = count();
    const form = { intent: 'invite', email: 'nieuw@example.nl', role: 'lezer' };
    expectLoginRedirect(await anonymous.post('/w/enschede/leden', form));
    for (const user of USERS) {
      const access = ACCESS[user].enschede;
      const expected = access === 'projectleider' || access === 'beheerder' ? 200 : access === null ? 404 : 403;
      expect((await clients[user].post('/w/enschede/leden', form)).status, user).toBe(expected);
    }
    expect(count()).toBe(before + 2);
  });

  it('user and organisation administration: beheerder only', async () => {
    const count = () => (openTestDb(server.dbPath).prepare('select count(*) as n from organisations').get() as { n: number }).n;
    const before = count();
    for (const user of USERS) {
      const reply = await clients[user].post('/beheer/organisaties', { name: `Corporatie ${user}`, kind: 'corporatie' });
      expect(reply.status, user).toBe(user === 'beheer' ? 200 : 403);
    }
    expect(count()).toBe(before + 1);
  });

  it('every mutation wrote an audit row with who and what', () => {
    const rows = openTestDb(server.dbPath)
      .prepare(
        "select a.action, u.email from audit_log a join users u on u.id = a.actor_id where a.action in ('step.update', 'invitation.create', 'organisation.create') order by a.id"
      )
      .all() as Array<{ action: string; email: string }>;
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'step.update', email: DEMO.regie },
        { action: 'invitation.create', email: DEMO.regie },
        { action: 'invitation.create', email: DEMO.beheer },
        { action: 'organisation.create', email: DEMO.beheer },
      ])
    );
  });
});

// The record dimension: the same routes, asked about a particular record — one's own or another's, a
// resolved thread, an archived document, oneself, another workspace's knelpunt or import. The oracle is
// written out per role, as above; each refusal must leave the record as it was.
describe('records: who may act on which one', () => {
  const db = () => openTestDb(server.dbPath);
  const one = <T>(query: string, ...args: unknown[]) =>
    db()
      .prepare(query)
      .get(...args) as T;
  const commentsOf = (documentId: string) => `/w/regio/documenten/${documentId}/opmerkingen`;
  const act = async (user: DemoUser, documentId: string, form: Record<string, string>) =>
    (await clients[user].post(commentsOf(documentId), form)).status;
  /** The role that counts in the region, or null: decides 404 (not a member), 403 (below commentator). */
  const commenter = (user: DemoUser): number | null => {
    const access = ACCESS[user].regio;
    if (access === null) return 404;
    return access === 'lezer' || access === 'beheerder' ? 403 : null;
  };
  let documentId: string;
  let zorgsThread: string;
  let zorgsComment: string;

  beforeAll(async () => {
    documentId = await createDocument(clients.regie, 'regio', 'Concept voor de matrix van opmerkingen');
    expect(await act('zorg', documentId, { intent: 'create', body: 'Een opmerking van de zorgpartij.' })).toBe(200);
    const row = one<{ thread_id: string; id: string }>(
      'select c.thread_id, c.id from comments c join comment_threads t on t.id = c.thread_id where t.subject_id = ?',
      documentId
    );
    zorgsThread = row.thread_id;
    zorgsComment = row.id;
  });

  it('comments: everyone who may comment edits their own (200); nobody edits or deletes another’s (403)', async () => {
    for (const user of USERS) {
      const created = await act(user, documentId, { intent: 'create', body: `Eigen opmerking van ${user}.` });
      expect(created, user).toBe(commenter(user) ?? 200);
      if (created !== 200) continue;
      const own = one<{ id: string }>('select id from comments where body = ?', `Eigen opmerking van ${user}.`).id;
      expect(await act(user, documentId, { intent: 'edit', commentId: own, body: `Bewerkt door ${user}.` }), user).toBe(200);
    }
    for (const user of USERS) {
      if (user === 'zorg') continue;
      for (const intent of ['edit', 'delete']) {
        const status = await act(user, documentId, { intent, commentId: zorgsComment, body: 'Overschreven' });
        expect(status, `${user} ${intent}`).toBe(commenter(user) ?? 403);
      }
    }
    expect(one<{ body: string }>('select body from comments where id = ?', zorgsComment).body).toBe(
      'Een opmerking van de zorgpartij.'
    );
  });

  it('comments: another’s thread is resolved by redacteur and projectleider; its author resolves their own', async () => {
    const processes = (user: DemoUser) => {
      const access = ACCESS[user].regio;
      return commenter(user) ?? (access === 'redacteur' || access === 'projectleider' ? 200 : 403);
    };
    for (const user of USERS) {
      const expected = user === 'zorg' ? 200 : processes(user);
      expect(await act(user, documentId, { intent: 'resolve', threadId: zorgsThread }), user).toBe(expected);
      if (expected === 200) expect(await act('zorg', documentId, { intent: 'reopen', threadId: zorgsThread })).toBe(200);
    }
    expect(one<{ status: string }>('select status from comment_threads where id = ?', zorgsThread).status).toBe('open');
  });

  it('comments: a resolved thread takes no replies (409) until it is reopened', async () => {
    expect(await act('regie', documentId, { intent: 'resolve', threadId: zorgsThread })).toBe(200);
    for (const user of USERS) {
      const status = await act(user, documentId, { intent: 'reply', threadId: zorgsThread, body: 'Nog één ding.' });
      expect(status, user).toBe(commenter(user) ?? 409);
    }
    expect(await act('zorg', documentId, { intent: 'reopen', threadId: zorgsThread })).toBe(200);
    expect(await act('provincie', documentId, { intent: 'reply', threadId: zorgsThread, body: 'Nu wel?' })).toBe(403);
    expect(await act('enschede', documentId, { intent: 'reply', threadId: zorgsThread, body: 'Nu wel.' })).toBe(200);
  });

  it('comments: only the projectleider hides another’s comment', async () => {
    const target = one<{ id: string }>('select id from comments where body = ?', 'Bewerkt door enschede.').id;
    for (const user of USERS) {
      if (user === 'regie') continue;
      expect(await act(user, documentId, { intent: 'hide', commentId: target }), user).toBe(commenter(user) ?? 403);
    }
    expect(one<{ hidden_at: string | null }>('select hidden_at from comments where id = ?', target).hidden_at).toBeNull();
    expect(await act('regie', documentId, { intent: 'hide', commentId: target })).toBe(200);
    // Hidden: gone for everyone, also its author.
    expect(await act('enschede', documentId, { intent: 'edit', commentId: target, body: 'Terug?' })).toBe(404);
  });

  it('comments: an archived document takes nothing (409), also not from its own authors or the projectleider', async () => {
    const archived = await createDocument(clients.regie, 'regio', 'Concept dat naar het archief gaat');
    expect(await act('zorg', archived, { intent: 'create', body: 'Voor het archief.' })).toBe(200);
    const row = one<{ thread_id: string; id: string }>(
      'select c.thread_id, c.id from comments c join comment_threads t on t.id = c.thread_id where t.subject_id = ?',
      archived
    );
    expect((await clients.regie.post(`/w/regio/documenten/${archived}`, { intent: 'archive' })).status).toBe(302);
    for (const user of USERS) {
      const expected = commenter(user) ?? 409;
      expect(await act(user, archived, { intent: 'create', body: 'Te laat.' }), user).toBe(expected);
      expect(await act(user, archived, { intent: 'reply', threadId: row.thread_id, body: 'Te laat.' }), user).toBe(expected);
      expect(await act(user, archived, { intent: 'resolve', threadId: row.thread_id }), user).toBe(expected);
    }
    expect(await act('zorg', archived, { intent: 'edit', commentId: row.id, body: 'Te laat.' })).toBe(409);
    expect(await act('zorg', archived, { intent: 'delete', commentId: row.id })).toBe(409);
    expect(await act('regie', archived, { intent: 'hide', commentId: row.id })).toBe(409);
    expect(one<{ n: number }>('select count(*) as n from comments where thread_id = ?', row.thread_id).n).toBe(1);
  });

  it('memberships: nobody changes or removes their own; the beheerder is not bound by rank; others are refused', async () => {
    const regieId = one<{ id: string }>('select id from users where email = ?', DEMO.regie).id;
    const regioId = one<{ id: string }>("select id from workspaces where slug = 'regio'").id;
    const role = () =>
      one<{ role: string }>('select role from memberships where user_id = ? and workspace_id = ?', regieId, regioId);
    for (const intent of ['role', 'remove']) {
      const reply = await clients.regie.post('/w/regio/leden', { intent, userId: regieId, role: 'lezer' });
      expect(reply.status, intent).toBe(400);
      expect(reply.body).toContain('U kunt uw eigen rol niet wijzigen.');
    }
    expect(role()).toEqual({ role: 'projectleider' });
    // A role above everyone else's but the beheerder's (who has none): only the beheerder and no one below may act.
    for (const user of USERS) {
      if (user === 'regie') continue;
      const access = ACCESS[user].regio;
      const expected = access === null ? 404 : access === 'beheerder' ? 200 : 403;
      const reply = await clients[user].post('/w/regio/leden', { intent: 'role', userId: regieId, role: 'projectleider' });
      expect(reply.status, user).toBe(expected);
    }
    expect(role()).toEqual({ role: 'projectleider' });
  });

  it('knelpunten: another workspace’s is 404 for whoever may edit here, 403 for who may not, 404 for a stranger', async () => {
    const form = { title: 'Wachtlijst begeleid wonen', targetGroupId: 'dak-en-thuislozen', level: 'lokaal', status: 'open' };
    expect((await clients.hengelo.post('/w/hengelo/knelpunten', { ...form, description: '', indicatorIds: '' })).status).toBe(
      302
    );
    const hengelos = one<{ id: string }>('select id from knelpunten where title = ?', form.title).id;
    for (const slug of ['regio', 'enschede'] as const) {
      for (const user of USERS) {
        const access = ACCESS[user][slug];
        const expected = access === null ? 404 : access === 'redacteur' || access === 'projectleider' ? 404 : 403;
        const status = await clients[user].post(`/w/${slug}/knelpunten`, { intent: 'status', id: hengelos, status: 'opgelost' });
        expect(status.status, `${slug} ${user}`).toBe(expected);
        const edit = await clients[user].post(`/w/${slug}/knelpunten`, { ...form, id: hengelos, title: 'Overgenomen' });
        expect(edit.status, `${slug} ${user}`).toBe(expected);
      }
    }
    expect(one('select title, status from knelpunten where id = ?', hengelos)).toEqual({ title: form.title, status: 'open' });
    expect(
      (await clients.hengelo.post('/w/hengelo/knelpunten', { intent: 'status', id: hengelos, status: 'in_aanpak' })).status
    ).toBe(302);
  });

  it('imports: another workspace’s is 404 (view, apply, discard); a decided one is 409', async () => {
    const form = new FormData();
    form.set('file', new Blob(['gemeente;indicator;periode;waarde\nHengelo;dak-en-thuislozen;2022;12']), 'cijfers.csv');
    form.set('source', 'Eigen telling Hengelo');
    form.set('definition', 'Aantal personen volgens de gemeente.');
    const uploaded = await fetch(new URL('/w/hengelo/analyse/import', server.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: clients.hengelo.cookie!, origin: server.url },
      body: form,
    });
    expect(uploaded.status).toBe(302);
    const id = uploaded.headers.get('location')!.split('/').pop()!;
    const status = () => one<{ status: string }>('select status from data_imports where id = ?', id).status;
    for (const slug of ['regio', 'enschede'] as const) {
      for (const user of USERS) {
        const access = ACCESS[user][slug];
        const expected = access === null ? 404 : access === 'redacteur' || access === 'projectleider' ? 404 : 403;
        const path = `/w/${slug}/analyse/import/${id}`;
        expect((await clients[user].get(path)).status, `GET ${slug} ${user}`).toBe(expected);
        for (const intent of ['apply', 'discard']) {
          expect((await clients[user].post(path, { intent })).status, `${intent} ${slug} ${user}`).toBe(expected);
        }
      }
    }
    expect(status()).toBe('voorbeeld');
    const own = `/w/hengelo/analyse/import/${id}`;
    for (const user of USERS) {
      const access = ACCESS[user].hengelo;
      const expected = access === null ? 404 : access === 'redacteur' || access === 'projectleider' ? 200 : 403;
      expect((await clients[user].get(own)).status, user).toBe(expected);
    }
    expect((await clients.hengelo.post(own, { intent: 'discard' })).status).toBe(302);
    expect(status()).toBe('verworpen');
    for (const intent of ['apply', 'discard']) {
      const reply = await clients.hengelo.post(own, { intent });
      expect(reply.status, intent).toBe(409);
      expect(reply.body).toContain('Deze import is al verwerkt of verworpen.');
    }
    expect(status()).toBe('verworpen');
  });
});
