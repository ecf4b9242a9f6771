import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// The region's woondeal register against the real server: who may see and change it from which workspace,
// bad input, and the actions serving each woondeal.

const USERS = Object.keys(DEMO) as DemoUser[];
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
let anonymous: Client;

const { sql, run, workspaceId, userId } = serverDb(() => server.dbPath);
/** Everything a refused request could have changed. */
const state = () => ({
  woondeals: sql('select * from woondeals order by id'),
  audit: sql<{ n: number }>("select count(*) as n from audit_log where action like 'woondeal.%'")[0]!.n,
});

const valid = {
  name: 'Woondeal Test',
  sourceDocument: 'Testafspraak, 1 januari 2024',
  signedOn: '2024-01-01',
  targetHomes: '1.200',
  targetYear: '2030',
  shareSocial: '30',
  shareMiddle: '40',
  shareExpensive: '30',
  note: '',
};

let twente: string;

beforeAll(async () => {
  server = await startServer();
  anonymous = new Client(server.url);
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  twente = sql<{ id: string }>("select id from woondeals where name = 'Regionale Woondeal Twente'")[0]!.id;
});
afterAll(() => server?.stop());

describe('the demo woondeal', () => {
  it('Twente is in the region register once, with its figures', () => {
    const rows = sql<Record<string, unknown>>('select * from woondeals');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      workspace_id: workspaceId('regio'),
      name: 'Regionale Woondeal Twente',
      signed_on: '2022-12-21',
      target_homes: 14100,
      target_year: 2030,
      share_social: 30,
      share_middle: 40,
      share_expensive: 30,
    });
  });

  it('a restart seeds it no second time', async () => {
    await server.stop({ keepFiles: true });
    server = await startServer({}, { dbPath: server.dbPath, port: server.port });
    expect(sql('select id from woondeals')).toHaveLength(1);
  });
});

describe('who may see the register', () => {
  // regie: projectleider (region); enschede: redacteur; zorg: commentator; provincie: lezer;
  // hengelo: no member of the region (own gemeente only); beheer: beheerder.
  const seesRegion: Record<DemoUser, number> = {
    regie: 200,
    enschede: 200,
    zorg: 200,
    provincie: 200,
    hengelo: 404,
    beheer: 200,
  };
  it('the region page: every member and the beheerder, 404 for others, log-in for anonymous', async () => {
    const anon = await anonymous.get('/w/regio/woondeals');
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login/);
    for (const user of USERS) {
      const reply = await clients[user].get('/w/regio/woondeals');
      expect(reply.status, user).toBe(seesRegion[user]);
      if (reply.status === 200) expect(reply.body, user).toContain('Regionale Woondeal Twente');
    }
  });

  it('a gemeente page shows the region register read-only, to its own members as well', async () => {
    const reply = await clients.hengelo.get('/w/hengelo/woondeals');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Regionale Woondeal Twente');
    expect(reply.body).toContain('14.100');
    expect(reply.body).not.toContain('Woondeal vastleggen');
    // Hans sees no region workspace: no link to a page that would answer 404.
    expect(reply.body).not.toContain('href="/w/regio');
    expect((await clients.enschede.get('/w/enschede/woondeals')).body).toContain('href="/w/regio/woondeals"');
    // Even the region's projectleider, who leads the gemeente too, edits in the region only.
    const regie = await clients.regie.get('/w/enschede/woondeals');
    expect(regie.status).toBe(200);
    expect(regie.body).not.toContain('Woondeal vastleggen');
    expect(regie.body).not.toContain('?bewerk=');
  });

  it('only the region projectleider gets the form', async () => {
    for (const user of USERS) {
      const reply = await clients[user].get('/w/regio/woondeals');
      if (reply.status !== 200) continue;
      expect(reply.body.includes('Woondeal vastleggen'), user).toBe(user === 'regie');
    }
  });
});

describe('who may record and change a woondeal', () => {
  // 403 for a role without woondeal.manage, 404 for who may not see the region at all.
  const create: Record<DemoUser, number> = { regie: 302, enschede: 403, zorg: 403, provincie: 403, hengelo: 404, beheer: 403 };

  it('create: the region projectleider only', async () => {
    for (const user of USERS) {
      const before = state();
      const reply = await clients[user].post('/w/regio/woondeals', { ...valid, name: `Woondeal van ${user}` });
      expect(reply.status, user).toBe(create[user]);
      if (create[user] !== 302) expect(state(), user).toEqual(before);
    }
    const made = sql<{ name: string; target_homes: number; created_by: string }>(
      "select name, target_homes, created_by from woondeals where name like 'Woondeal van %'"
    );
    expect(made).toEqual([{ name: 'Woondeal van regie', target_homes: 1200, created_by: userId('regie') }]);
    const audit = sql<{ actor_id: string; workspace_id: string }>(
      "select actor_id, workspace_id from audit_log where action = 'woondeal.create' and entity_id = (select id from woondeals where name = 'Woondeal van regie')"
    );
    expect(audit).toEqual([{ actor_id: userId('regie'), workspace_id: workspaceId('regio') }]);
  });

  it('edit: the region projectleider only, with an audit row', async () => {
    const edit = { ...valid, id: twente, name: 'Regionale Woondeal Twente', targetHomes: '14100', note: 'Bijgewerkt' };
    for (const user of USERS.filter((u) => u !== 'regie')) {
      const before = state();
      const reply = await clients[user].post('/w/regio/woondeals', edit);
      expect(reply.status, user).toBe(create[user]);
      expect(state(), user).toEqual(before);
    }
    const reply = await clients.regie.post('/w/regio/woondeals', edit);
    expect(reply.status).toBe(302);
    expect(reply.location).toBe('/w/regio/woondeals?opgeslagen=gewijzigd');
    expect(sql('select note, signed_on from woondeals where id = ?', twente)).toEqual([
      { note: 'Bijgewerkt', signed_on: '2024-01-01' },
    ]);
    expect(sql("select entity_id from audit_log where action = 'woondeal.update'")).toEqual([{ entity_id: twente }]);
  });

  it('a gemeente URL refuses everyone, also a projectleider there (woondeals are regional)', async () => {
    // Hans becomes projectleider of his own gemeente for this test.
    run(
      "update memberships set role = 'projectleider' where user_id = ? and workspace_id = ?",
      userId('hengelo'),
      workspaceId('hengelo')
    );
    try {
      const before = state();
      expect((await clients.hengelo.post('/w/hengelo/woondeals', valid)).status).toBe(403);
      expect((await clients.hengelo.post('/w/hengelo/woondeals', { ...valid, id: twente })).status).toBe(403);
      expect((await clients.regie.post('/w/enschede/woondeals', valid)).status).toBe(403);
      expect((await clients.regie.post('/w/enschede/woondeals', { ...valid, id: twente })).status).toBe(403);
      expect((await clients.enschede.post('/w/hengelo/woondeals', valid)).status).toBe(403); // lezer there
      expect((await clients.hengelo.post('/w/enschede/woondeals', valid)).status).toBe(404); // no member
      expect(state()).toEqual(before);
    } finally {
      run(
        "update memberships set role = 'redacteur' where user_id = ? and workspace_id = ?",
        userId('hengelo'),
        workspaceId('hengelo')
      );
    }
  });

  it("another region's woondeal, or an unknown id, answers 404 and stays as it was", async () => {
    const now = new Date().toISOString();
    run(
      "insert into workspaces (id, slug, name, kind, cbs_code, parent_id, created_at) values ('andere-regio-id', 'andere-regio', 'Andere regio', 'regio', null, null, ?)",
      now
    );
    run(
      "insert into woondeals (id, workspace_id, name, source_document, note, created_at, updated_at) values ('vreemde-woondeal', 'andere-regio-id', 'Woondeal elders', '', '', ?, ?)",
      now,
      now
    );
    const before = state();
    const elsewhere = await clients.regie.post('/w/regio/woondeals', { ...valid, id: 'vreemde-woondeal' });
    expect(elsewhere.status).toBe(404);
    const unknown = await clients.regie.post('/w/regio/woondeals', { ...valid, id: '00000000-0000-0000-0000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(state()).toEqual(before);
    // …nor is it shown in this region.
    expect((await clients.regie.get('/w/regio/woondeals')).body).not.toContain('Woondeal elders');
    // The regie is no member there: that region's page is 404 for them.
    expect((await clients.regie.post('/w/andere-regio/woondeals', { ...valid, id: 'vreemde-woondeal' })).status).toBe(404);
  });

  it('GET ?bewerk=<id> shows the filled-in form to the projectleider only', async () => {
    const regie = await clients.regie.get(`/w/regio/woondeals?bewerk=${twente}`);
    expect(regie.body).toContain('Woondeal bewerken: Regionale Woondeal Twente');
    expect(regie.body).toContain('value="14.100"');
    const redacteur = await clients.enschede.get(`/w/regio/woondeals?bewerk=${twente}`);
    expect(redacteur.status).toBe(200);
    expect(redacteur.body).not.toContain('Woondeal bewerken');
  });
});

describe('bad input: a Dutch message at the field, 400, nothing changed', () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['no name', { name: '' }, 'name', 'Vul de naam van de woondeal in.'],
    ['shares 30/40/25', { shareExpensive: '25' }, 'shareSocial', 'De verdeling telt op tot 95 %; dat moet 100 % zijn.'],
    ['a share of 101', { shareSocial: '101' }, 'shareSocial', 'Vul een heel percentage van 0 tot en met 100 in'],
    ['a share with decimals', { shareMiddle: '40,5' }, 'shareMiddle', 'Vul een heel percentage van 0 tot en met 100 in'],
    ['a negative share', { shareExpensive: '-30' }, 'shareExpensive', 'Vul een heel percentage van 0 tot en met 100 in'],
    ['"14,1" homes (a comma is ambiguous)', { targetHomes: '14,1' }, 'targetHomes', 'Gebruik geen komma'],
    ['"14.1" homes', { targetHomes: '14.1' }, 'targetHomes', 'Vul een heel getal in, zoals 14100 of 14.100.'],
    ['zero homes', { targetHomes: '0' }, 'targetHomes', 'Het aantal woningen is een positief heel getal'],
    ['year 1999', { targetYear: '1999' }, 'targetYear', 'Vul een jaartal van 2000 tot en met 2100 in'],
    ['year 2101', { targetYear: '2101' }, 'targetYear', 'Vul een jaartal van 2000 tot en met 2100 in'],
    ['date 2026-02-30', { signedOn: '2026-02-30' }, 'signedOn', 'Vul een bestaande datum in'],
    ['a date in the wrong format', { signedOn: '21-12-2022' }, 'signedOn', 'Vul een bestaande datum in'],
  ];
  for (const [name, change, field, message] of cases) {
    for (const editing of [false, true]) {
      it(`${editing ? 'edit' : 'create'}: ${name}`, async () => {
        const before = state();
        const form = { ...valid, ...change, ...(editing ? { id: twente } : {}) };
        // As the browser posts it: to the page's own address, ?bewerk=<id> when editing.
        const reply = await clients.regie.post(`/w/regio/woondeals${editing ? `?bewerk=${twente}` : ''}`, form);
        expect(reply.status).toBe(400);
        expect(reply.body).not.toContain('Er ging iets mis');
        // At the field: the message is in the field's error element, which the input refers to.
        const formId = editing ? `woondeal-bewerken-${twente}` : 'woondeal-nieuw';
        const errorId = `${formId}-${field}-error`;
        const error = new RegExp(`id="${errorId}"[^>]*>([^<]*)<`).exec(reply.body);
        expect(error?.[1], reply.body.slice(0, 500)).toContain(message.replace(/"/g, '&quot;'));
        expect(reply.body).toMatch(new RegExp(`aria-describedby="[^"]*${errorId}`));
        // Ids are unique: the fields name their form by its id.
        const ids = [...reply.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(ids.length).toBe(new Set(ids).size);
        expect(state()).toEqual(before);
      });
    }
  }

  it('"14.100" and "14 100" are read as 14100; a share may carry a % sign', async () => {
    for (const [input, name] of [
      ['14.100', 'Met punt'],
      ['14 100', 'Met spatie'],
    ] as const) {
      const reply = await clients.regie.post('/w/regio/woondeals', { ...valid, name, targetHomes: input, shareSocial: '30 %' });
      expect(reply.status, reply.body.slice(0, 300)).toBe(302);
      expect(sql('select target_homes, share_social from woondeals where name = ?', name)).toEqual([
        { target_homes: 14100, share_social: 30 },
      ]);
    }
  });

  it('the split may be left open, or given in part', async () => {
    const reply = await clients.regie.post('/w/regio/woondeals', {
      ...valid,
      name: 'Zonder verdeling',
      shareSocial: '35',
      shareMiddle: '',
      shareExpensive: '',
      targetHomes: '',
      targetYear: '',
      signedOn: '',
    });
    expect(reply.status).toBe(302);
    expect(
      sql('select share_social, share_middle, target_homes, signed_on from woondeals where name = ?', 'Zonder verdeling')
    ).toEqual([{ share_social: 35, share_middle: null, target_homes: null, signed_on: null }]);
  });
});

describe('the actions serving a woondeal', () => {
  function insertAction(id: string, slug: string, title: string, status: string) {
    const now = new Date().toISOString();
    run(
      `insert into actions (id, workspace_id, title, description, level, priority, status, progress, woondeal_id, created_at, updated_at)
       values (?, ?, ?, '', 'lokaal', 'normaal', ?, 0, ?, ?, ?)`,
      id,
      workspaceId(slug),
      title,
      status,
      twente,
      now,
      now
    );
  }

  beforeAll(() => {
    insertAction('actie-regio', 'regio', 'Regionale afspraken uitstroom BW', 'besloten');
    insertAction('actie-enschede', 'enschede', 'Sociale huur Enschede-Zuid', 'in_uitvoering');
    insertAction('actie-hengelo', 'hengelo', 'Flexwoningen Hengelo', 'voorstel');
  });

  it('the region lists all of them with workspace and status, and counts them by status', async () => {
    const body = (await clients.provincie.get('/w/regio/woondeals')).body;
    for (const title of ['Regionale afspraken uitstroom BW', 'Sociale huur Enschede-Zuid', 'Flexwoningen Hengelo'])
      expect(body).toContain(title);
    expect(body).toContain('href="/w/regio/acties/actie-enschede"');
    expect(body).toContain('3 acties: 1 voorstel, 1 besloten, 1 in uitvoering');
  });

  it('a gemeente lists only its own', async () => {
    const body = (await clients.hengelo.get('/w/hengelo/woondeals')).body;
    expect(body).toContain('href="/w/hengelo/acties/actie-hengelo"');
    expect(body).not.toContain('Sociale huur Enschede-Zuid');
    expect(body).not.toContain('Regionale afspraken uitstroom BW');
    expect(body).toContain('1 actie: 1 voorstel');
  });

  it('the chart and its table show the split and the homes per part', async () => {
    const body = (await clients.regie.get('/w/regio/woondeals')).body;
    expect(body).toContain('Verdeling van de nieuwbouw: 30/40/30');
    expect(body).toMatch(/<svg[^>]*class="chart chart--split"[^>]*aria-hidden="true"/);
    expect(body).not.toMatch(/\sstyle="/);
    // 30 % of 14,100 homes, 40 %, 30 %.
    for (const homes of ['4.230', '5.640', '14.100']) expect(body).toContain(`>${homes}<`);
  });
});
