import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { refusalCheck } from '../helpers/refused.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let regie: Client;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  regie = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
  admin = await loggedIn(server.url, DEMO.beheer, DEMO_PASSWORD);
});
afterAll(() => server?.stop());

/** A snapshot of everything a bad request could have changed. */
function everything() {
  const db = openTestDb(server.dbPath);
  const tables = ['steps', 'memberships', 'invitations', 'users', 'organisations'];
  const result = Object.fromEntries(tables.map((t) => [t, db.prepare(`select * from ${t} order by 1, 2`).all()]));
  const audit = (db.prepare("select count(*) as n from audit_log where action not like 'session.%'").get() as { n: number }).n;
  db.close();
  return { ...result, audit };
}

const expectRefused = refusalCheck(everything);

describe('step form', () => {
  const valid = { status: 'bezig', ownerId: '', dueDate: '2026-12-31', note: 'Goed' };
  const cases: Array<[string, Record<string, string>, string]> = [
    ['an unknown status', { ...valid, status: 'klaar-hoor' }, 'Kies een status uit de lijst.'],
    ['a missing status', { ...valid, status: '' }, 'Kies een status uit de lijst.'],
    ['a date that does not exist', { ...valid, dueDate: '2026-02-30' }, 'Vul een geldige datum in'],
    ['a date in the wrong format', { ...valid, dueDate: '31-12-2026' }, 'Vul een geldige datum in'],
    ['a date far in the future', { ...valid, dueDate: '2999-01-01' }, 'Kies een datum tussen 2000 en 2100.'],
    ['a note that is too long', { ...valid, note: 'x'.repeat(2001) }, 'De toelichting is hoogstens 2000 tekens.'],
    ['a tampered owner id', { ...valid, ownerId: '00000000-0000-0000-0000-000000000000' }, 'Kies een eigenaar uit de lijst.'],
  ];
  for (const [name, form, message] of cases) {
    it(`refuses ${name} with a Dutch message and changes nothing`, () =>
      expectRefused(() => regie.post('/w/enschede/stap/1/wijzigen', form), 400, message));
  }

  it('an owner who is not a member of the workspace is refused', async () => {
    const db = openTestDb(server.dbPath);
    const hengelo = (db.prepare('select id from users where email = ?').get(DEMO.hengelo) as { id: string }).id;
    db.close();
    await expectRefused(
      () => regie.post('/w/enschede/stap/1/wijzigen', { ...valid, ownerId: hengelo }),
      400,
      'Kies een eigenaar uit de lijst.'
    );
  });

  for (const path of [
    '/w/enschede/stap/5/wijzigen',
    '/w/enschede/stap/0/wijzigen',
    '/w/enschede/stap/abc/wijzigen',
    '/w/enschede/stap/1.5/wijzigen',
    '/w/atlantis/stap/1/wijzigen',
  ]) {
    it(`POST ${path} is 404 and changes nothing`, () => expectRefused(() => regie.post(path, valid), 404));
  }

  it('a valid form is accepted (the cases above fail for their own reason)', async () => {
    const reply = await regie.post('/w/enschede/stap/1/wijzigen', valid);
    expect(reply.status).toBe(302);
  });
});

describe('log-in form', () => {
  it('empty fields get a message each', async () => {
    const reply = await new Client(server.url).post('/login', { email: '', password: '' });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('Vul een e-mailadres in.');
    expect(reply.body).toContain('Vul uw wachtwoord in.');
  });
  it('a malformed address and an absurdly long password are refused', async () => {
    const reply = await new Client(server.url).post('/login', { email: 'geen-adres', password: 'x'.repeat(5000) });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('Vul een geldig e-mailadres in');
    expect(reply.body).toContain('Dit wachtwoord is te lang.');
  });
});

describe('members page', () => {
  it('an invitation needs a valid address and role', async () => {
    await expectRefused(
      () => regie.post('/w/enschede/leden', { intent: 'invite', email: 'geen adres', role: 'lezer' }),
      400,
      'Vul een geldig e-mailadres in'
    );
    await expectRefused(
      () => regie.post('/w/enschede/leden', { intent: 'invite', email: 'a@b.nl', role: 'koning' }),
      400,
      'Kies een rol uit de lijst.'
    );
    await expectRefused(
      () => regie.post('/w/enschede/leden', { intent: 'invite', email: `${'a'.repeat(250)}@b.nl`, role: 'lezer' }),
      400,
      'hoogstens 254 tekens'
    );
  });
  it('an existing member is not invited twice', async () => {
    await expectRefused(
      () => regie.post('/w/enschede/leden', { intent: 'invite', email: DEMO.enschede, role: 'lezer' }),
      400,
      'al lid van deze werkruimte'
    );
  });
  it('a tampered member id, role or intent is refused', async () => {
    await expectRefused(
      () => regie.post('/w/enschede/leden', { intent: 'role', userId: 'nope', role: 'lezer' }),
      404,
      'bestaat niet'
    );
    const db = openTestDb(server.dbPath);
    const enschede = (db.prepare('select id from users where email = ?').get(DEMO.enschede) as { id: string }).id;
    const hengelo = (db.prepare('select id from users where email = ?').get(DEMO.hengelo) as { id: string }).id;
    db.close();
    await expectRefused(
      () => regie.post('/w/enschede/leden', { intent: 'role', userId: enschede, role: 'koning' }),
      400,
      'Kies een rol uit de lijst.'
    );
    // A member of another workspace cannot be managed through this one.
    await expectRefused(() => regie.post('/w/enschede/leden', { intent: 'remove', userId: hengelo }), 404);
    await expectRefused(() => regie.post('/w/enschede/leden', { intent: 'iets-anders' }), 400, 'Onbekende handeling.');
    await expectRefused(() => regie.post('/w/enschede/leden', { intent: 'revoke', invitationId: 'nope' }), 404);
  });
  it('a projectleider cannot change their own role', async () => {
    const db = openTestDb(server.dbPath);
    const self = (db.prepare('select id from users where email = ?').get(DEMO.regie) as { id: string }).id;
    db.close();
    await expectRefused(() => regie.post('/w/regio/leden', { intent: 'role', userId: self, role: 'lezer' }), 400, 'eigen rol');
  });
  it('a role change that is valid does land, with an audit row', async () => {
    const before = everything();
    const db = openTestDb(server.dbPath);
    const enschede = (db.prepare('select id from users where email = ?').get(DEMO.enschede) as { id: string }).id;
    db.close();
    const reply = await regie.post('/w/enschede/leden', { intent: 'role', userId: enschede, role: 'projectleider' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('is nu projectleider');
    expect(everything().audit).toBe(before.audit + 1);
  });
});

describe('beheer', () => {
  it('refuses bad users and organisations with Dutch messages', async () => {
    await expectRefused(
      () => admin.post('/beheer/gebruikers', { intent: 'create', name: '', email: 'x@y.nl' }),
      400,
      'Vul een naam in.'
    );
    await expectRefused(
      () => admin.post('/beheer/gebruikers', { intent: 'create', name: 'Dubbel', email: DEMO.zorg }),
      400,
      'Er is al een gebruiker met dit e-mailadres.'
    );
    await expectRefused(
      () => admin.post('/beheer/gebruikers', { intent: 'create', name: 'Org', email: 'org@y.nl', organisationId: 'nope' }),
      400,
      'Kies een organisatie uit de lijst.'
    );
    await expectRefused(() => admin.post('/beheer/gebruikers', { intent: 'admin', userId: 'nope' }), 404);
    await expectRefused(
      () => admin.post('/beheer/organisaties', { name: 'Provincie Overijssel', kind: 'provincie' }),
      400,
      'Er is al een organisatie met deze naam.'
    );
    await expectRefused(
      () => admin.post('/beheer/organisaties', { name: 'Nieuw', kind: 'bank' }),
      400,
      'Kies een soort uit de lijst.'
    );
    await expectRefused(
      () => admin.post('/beheer/organisaties', { name: 'x'.repeat(121), kind: 'overig' }),
      400,
      'hoogstens 120 tekens'
    );
  });
  it('a beheerder cannot block or demote themselves', async () => {
    const db = openTestDb(server.dbPath);
    const self = (db.prepare('select id from users where email = ?').get(DEMO.beheer) as { id: string }).id;
    db.close();
    await expectRefused(() => admin.post('/beheer/gebruikers', { intent: 'disable', userId: self }), 400, 'eigen account');
    await expectRefused(() => admin.post('/beheer/gebruikers', { intent: 'admin', userId: self }), 400, 'eigen beheerrechten');
  });
});

describe('malformed requests', () => {
  /** Rows a malformed request could have added: uploads, knelpunten and their figures. */
  function rows() {
    const db = openTestDb(server.dbPath);
    const n = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const result = { imports: n('data_imports'), knelpunten: n('knelpunten'), links: n('knelpunt_indicators') };
    db.close();
    return result;
  }
  /** A raw body as a script could send it; without contentType, no Content-Type header at all. */
  async function send(path: string, body: string, contentType?: string) {
    const reply = await fetch(new URL(path, server.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: regie.cookie!, origin: server.url, ...(contentType ? { 'content-type': contentType } : {}) },
      // Bytes, not a string: fetch would add "text/plain" to a string.
      body: new TextEncoder().encode(body),
    });
    return { status: reply.status, location: reply.headers.get('location'), body: await reply.text() };
  }
  async function expectNothingChanged(request: () => Promise<{ status: number; body: string }>, status: number, message: string) {
    const before = [everything(), rows()];
    const reply = await request();
    expect(reply.status, reply.body.slice(0, 300)).toBe(status);
    expect(reply.body).toContain(message);
    expect([everything(), rows()]).toEqual(before);
  }

  const boundary = '----thuisplan-test';
  const csvUpload = (filename: string) =>
    [
      `--${boundary}`,
      `Content-Disposition: form-data; name="source"`,
      '',
      'Provinciale monitor',
      `--${boundary}`,
      `Content-Disposition: form-data; name="file"; filename="${filename}"`,
      'Content-Type: text/csv',
      '',
      'gemeente;indicator;periode;waarde\r\nGM0153;bevolking;2023;160000',
      `--${boundary}--`,
      '',
    ].join('\r\n');

  for (const filename of ['a=b.csv', 'a;b.csv']) {
    it(`an upload named ${filename} is an ordinary upload`, async () => {
      const before = rows().imports;
      const reply = await send('/w/regio/analyse/import', csvUpload(filename), `multipart/form-data; boundary=${boundary}`);
      expect(reply.status, reply.body.slice(0, 300)).toBe(302);
      expect(reply.location).toMatch(/\/analyse\/import\/[0-9a-f-]{36}$/);
      expect(rows().imports).toBe(before + 1);
    });
  }

  it('multipart with a boundary that is not in the body is refused with 400', () =>
    expectNothingChanged(
      () => send('/w/regio/analyse/import', csvUpload('cijfers.csv'), 'multipart/form-data; boundary=een-andere-grens'),
      400,
      'Het formulier is niet goed verstuurd'
    ));

  it('a truncated multipart body is refused with 400', () =>
    expectNothingChanged(
      () => send('/w/regio/analyse/import', csvUpload('cijfers.csv').slice(0, 150), `multipart/form-data; boundary=${boundary}`),
      400,
      'Het formulier is niet goed verstuurd'
    ));

  const login = JSON.stringify({ email: DEMO.regie, password: DEMO_PASSWORD });
  const step = 'status=bezig&ownerId=&dueDate=2026-12-31&note=Goed';
  const wrongTypes: Array<[string, string, string, string | undefined]> = [
    ['JSON on the log-in', '/login', login, 'application/json'],
    ['text/plain on the log-in', '/login', login, 'text/plain'],
    ['no Content-Type on the log-in', '/login', login, undefined],
    ['JSON on a step form', '/w/enschede/stap/1/wijzigen', JSON.stringify({ status: 'bezig' }), 'application/json'],
    ['text/plain on a step form', '/w/enschede/stap/1/wijzigen', step, 'text/plain;charset=UTF-8'],
    ['no Content-Type on a step form', '/w/enschede/stap/1/wijzigen', step, undefined],
  ];
  for (const [name, path, body, contentType] of wrongTypes) {
    it(`${name} is refused with 415`, () =>
      expectNothingChanged(() => send(path, body, contentType), 415, 'Dit is geen formulier'));
  }

  it('a knelpunt with the same indicator twice is saved with it once', async () => {
    const db = openTestDb(server.dbPath);
    const group = (db.prepare('select id from target_groups order by 1 limit 1').get() as { id: string }).id;
    const indicator = (db.prepare('select id from indicators order by 1 limit 1').get() as { id: string }).id;
    db.close();
    const before = rows();
    const form = new URLSearchParams({ title: 'Te weinig woningen', targetGroupId: group, level: 'regionaal', status: 'open' });
    form.append('indicatorIds', indicator);
    form.append('indicatorIds', indicator);
    const reply = await regie.post('/w/regio/knelpunten', form);
    expect(reply.status, reply.body.slice(0, 300)).toBe(302);
    expect(rows()).toEqual({ ...before, knelpunten: before.knelpunten + 1, links: before.links + 1 });
  });
});

describe('control characters', () => {
  const CONTROL = 'Gebruik geen regeleinden, tabs of onzichtbare stuurtekens.';
  const names: Array<[string, string]> = [
    ['a line break', 'Jan Jansen\nBcc: iemand@example.nl'],
    ['a NUL', 'Jan\u0000Jansen'],
    ['an ESC', 'Jan \u001b[31mJansen'],
    ['a right-to-left override', 'Jan \u202Enesnaj'],
  ];
  for (const [what, name] of names) {
    it(`the beheer user form refuses a name with ${what} in Dutch and changes nothing`, () =>
      expectRefused(
        () => admin.post('/beheer/gebruikers', { intent: 'create', name, email: 'stuurteken@example.nl' }),
        400,
        CONTROL
      ));
  }

  it('the invitation form refuses a name with a line break or NUL and changes nothing', async () => {
    const invited = await regie.post('/w/enschede/leden', { intent: 'invite', email: 'stuurteken@enschede.nl', role: 'lezer' });
    const path = new URL(invited.body.match(/http:\/\/[^<"]+\/uitnodiging\/[a-z2-7]+/)![0]).pathname;
    for (const name of ['Nieuwe\r\nCollega', 'Nieuwe\u0000Collega']) {
      await expectRefused(
        () => new Client(server.url).post(path, { name, password: 'lang-genoeg-wachtwoord', confirm: 'lang-genoeg-wachtwoord' }),
        400,
        CONTROL
      );
    }
  });

  it('an organisation name and an e-mail address with control characters are refused', async () => {
    await expectRefused(() => admin.post('/beheer/organisaties', { name: 'Zorg\tpartner', kind: 'overig' }), 400, CONTROL);
    await expectRefused(() => regie.post('/w/enschede/leden', { intent: 'invite', email: 'a\u0000@b.nl', role: 'lezer' }), 400);
  });
});

describe('the client address', () => {
  it('X-Forwarded-For is ignored unless TRUST_PROXY is set: a forged address does not escape the log-in limit', async () => {
    const attempt = (i: number) =>
      new Client(server.url).post(
        '/login',
        { email: DEMO.hengelo, password: 'fout-wachtwoord', terug: '/' },
        { 'x-forwarded-for': `203.0.113.${i}` }
      );
    for (let i = 0; i < 10; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(10)).status).toBe(429);
  });
});
