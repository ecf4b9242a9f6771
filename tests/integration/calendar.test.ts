import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// The calendar feed against the real server: making and renewing the secret address on /account, what
// the feed holds (parsed with ical.js), and that it answers 404 for renewed, unknown and malformed
// addresses, for a disabled user, and leaves out what its owner may no longer see.

const USERS = Object.keys(DEMO) as DemoUser[];
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
let anonymous: Client;

const { sql, run, workspaceId, userId } = serverDb(() => server.dbPath);
const NOW = new Date().toISOString();

function insertAction(id: string, slug: string, owner: DemoUser, status: string, dueDate: string | null, title = id) {
  run(
    `insert into actions (id, workspace_id, title, description, level, owner_user_id, due_date, priority, status, progress, created_at, updated_at)
     values (?, ?, ?, 'Wat er moet gebeuren.', 'lokaal', ?, ?, 'normaal', ?, 40, ?, ?)`,
    id,
    workspaceId(slug),
    title,
    userId(owner),
    dueDate,
    status,
    NOW,
    NOW
  );
}
function insertMeeting(
  id: string,
  slug: string,
  participants: DemoUser[],
  fields: { title: string; date: string; start?: string; end?: string; location?: string; kind?: string }
) {
  run(
    `insert into meetings (id, workspace_id, kind, title, date, start_time, end_time, location, minutes, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
    id,
    workspaceId(slug),
    fields.kind ?? 'ambtelijk_overleg',
    fields.title,
    fields.date,
    fields.start ?? null,
    fields.end ?? null,
    fields.location ?? '',
    NOW,
    NOW
  );
  for (const p of participants) run('insert into meeting_participants (meeting_id, user_id) values (?, ?)', id, userId(p));
}

/** Makes (or renews) the user's address through /account, as the button does; returns it as the page shows it. */
async function makeAddress(user: DemoUser): Promise<string> {
  const reply = await clients[user].post('/account', { intent: 'calendar-renew' });
  expect(reply.status, reply.body.slice(0, 300)).toBe(200);
  const url = /id="agenda-adres"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="agenda-adres"/.exec(reply.body);
  const address = url?.[1] ?? url?.[2];
  expect(address).toMatch(new RegExp(`^${server.url}/agenda/[a-z2-7]{32}\\.ics$`));
  expect(reply.body).toContain(`href="${address!.replace(/^http:/, 'webcal:')}"`);
  expect(reply.body).toContain('Bewaar dit adres nu; het wordt niet opnieuw getoond. Kwijt? Vernieuw het adres.');
  return address!;
}

/** A calendar app's request: no cookie, no Origin. */
async function fetchFeed(address: string, method = 'GET') {
  const reply = await fetch(address, { method, redirect: 'manual' });
  return { status: reply.status, headers: reply.headers, body: await reply.text() };
}

function events(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((event) => {
    const start = event.getFirstProperty('dtstart')!;
    const end = event.getFirstProperty('dtend');
    return {
      uid: String(event.getFirstPropertyValue('uid')),
      summary: String(event.getFirstPropertyValue('summary')),
      description: String(event.getFirstPropertyValue('description') ?? ''),
      location: event.getFirstPropertyValue('location') as string | null,
      url: String(event.getFirstPropertyValue('url')),
      startType: start.type,
      start: String(start.getFirstValue()),
      end: end ? String(end.getFirstValue()) : null,
    };
  });
}

beforeAll(async () => {
  server = await startServer();
  anonymous = new Client(server.url);
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);

  // Eva (enschede): redacteur in the region and in Enschede; Hans (hengelo): redacteur in Hengelo only.
  run(
    "update steps set owner_id = ?, due_date = '2026-12-15', status = 'bezig' where workspace_id = ? and number = 2",
    userId('enschede'),
    workspaceId('enschede')
  );
  run(
    "update steps set owner_id = ?, due_date = '2026-10-01', status = 'afgerond' where workspace_id = ? and number = 1",
    userId('enschede'),
    workspaceId('enschede')
  );
  insertAction('actie-eva-open', 'enschede', 'enschede', 'in_uitvoering', '2027-01-10', 'Sociale huur Enschede-Zuid');
  insertAction('actie-eva-gereed', 'enschede', 'enschede', 'gereed', '2026-06-01');
  insertAction('actie-eva-vervallen', 'enschede', 'enschede', 'vervallen', '2026-06-02');
  insertAction('actie-eva-zonder-datum', 'enschede', 'enschede', 'voorstel', null);
  insertAction('actie-eva-regio', 'regio', 'enschede', 'voorstel', '2027-02-01', 'Regionale afspraken uitstroom BW');
  insertAction('actie-hans', 'hengelo', 'hengelo', 'besloten', '2027-03-01', 'Flexwoningen Hengelo');
  insertMeeting('overleg-regio', 'regio', ['enschede', 'regie'], {
    title: 'Woonzorgvisie regio',
    date: '2026-12-03',
    start: '14:00',
    end: '15:30',
    location: 'Stadhuis Enschede',
  });
  insertMeeting('overleg-zomer', 'enschede', ['enschede'], {
    title: 'Zomeroverleg',
    date: '2027-07-01',
    start: '09:30',
    kind: 'bestuurlijk_overleg',
  });
  insertMeeting('overleg-hele-dag', 'enschede', ['enschede'], { title: 'Heidag', date: '2027-03-15', kind: 'adviesgroep' });
  insertMeeting('overleg-zonder-eva', 'enschede', ['regie'], { title: 'Niet van Eva', date: '2027-01-20' });
  insertMeeting('overleg-hans', 'hengelo', ['hengelo'], { title: 'Hengelo overlegt', date: '2027-01-21' });
});
afterAll(() => server?.stop());

describe('making the address on /account', () => {
  it('the section explains the subscription; anonymous users are sent to log in', async () => {
    const page = await clients.enschede.get('/account');
    expect(page.body).toContain('Agenda-abonnement');
    expect(page.body).toContain('Abonneren via internet');
    expect(page.body).toContain('Agenda-adres maken');
    const reply = await anonymous.post('/account', { intent: 'calendar-renew' });
    expect(reply.status).toBe(302);
    expect(reply.location).toMatch(/^\/login/);
    expect(sql('select * from calendar_feeds')).toEqual([]);
  });

  it('every user, the beheerder too, makes only their own; only the hash is kept, with an audit row', async () => {
    for (const user of USERS) {
      const address = await makeAddress(user);
      const token = /\/agenda\/([a-z2-7]+)\.ics$/.exec(address)![1]!;
      const rows = sql<{ user_id: string; token_hash: string }>(
        'select user_id, token_hash from calendar_feeds where user_id = ?',
        userId(user)
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(sql('select * from calendar_feeds'))).not.toContain(token);
      expect((await fetchFeed(address)).status, user).toBe(200);
    }
    expect(sql("select count(*) as n from audit_log where action = 'calendar.renew'")).toEqual([{ n: USERS.length }]);
    // Afterwards the page says there is an address, but does not show it again.
    const page = await clients.enschede.get('/account');
    expect(page.body).toContain('U hebt een agenda-adres sinds');
    expect(page.body).not.toContain('/agenda/');
    expect(page.body).toContain('Vernieuwen');
  });
});

describe('the feed', () => {
  let address: string;
  beforeAll(async () => {
    address = await makeAddress('enschede');
  });

  it('answers a calendar app without cookie: text/calendar, not stored, not indexed', async () => {
    const reply = await fetchFeed(address);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-robots-tag')).toContain('noindex');
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(reply.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });

  it("holds the due dates of the user's open steps and actions as all-day DATE events", async () => {
    const list = events((await fetchFeed(address)).body);
    const action = list.find((e) => e.uid === 'actie-actie-eva-open@thuisplan');
    expect(action).toMatchObject({
      summary: 'Streefdatum actie: Sociale huur Enschede-Zuid',
      startType: 'date',
      start: '2027-01-10',
      end: '2027-01-11',
      url: `${server.url}/w/enschede/acties/actie-eva-open`,
    });
    expect(action!.description).toContain('Actie van Enschede. Status: In uitvoering, 40 % gereed.');
    const step = list.find((e) => e.summary === 'Streefdatum stap 2 Plan: Enschede');
    expect(step).toMatchObject({ startType: 'date', start: '2026-12-15', url: `${server.url}/w/enschede/stap/2` });
    expect(step!.uid).toMatch(/^stap-[0-9a-f-]{36}@thuisplan$/);
    expect(list.find((e) => e.uid === 'actie-actie-eva-regio@thuisplan')?.start).toBe('2027-02-01');
  });

  it('leaves out steps afgerond and actions gereed, vervallen or without a date, and other people’s', async () => {
    const uids = events((await fetchFeed(address)).body).map((e) => e.uid);
    for (const absent of [
      'actie-actie-eva-gereed@thuisplan',
      'actie-actie-eva-vervallen@thuisplan',
      'actie-actie-eva-zonder-datum@thuisplan',
      'actie-actie-hans@thuisplan',
      'overleg-overleg-zonder-eva@thuisplan',
      'overleg-overleg-hans@thuisplan',
    ])
      expect(uids).not.toContain(absent);
    expect(uids.filter((u) => u.startsWith('stap-'))).toHaveLength(1);
  });

  it('holds the meetings the user takes part in, in Dutch time (winter and summer) or all day', async () => {
    const list = events((await fetchFeed(address)).body);
    expect(list.find((e) => e.uid === 'overleg-overleg-regio@thuisplan')).toMatchObject({
      summary: 'Ambtelijk overleg: Woonzorgvisie regio',
      location: 'Stadhuis Enschede',
      startType: 'date-time',
      start: '2026-12-03T13:00:00Z', // 14:00 in winter time
      end: '2026-12-03T14:30:00Z',
      url: `${server.url}/w/regio/overleggen/overleg-regio`,
    });
    expect(list.find((e) => e.uid === 'overleg-overleg-zomer@thuisplan')).toMatchObject({
      summary: 'Bestuurlijk overleg: Zomeroverleg',
      start: '2027-07-01T07:30:00Z', // 09:30 in summer time
      end: null,
    });
    expect(list.find((e) => e.uid === 'overleg-overleg-hele-dag@thuisplan')).toMatchObject({
      summary: 'Adviesgroep: Heidag',
      startType: 'date',
      start: '2027-03-15',
    });
  });

  it('keeps its UIDs when fetched again', async () => {
    const first = events((await fetchFeed(address)).body).map((e) => e.uid);
    const second = events((await fetchFeed(address)).body).map((e) => e.uid);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('answers GET (and HEAD, which some calendar apps send first) only', async () => {
    const head = await fetchFeed(address, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(head.body).toBe('');
    const post = await fetchFeed(address, 'POST');
    expect(post.status).not.toBe(200);
    expect(post.body).not.toContain('BEGIN:VCALENDAR');
  });
});

describe('404 for every address that is not a current one', () => {
  it('renewing makes the old address answer 404, the new one works', async () => {
    const old = await makeAddress('hengelo');
    expect((await fetchFeed(old)).status).toBe(200);
    const renewed = await makeAddress('hengelo');
    expect(renewed).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.body).toBe('Niet gevonden');
    expect(gone.headers.get('cache-control')).toBe('no-store');
    expect((await fetchFeed(renewed)).status).toBe(200);
  });

  it("another user's renewed address is 404 for anyone, logged in or not", async () => {
    const old = await makeAddress('zorg');
    await makeAddress('zorg');
    expect((await fetchFeed(old)).status).toBe(404);
    const path = new URL(old).pathname;
    expect((await clients.zorg.get(path)).status).toBe(404);
    expect((await clients.beheer.get(path)).status).toBe(404);
  });

  it('unknown and malformed addresses answer the same 404', async () => {
    const current = new URL(await makeAddress('provincie'));
    const token = /\/agenda\/([a-z2-7]+)\.ics$/.exec(current.pathname)![1]!;
    const paths = [
      `/agenda/${'a'.repeat(32)}.ics`,
      `/agenda/${token.toUpperCase()}.ics`,
      `/agenda/${token}`, // without .ics
      `/agenda/${token}.ics.ics`,
      `/agenda/${token}x.ics`,
      '/agenda/.ics',
      `/agenda/${'b'.repeat(5000)}.ics`,
      `/agenda/${encodeURIComponent("' or 1=1 --")}.ics`,
    ];
    for (const path of paths) {
      const reply = await fetch(new URL(path, server.url));
      expect(reply.status, path).toBe(404);
      expect(await reply.text(), path).toBe('Niet gevonden');
    }
    expect((await fetchFeed(current.href)).status).toBe(200);
  });
});

describe('only what the user may still see', () => {
  it('a removed member loses that workspace’s items at once', async () => {
    const address = await makeAddress('hengelo');
    const before = events((await fetchFeed(address)).body).map((e) => e.uid);
    expect(before).toContain('actie-actie-hans@thuisplan');
    expect(before).toContain('overleg-overleg-hans@thuisplan');
    const removed = await clients.regie.post('/w/hengelo/leden', { intent: 'remove', userId: userId('hengelo') });
    expect(removed.status, removed.body.slice(0, 300)).toBe(200);
    expect(sql('select * from memberships where user_id = ?', userId('hengelo'))).toEqual([]);
    const after = await fetchFeed(address);
    expect(after.status).toBe(200);
    expect(events(after.body)).toEqual([]);
  });

  it('losing the region takes its items, keeps those of the own gemeente', async () => {
    const address = await makeAddress('enschede');
    const removed = await clients.regie.post('/w/regio/leden', { intent: 'remove', userId: userId('enschede') });
    expect(removed.status, removed.body.slice(0, 300)).toBe(200);
    const uids = events((await fetchFeed(address)).body).map((e) => e.uid);
    expect(uids).not.toContain('actie-actie-eva-regio@thuisplan');
    expect(uids).not.toContain('overleg-overleg-regio@thuisplan');
    expect(uids).toContain('actie-actie-eva-open@thuisplan');
    expect(uids).toContain('overleg-overleg-zomer@thuisplan');
  });

  it("a disabled user's feed answers 404; enabled again, the same address works", async () => {
    const address = await makeAddress('zorg');
    expect((await fetchFeed(address)).status).toBe(200);
    const off = await clients.beheer.post('/beheer/gebruikers', { intent: 'disable', userId: userId('zorg') });
    expect(off.status, off.body.slice(0, 300)).toBe(200);
    expect(sql<{ d: string | null }>('select disabled_at as d from users where id = ?', userId('zorg'))[0]!.d).not.toBeNull();
    const reply = await fetchFeed(address);
    expect(reply.status).toBe(404);
    expect(reply.body).toBe('Niet gevonden');
    await clients.beheer.post('/beheer/gebruikers', { intent: 'disable', userId: userId('zorg') });
    expect((await fetchFeed(address)).status).toBe(200);
  });
});
