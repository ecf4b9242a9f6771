import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    { suffix: '/stap/1', allowed: (a) => a === 'projectleider' },
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
    expectLoginRedirect(await anonymous.post('/w/enschede/stap/2', form));
    for (const user of USERS) {
      if (user === 'regie') continue;
      const access = ACCESS[user].enschede;
      const reply = await clients[user].post('/w/enschede/stap/2', form);
      expect(reply.status, user).toBe(access === null ? 404 : 403);
    }
    expect(stepRow()).toEqual(before);

    const ok = await clients.regie.post('/w/enschede/stap/2', { status: 'bezig', note: 'Concept in de maak' });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe('/w/enschede?bijgewerkt=2');
    expect(stepRow()).toEqual({ status: 'bezig', note: 'Concept in de maak' });
  });

  it("a lezer's step POST is refused by the server", async () => {
    const before = stepRow();
    const reply = await clients.provincie.post('/w/enschede/stap/2', { status: 'afgerond', note: '' });
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
