import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../helpers/collab.ts';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Document pages × every demo role, in a gemeente (Enschede) document.
type Access = 'projectleider' | 'redacteur' | 'commentator' | 'lezer' | 'beheerder' | null;
const IN_ENSCHEDE: Record<DemoUser, Access> = {
  regie: 'projectleider',
  enschede: 'redacteur',
  hengelo: null,
  zorg: 'commentator',
  provincie: 'lezer',
  beheer: 'beheerder',
};
const USERS = Object.keys(DEMO) as DemoUser[];
const writes = (a: Access) => a === 'projectleider' || a === 'redacteur';

let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
let anonymous: Client;
let documentId: string;

beforeAll(async () => {
  server = await startServer();
  anonymous = new Client(server.url);
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  documentId = await createDocument(clients.enschede, 'enschede', 'Woonzorgvisie Enschede (concept)', 'woonzorgvisie');
});
afterAll(() => server?.stop());

const documentRow = () =>
  openTestDb(server.dbPath).prepare('select title, status, step, archived_at from documents where id = ?').get(documentId);

describe('who may read and change documents', () => {
  for (const suffix of ['', '/archief', `/${'ID'}`, `/${'ID'}/versies`]) {
    it(`GET /w/enschede/documenten${suffix}`, async () => {
      const path = `/w/enschede/documenten${suffix.replace('ID', documentId)}`;
      const anon = await anonymous.get(path);
      expect(anon.status).toBe(302);
      for (const user of USERS) {
        expect((await clients[user].get(path)).status, user).toBe(IN_ENSCHEDE[user] === null ? 404 : 200);
      }
    });
  }

  it('only redacteuren and projectleiders create documents', async () => {
    const count = () => (openTestDb(server.dbPath).prepare('select count(*) as n from documents').get() as { n: number }).n;
    const before = count();
    for (const user of USERS) {
      const reply = await clients[user].post('/w/enschede/documenten', { title: `Door ${user}`, step: '1', template: 'leeg' });
      const access = IN_ENSCHEDE[user];
      expect(reply.status, user).toBe(access === null ? 404 : writes(access) ? 302 : 403);
    }
    expect(count()).toBe(before + 2);
  });

  it('only redacteuren and projectleiders rename, archive and record versions', async () => {
    for (const user of USERS) {
      const access = IN_ENSCHEDE[user];
      if (writes(access)) continue;
      const expected = access === null ? 404 : 403;
      const before = documentRow();
      expect(
        (
          await clients[user].post(`/w/enschede/documenten/${documentId}`, {
            intent: 'meta',
            title: 'Gekaapt',
            status: 'vastgesteld',
            step: '4',
          })
        ).status,
        user
      ).toBe(expected);
      expect((await clients[user].post(`/w/enschede/documenten/${documentId}`, { intent: 'archive' })).status, user).toBe(
        expected
      );
      expect((await clients[user].post(`/w/enschede/documenten/${documentId}/versies`, { name: 'Gekaapt' })).status, user).toBe(
        expected
      );
      expect(documentRow()).toEqual(before);
    }
    const renamed = await clients.enschede.post(`/w/enschede/documenten/${documentId}`, {
      intent: 'meta',
      title: 'Woonzorgvisie Enschede',
      status: 'ter_review',
      step: '2',
    });
    expect(renamed.status).toBe(200);
    expect(documentRow()).toMatchObject({ title: 'Woonzorgvisie Enschede', status: 'ter_review', step: 2 });
  });

  it('the steps page counts documents per step and links to the filtered list', async () => {
    const steps = await clients.provincie.get('/w/enschede');
    expect(steps.body).toContain('href="/w/enschede/documenten?stap=2"');
    const byStep = await clients.provincie.get('/w/enschede/documenten?stap=2');
    expect(byStep.body).toContain('Documenten bij stap 2: Plan');
    expect(byStep.body).toContain(documentId);
    const otherStep = await clients.provincie.get('/w/enschede/documenten?stap=4');
    expect(otherStep.body).not.toContain(documentId);
  });

  it('archive and bring back: nothing is deleted; an archived document is read-only', async () => {
    expect((await clients.enschede.post(`/w/enschede/documenten/${documentId}`, { intent: 'archive' })).status).toBe(302);
    expect((documentRow() as { archived_at: string | null }).archived_at).not.toBeNull();
    expect((await clients.enschede.get('/w/enschede/documenten')).body).not.toContain(documentId);
    expect((await clients.enschede.get('/w/enschede/documenten/archief')).body).toContain(documentId);
    expect((await clients.enschede.post(`/w/enschede/documenten/${documentId}`, { intent: 'unarchive' })).status).toBe(302);
    expect((documentRow() as { archived_at: string | null }).archived_at).toBeNull();
    const audit = openTestDb(server.dbPath)
      .prepare('select action from audit_log where entity_id = ? order by id')
      .all(documentId) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['document.create', 'document.update', 'document.archive', 'document.unarchive'])
    );
  });
});

describe('bad input', () => {
  const refused = async (path: string, form: Record<string, string>, status: number, message?: string) => {
    const count = (openTestDb(server.dbPath).prepare('select count(*) as n from documents').get() as { n: number }).n;
    const before = documentRow();
    const reply = await clients.enschede.post(path, form);
    expect(reply.status).toBe(status);
    if (message) expect(reply.body).toContain(message);
    expect(documentRow()).toEqual(before);
    expect((openTestDb(server.dbPath).prepare('select count(*) as n from documents').get() as { n: number }).n).toBe(count);
  };
  it('create: empty or long title, unknown step or template', async () => {
    await refused('/w/enschede/documenten', { title: '', step: '1', template: 'leeg' }, 400, 'Vul een titel in.');
    await refused('/w/enschede/documenten', { title: 'x'.repeat(151), step: '1', template: 'leeg' }, 400, 'hoogstens 150 tekens');
    await refused('/w/enschede/documenten', { title: 'Goed', step: '5', template: 'leeg' }, 400, 'Kies een stap uit de lijst.');
    await refused(
      '/w/enschede/documenten',
      { title: 'Goed', step: '1', template: 'roman' },
      400,
      'Kies waarmee het document begint.'
    );
  });
  it('rename: bad status; tampered or foreign document ids are 404', async () => {
    await refused(
      `/w/enschede/documenten/${documentId}`,
      { intent: 'meta', title: 'Goed', status: 'klaar', step: '1' },
      400,
      'Kies een status uit de lijst.'
    );
    await refused('/w/enschede/documenten/niet-een-id', { intent: 'archive' }, 404);
    await refused('/w/enschede/documenten/00000000-0000-4000-8000-000000000000', { intent: 'archive' }, 404);
    // The Enschede document does not exist under another workspace's URL, not even for a user who sees both.
    await refused(`/w/regio/documenten/${documentId}`, { intent: 'archive' }, 404);
    expect((await clients.regie.get(`/w/hengelo/documenten/${documentId}`)).status).toBe(404);
  });
});
