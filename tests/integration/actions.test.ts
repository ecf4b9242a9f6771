import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../helpers/collab.ts';
import { serverDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Advised actions against the real server: every role on every route and intent, links into other
// workspaces, bad input, the exports read back, the filters. The oracle is the role table of DESIGN.md.
type Access = 'projectleider' | 'redacteur' | 'commentator' | 'lezer' | 'beheerder' | null;
type Slug = 'regio' | 'enschede' | 'hengelo';
const ACCESS: Record<DemoUser, Record<Slug, Access>> = {
  regie: { regio: 'projectleider', enschede: 'projectleider', hengelo: 'projectleider' },
  enschede: { regio: 'redacteur', enschede: 'redacteur', hengelo: 'lezer' },
  hengelo: { regio: null, enschede: null, hengelo: 'redacteur' },
  zorg: { regio: 'commentator', enschede: 'commentator', hengelo: 'commentator' },
  provincie: { regio: 'lezer', enschede: 'lezer', hengelo: 'lezer' },
  beheer: { regio: 'beheerder', enschede: 'beheerder', hengelo: 'beheerder' },
};
const USERS = Object.keys(DEMO) as DemoUser[];
const SLUGS: Slug[] = ['regio', 'enschede', 'hengelo'];
const edits = (a: Access) => a === 'projectleider' || a === 'redacteur';
const comments = (a: Access) => edits(a) || a === 'commentator';

let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
const ids = {} as Record<Slug, string>; // one action per workspace
const ws = {} as Record<Slug, string>;
let knelpuntE: string;
let knelpuntH: string;
let docE: string;
let docH: string;
let woondeal: string;
let foreignWoondeal: string;
let orgId: string;
let evaId: string;
let hansId: string;

const { sql, run } = serverDb(() => server.dbPath);

const valid = () => ({
  title: 'Regionale afspraken uitstroom BW naar corporatiewoningen',
  description: 'Met de corporaties afspreken hoeveel woningen per jaar.',
  level: 'regionaal',
  ownerOrganisationId: orgId,
  ownerUserId: evaId,
  targetGroupId: 'uitstroom-mo-bw',
  knelpuntIds: knelpuntE,
  heading: `${docE}|2. Doelgroepen`,
  dueDate: '2027-06-30',
  priority: 'hoog',
  woondealId: woondeal,
});

async function createIn(slug: Slug, client: Client, form: Record<string, string>): Promise<string> {
  const reply = await client.post(`/w/${slug}/acties/nieuw`, form);
  expect(reply.status, reply.body.slice(0, 2000)).toBe(302);
  const id = reply.location!.match(/acties\/([0-9a-f-]{36})/)![1]!;
  return id;
}

beforeAll(async () => {
  server = await startServer();
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  for (const row of sql<{ id: string; slug: Slug }>(
    "select id, slug from workspaces where slug in ('regio','enschede','hengelo')"
  ))
    ws[row.slug] = row.id;
  orgId = sql<{ id: string }>("select id from organisations where name = 'Gemeente Enschede'")[0]!.id;
  evaId = sql<{ id: string }>('select id from users where email = ?', DEMO.enschede)[0]!.id;
  hansId = sql<{ id: string }>('select id from users where email = ?', DEMO.hengelo)[0]!.id;
  const knelpunt = { targetGroupId: 'uitstroom-mo-bw', level: 'regionaal', status: 'open', description: '' };
  expect(
    (await clients.enschede.post('/w/enschede/knelpunten', { ...knelpunt, title: 'Te weinig doorstroomplekken' })).status
  ).toBe(302);
  expect((await clients.hengelo.post('/w/hengelo/knelpunten', { ...knelpunt, title: 'Geen skaeve huse' })).status).toBe(302);
  knelpuntE = sql<{ id: string }>("select id from knelpunten where title = 'Te weinig doorstroomplekken'")[0]!.id;
  knelpuntH = sql<{ id: string }>("select id from knelpunten where title = 'Geen skaeve huse'")[0]!.id;
  docE = await createDocument(clients.enschede, 'enschede', 'Woonzorgvisie Enschede', 'woonzorgvisie');
  docH = await createDocument(clients.hengelo, 'hengelo', 'Woonzorgvisie Hengelo', 'woonzorgvisie');
  const now = new Date().toISOString();
  woondeal = crypto.randomUUID();
  foreignWoondeal = crypto.randomUUID();
  run(
    "insert into woondeals (id, workspace_id, name, source_document, created_at, updated_at) values (?, ?, 'Woondeal Twente', '', ?, ?)",
    woondeal,
    ws.regio,
    now,
    now
  );
  run(
    "insert into woondeals (id, workspace_id, name, source_document, created_at, updated_at) values (?, ?, 'Niet van de regio', '', ?, ?)",
    foreignWoondeal,
    ws.hengelo,
    now,
    now
  );
  ids.enschede = await createIn('enschede', clients.enschede, valid());
  ids.regio = await createIn('regio', clients.regie, {
    title: 'Regionale monitor uitstroom',
    level: 'regionaal',
    priority: 'normaal',
  });
  ids.hengelo = await createIn('hengelo', clients.hengelo, {
    title: 'Skaeve huse in Hengelo',
    level: 'lokaal',
    priority: 'laag',
    knelpuntIds: knelpuntH,
    heading: `${docH}|1. Opgave in beeld`,
    dueDate: '2020-01-31',
  });
}, 180_000);
afterAll(() => server?.stop());

describe('creating an action', () => {
  it('stores every field and link, and the audit row', () => {
    const row = sql<Record<string, unknown>>('select * from actions where id = ?', ids.enschede)[0]!;
    expect(row).toMatchObject({
      workspace_id: ws.enschede,
      title: 'Regionale afspraken uitstroom BW naar corporatiewoningen',
      level: 'regionaal',
      owner_organisation_id: orgId,
      owner_user_id: evaId,
      target_group_id: 'uitstroom-mo-bw',
      document_id: docE,
      heading: '2. Doelgroepen',
      due_date: '2027-06-30',
      priority: 'hoog',
      status: 'voorstel',
      progress: 0,
      woondeal_id: woondeal,
    });
    expect(sql('select knelpunt_id from action_knelpunten where action_id = ?', ids.enschede)).toEqual([
      { knelpunt_id: knelpuntE },
    ]);
    expect(sql("select action from audit_log where entity_id = ? and action = 'action.create'", ids.enschede)).toHaveLength(1);
  });

  it('the detail page shows the links: heading into the document, knelpunt, woondeal, progress', async () => {
    const body = (await clients.provincie.get(`/w/enschede/acties/${ids.enschede}`)).body;
    expect(body).toContain(`href="/w/enschede/documenten/${docE}?kop=2.%20Doelgroepen"`);
    expect(body).toContain('Te weinig doorstroomplekken');
    expect(body).toContain('Woondeal Twente');
    expect(body).toMatch(/<progress[^>]*value="0"/);
    expect(body).not.toContain('Actie bewerken');
  });
});

describe('who may see and change actions', () => {
  /** Seen from slug: its own actions, and in the region its gemeenten' too. */
  const visible = (slug: Slug, owner: Slug) => slug === owner || (slug === 'regio' && owner !== 'regio');

  for (const slug of SLUGS) {
    for (const page of ['/acties', '/acties/bord', '/acties.csv', '/acties.xlsx', '/acties/nieuw']) {
      it(`GET /w/${slug}${page}`, async () => {
        for (const user of USERS) {
          const access = ACCESS[user][slug];
          const expected = access === null ? 404 : page.endsWith('nieuw') && !edits(access) ? 403 : 200;
          expect((await clients[user].get(`/w/${slug}${page}`)).status, `${user} (${access})`).toBe(expected);
        }
      });
    }
  }

  it('anonymous visitors are sent to log in', async () => {
    const anonymous = new Client(server.url);
    for (const path of ['/w/enschede/acties', `/w/enschede/acties/${ids.enschede}`, '/w/enschede/acties.csv']) {
      const reply = await anonymous.get(path);
      expect(reply.status).toBe(302);
      expect(reply.location).toMatch(/^\/login/);
    }
  });

  for (const slug of SLUGS) {
    for (const owner of SLUGS) {
      it(`the action of ${owner} seen from /w/${slug}: pages and every intent`, async () => {
        const id = ids[owner];
        for (const user of USERS) {
          const access = ACCESS[user][slug];
          const who = `${user} (${access}) in ${slug} on ${owner}'s action`;
          const seen = access !== null && visible(slug, owner);
          const editCode = !seen ? 404 : !edits(access) ? 403 : slug !== owner ? 404 : null;
          const commentCode = !seen ? 404 : !comments(access) ? 403 : slug !== owner ? 404 : null;
          const base = `/w/${slug}/acties/${id}`;
          expect((await clients[user].get(base)).status, who).toBe(seen ? 200 : 404);
          expect((await clients[user].get(`${base}/bewerken`)).status, who).toBe(editCode ?? 200);
          const status = sql<{ status: string }>('select status from actions where id = ?', id)[0]!.status;
          // A move to where it is changes nothing: allowed ones answer 200 (board) or 302 (detail).
          expect((await clients[user].post(`/w/${slug}/acties/bord`, { intent: 'move', id, status })).status, who).toBe(
            editCode ?? 200
          );
          expect((await clients[user].post(base, { intent: 'status', id, status })).status, who).toBe(editCode ?? 302);
          expect((await clients[user].post(base, { intent: 'voortgang', body: `Bericht van ${user}` })).status, who).toBe(
            editCode ?? 302
          );
          expect((await clients[user].post(base, { intent: 'opmerking', body: `Opmerking van ${user}` })).status, who).toBe(
            commentCode ?? 302
          );
        }
      });
    }
  }

  it('a gemeente action stays unchanged when changed from the region or another gemeente', async () => {
    const before = sql('select * from actions where id = ?', ids.enschede);
    const form = { ...valid(), title: 'Overgenomen door de regio' };
    expect((await clients.regie.post(`/w/regio/acties/${ids.enschede}/bewerken`, form)).status).toBe(404);
    expect((await clients.regie.post(`/w/hengelo/acties/${ids.enschede}/bewerken`, form)).status).toBe(404);
    expect(
      (await clients.regie.post('/w/regio/acties/bord', { intent: 'move', id: ids.enschede, status: 'besloten' })).status
    ).toBe(404);
    // The region's redacteur is a lezer in a gemeente.
    expect((await clients.enschede.post(`/w/hengelo/acties/${ids.hengelo}/bewerken`, form)).status).toBe(403);
    expect(sql('select * from actions where id = ?', ids.enschede)).toEqual(before);
  });

  it('the region lists its gemeenten’ actions with their workspace; a gemeente only its own', async () => {
    const region = (await clients.provincie.get('/w/regio/acties')).body;
    expect(region).toContain('Skaeve huse in Hengelo');
    expect(region).toContain('Regionale afspraken uitstroom BW');
    expect(region).toContain('Hengelo (O)');
    const hengelo = (await clients.provincie.get('/w/hengelo/acties')).body;
    expect(hengelo).toContain('Skaeve huse in Hengelo');
    expect(hengelo).not.toContain('Regionale afspraken uitstroom BW');
    const board = (await clients.enschede.get('/w/regio/acties/bord')).body;
    // Enschede's card may be moved from Enschede only: on the region's board it has no form.
    expect(board).not.toContain(`name="id" value="${ids.enschede}"`);
    expect((await clients.enschede.get('/w/enschede/acties/bord')).body).toContain(`name="id" value="${ids.enschede}"`);
  });
});

/** Everything a refused request could have changed. */
function snapshot() {
  return {
    actions: sql('select * from actions order by id'),
    links: sql('select * from action_knelpunten order by action_id, knelpunt_id'),
    updates: sql('select count(*) as n from action_updates'),
    audit: sql("select count(*) as n from audit_log where action not like 'session.%'"),
  };
}

async function expectRefused(send: () => Promise<{ status: number; body: string }>, message: string) {
  const before = snapshot();
  const reply = await send();
  expect(reply.status).toBe(400);
  expect(reply.body).toContain(message);
  expect(snapshot()).toEqual(before);
}

describe('bad input changes nothing and says why at the field', () => {
  const cases: Array<[string, () => Record<string, string>, string]> = [
    ['a due date in Dutch order', () => ({ ...valid(), dueDate: '31-12-2026' }), 'Vul een bestaande datum in als jjjj-mm-dd'],
    [
      'a due date that does not exist',
      () => ({ ...valid(), dueDate: '2026-02-30' }),
      'Vul een bestaande datum in als jjjj-mm-dd',
    ],
    [
      'an unknown owner',
      () => ({ ...valid(), ownerUserId: crypto.randomUUID() }),
      'Deze persoon is geen lid van deze werkruimte',
    ],
    [
      'an owner of another workspace',
      () => ({ ...valid(), ownerUserId: hansId }),
      'Deze persoon is geen lid van deze werkruimte',
    ],
    ['an unknown organisation', () => ({ ...valid(), ownerOrganisationId: 'nergens' }), 'Deze organisatie bestaat niet'],
    ['a knelpunt of another workspace', () => ({ ...valid(), knelpuntIds: knelpuntH }), 'hoort niet bij deze werkruimte'],
    [
      'a heading in a document of another workspace',
      () => ({ ...valid(), heading: `${docH}|2. Doelgroepen` }),
      'Dit document hoort niet bij deze werkruimte',
    ],
    [
      'a heading that is not in the document',
      () => ({ ...valid(), heading: `${docE}|9. Verzonnen` }),
      'Deze kop staat niet (meer) in het document',
    ],
    [
      'a woondeal of another region',
      () => ({ ...valid(), woondealId: foreignWoondeal }),
      'Deze woondeal hoort niet bij deze regio',
    ],
    ['an unknown aandachtsgroep', () => ({ ...valid(), targetGroupId: 'marsbewoners' }), 'Deze aandachtsgroep bestaat niet'],
    ['no title', () => ({ ...valid(), title: '' }), 'Geef de actie een korte titel.'],
  ];
  for (const [name, form, message] of cases) {
    it(`new action: ${name}`, () => expectRefused(() => clients.enschede.post('/w/enschede/acties/nieuw', form()), message));
    it(`changed action: ${name}`, () =>
      expectRefused(() => clients.enschede.post(`/w/enschede/acties/${ids.enschede}/bewerken`, form()), message));
  }

  it('a status jump voorstel → gereed, on the board and on the detail page', async () => {
    expect(sql<{ status: string }>('select status from actions where id = ?', ids.enschede)[0]!.status).toBe('voorstel');
    const jump = 'Van “Voorstel” kan een actie alleen naar “Besloten” of “Vervallen”, niet naar “Gereed”.';
    await expectRefused(
      () => clients.enschede.post('/w/enschede/acties/bord', { intent: 'move', id: ids.enschede, status: 'gereed' }),
      jump
    );
    await expectRefused(
      () => clients.enschede.post(`/w/enschede/acties/${ids.enschede}`, { intent: 'status', id: ids.enschede, status: 'gereed' }),
      jump
    );
    await expectRefused(
      () =>
        clients.enschede.post(`/w/enschede/acties/${ids.enschede}`, { intent: 'voortgang', body: 'Klaar!', status: 'gereed' }),
      jump
    );
    await expectRefused(
      () => clients.enschede.post('/w/enschede/acties/bord', { intent: 'move', id: ids.enschede, status: 'klaar' }),
      'Kies een status uit de lijst.'
    );
  });

  for (const progress of ['101', '-1', 'veel']) {
    it(`progress ${progress}`, () =>
      expectRefused(
        () => clients.enschede.post(`/w/enschede/acties/${ids.enschede}`, { intent: 'voortgang', body: 'Half af', progress }),
        progress === 'veel' ? 'Vul een voortgang in' : 'Vul een voortgang in van 0 tot en met 100 %.'
      ));
  }
});

describe('changing an action', () => {
  it('an edit records the changed fields; a move and a voortgangsbericht show in the timeline', async () => {
    const id = await createIn('enschede', clients.enschede, {
      title: 'Woonwagenstandplaatsen',
      level: 'lokaal',
      priority: 'normaal',
    });
    expect(
      (
        await clients.enschede.post(`/w/enschede/acties/${id}/bewerken`, {
          title: 'Woonwagenstandplaatsen erbij',
          level: 'lokaal',
          priority: 'hoog',
        })
      ).status
    ).toBe(302);
    const audit = sql<{ details: string }>("select details from audit_log where entity_id = ? and action = 'action.update'", id);
    expect(JSON.parse(audit[0]!.details).changed.sort()).toEqual(['priority', 'title']);
    expect((await clients.enschede.post('/w/enschede/acties/bord', { intent: 'move', id, status: 'besloten' })).status).toBe(200);
    expect(sql<{ status: string }>('select status from actions where id = ?', id)[0]!.status).toBe('besloten');
    expect(sql("select 1 from audit_log where entity_id = ? and action = 'action.status'", id)).toHaveLength(1);
    const update = { intent: 'voortgang', body: 'Locaties gekozen.', progress: '40', status: 'in_uitvoering' };
    expect((await clients.enschede.post(`/w/enschede/acties/${id}`, update)).status).toBe(302);
    expect(sql('select status, progress from actions where id = ?', id)).toEqual([{ status: 'in_uitvoering', progress: 40 }]);
    expect(sql("select 1 from audit_log where entity_id = ? and action = 'action.progress'", id)).toHaveLength(1);
    expect((await clients.enschede.post('/w/enschede/acties/bord', { intent: 'move', id, status: 'gereed' })).status).toBe(200);
    expect(sql('select status, progress from actions where id = ?', id)).toEqual([{ status: 'gereed', progress: 100 }]);
    const body = (await clients.zorg.get(`/w/enschede/acties/${id}`)).body.replace(/<!-- -->/g, '');
    expect(body).toMatch(/Eva Enschede<\/strong> · <time[^>]*>[^<]+<\/time> · voortgang 40 % · status In uitvoering/);
    expect(body).toContain('Locaties gekozen.');
    expect(
      (await clients.zorg.post(`/w/enschede/acties/${id}`, { intent: 'opmerking', body: 'Denk aan de bewoners.' })).status
    ).toBe(302);
    expect((await clients.provincie.get(`/w/enschede/acties/${id}`)).body).toContain('Denk aan de bewoners.');
    expect(
      sql("select 1 from audit_log where entity_id = ? and action = 'comment.create' and entity_type = 'actie'", id)
    ).toHaveLength(1);
  });
});

describe('list, filters and exports', () => {
  it('filters by status, level, group, owner and overdue; searches title and description', async () => {
    const list = (query: string) => clients.provincie.get(`/w/regio/acties?${query}`).then((r) => r.body);
    expect(await list('zoek=CORPORATIES')).toContain('Regionale afspraken uitstroom BW'); // description, any case
    expect(await list('zoek=CORPORATIES')).not.toContain('Skaeve huse in Hengelo');
    expect(await list('zoek=%25')).toContain('Geen acties die aan deze filters voldoen.'); // % is a character, not a wildcard
    expect(await list('zoek=_')).toContain('Geen acties die aan deze filters voldoen.');
    const late = await list('telaat=ja');
    expect(late).toContain('Skaeve huse in Hengelo');
    expect(late).toContain('Te laat');
    expect(late).not.toContain('Regionale afspraken uitstroom BW');
    expect(await list('niveau=lokaal')).not.toContain('Regionale monitor uitstroom');
    expect(await list('groep=uitstroom-mo-bw')).not.toContain('Skaeve huse in Hengelo');
    expect(await list(`eigenaar=${evaId}`)).toContain('Regionale afspraken uitstroom BW');
    expect(await list(`eigenaar=${evaId}`)).not.toContain('Regionale monitor uitstroom');
    expect(await list('status=gereed')).not.toContain('Skaeve huse in Hengelo');
    const byTitle = await list('sorteer=titel');
    expect(byTitle.indexOf('Regionale afspraken')).toBeLessThan(byTitle.indexOf('Skaeve huse'));
  });

  it('CSV: Dutch Excel (BOM, semicolons), the filtered rows, every column', async () => {
    const reply = await clients.provincie.get('/w/regio/acties.csv?zoek=uitstroom');
    expect(reply.headers.get('content-type')).toContain('text/csv');
    expect(reply.headers.get('content-disposition')).toMatch(/attachment; filename="acties-regio-\d{4}-\d{2}-\d{2}\.csv"/);
    // fetch's text() drops a BOM: read the bytes.
    const bytes = new Uint8Array(
      await (await fetch(`${server.url}/w/regio/acties.csv`, { headers: { cookie: clients.provincie.cookie! } })).arrayBuffer()
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(reply.body, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual([
      'Werkruimte',
      'Titel',
      'Niveau',
      'Status',
      'Voortgang %',
      'Prioriteit',
      'Eigenaar (persoon)',
      'Eigenaar (organisatie)',
      'Aandachtsgroep',
      'Knelpunten',
      'Plankop',
      'Streefdatum',
      'Te laat',
      'Woondeal',
      'Besloten in overleg',
      'Laatst gewijzigd',
    ]);
    const titles = rows.slice(1).map((r) => r[1]);
    expect(titles).toContain('Regionale afspraken uitstroom BW naar corporatiewoningen');
    expect(titles).not.toContain('Skaeve huse in Hengelo');
    const row = rows.find((r) => r[1] === 'Regionale afspraken uitstroom BW naar corporatiewoningen')!;
    expect(row.slice(0, 15)).toEqual([
      'Enschede',
      'Regionale afspraken uitstroom BW naar corporatiewoningen',
      'Regionaal',
      'Voorstel',
      '0',
      'Hoog',
      'Eva Enschede',
      'Gemeente Enschede',
      'Uitstroom uit MO/BW',
      'Te weinig doorstroomplekken',
      'Woonzorgvisie Enschede – 2. Doelgroepen',
      '30-06-2027',
      'nee',
      'Woondeal Twente',
      '',
    ]);
    expect(row[15]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
  });

  it('XLSX: header frozen, real dates, the overdue one says ja', async () => {
    const response = await fetch(`${server.url}/w/regio/acties.xlsx?telaat=ja`, {
      headers: { cookie: clients.provincie.cookie! },
    });
    expect(response.headers.get('content-disposition')).toMatch(/filename="acties-regio-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Acties')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Titel');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('Skaeve huse in Hengelo');
    expect(row.getCell(12).value).toEqual(new Date('2020-01-31T00:00:00Z'));
    expect(row.getCell(12).numFmt).toBe('dd-mm-yyyy');
    expect(row.getCell(13).value).toBe('ja');
    expect(row.getCell(16).value).toBeInstanceOf(Date);
  });
});
