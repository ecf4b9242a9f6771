import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const LOGIN_FAILED = 'E-mailadres of wachtwoord klopt niet.';
const db = () => openTestDb(server.dbPath);

describe('log-in', () => {
  it('gives one message for an unknown address and for a wrong password', async () => {
    const unknown = await new Client(server.url).login('niemand@example.nl', 'wat-dan-ook-12');
    const wrong = await new Client(server.url).login(DEMO.zorg, 'verkeerd-wachtwoord');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toContain(LOGIN_FAILED);
    expect(wrong.body).toContain(LOGIN_FAILED);
  });

  it("sets an httpOnly, SameSite=Lax cookie and stores only the token's hash", async () => {
    const client = new Client(server.url);
    const reply = await client.login(DEMO.provincie, DEMO_PASSWORD);
    expect(reply.status).toBe(302);
    const setCookie = reply.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http on localhost; behind HTTPS it is set
    const token = client.cookie!.split('=')[1];
    const ids = (db().prepare('select id from sessions').all() as Array<{ id: string }>).map((r) => r.id);
    expect(ids).not.toContain(token);
    expect(ids).toContain(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
  });

  it('rate-limits the 11th wrong password in a row, also when it is then right', async () => {
    const client = new Client(server.url);
    for (let i = 1; i <= 10; i++) {
      const reply = await client.login(DEMO.hengelo, `fout-wachtwoord-${i}`);
      expect(reply.status, `attempt ${i}`).toBe(401);
    }
    const eleventh = await client.login(DEMO.hengelo, 'fout-wachtwoord-11');
    expect(eleventh.status).toBe(429);
    expect(eleventh.body).toContain('Te veel mislukte pogingen');
    const right = await client.login(DEMO.hengelo, DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(client.cookie).toBeNull();
  });

  it('limits a burst of parallel guesses too', async () => {
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => new Client(server.url).login('parallel@example.nl', `fout-${i}`))
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(20);
  });

  it('limits unknown addresses the same way (the limit tells nobody whether an account exists)', async () => {
    const client = new Client(server.url);
    for (let i = 0; i < 10; i++) await client.login('bestaat-niet@example.nl', 'fout-wachtwoord');
    expect((await client.login('bestaat-niet@example.nl', 'fout-wachtwoord')).status).toBe(429);
  });

  it('a success resets the count of failures', async () => {
    const client = new Client(server.url);
    for (let i = 0; i < 9; i++) await client.login(DEMO.regie, 'fout-wachtwoord');
    expect((await client.login(DEMO.regie, DEMO_PASSWORD)).status).toBe(302);
    client.cookie = null;
    for (let i = 0; i < 9; i++) expect((await client.login(DEMO.regie, 'fout-wachtwoord')).status).toBe(401);
    expect((await client.login(DEMO.regie, DEMO_PASSWORD)).status).toBe(302);
  });
});

describe('sessions', () => {
  it('a session that was logged out no longer works', async () => {
    const client = await loggedIn(server.url, DEMO.provincie, DEMO_PASSWORD);
    const stolen = client.cookie!;
    expect((await client.post('/uitloggen', {})).status).toBe(302);
    const replay = await new Client(server.url).get('/', { cookie: stolen });
    expect(replay.status).toBe(302);
    expect(replay.location).toMatch(/^\/login/);
  });

  it('"log uit op alle apparaten" ends every session of the user', async () => {
    const laptop = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const phone = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const other = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
    expect((await laptop.post('/account', { intent: 'logout-everywhere' })).status).toBe(302);
    expect((await phone.get('/')).status).toBe(302);
    expect((await new Client(server.url).get('/', { cookie: laptop.cookie ?? 'thuisplan_sessie=x' })).status).toBe(302);
    expect((await other.get('/')).status).toBe(200);
  });

  it('a blocked user is logged out everywhere at once', async () => {
    const victim = await loggedIn(server.url, DEMO.provincie, DEMO_PASSWORD);
    const admin = await loggedIn(server.url, DEMO.beheer, DEMO_PASSWORD);
    const id = (db().prepare('select id from users where email = ?').get(DEMO.provincie) as { id: string }).id;
    expect((await admin.post('/beheer/gebruikers', { intent: 'disable', userId: id })).status).toBe(200);
    expect((await victim.get('/')).status).toBe(302);
    expect((await new Client(server.url).login(DEMO.provincie, DEMO_PASSWORD)).status).toBe(401);
    await admin.post('/beheer/gebruikers', { intent: 'disable', userId: id }); // unblock again
    expect((await new Client(server.url).login(DEMO.provincie, DEMO_PASSWORD)).status).toBe(302);
  });

  it('changing the password needs the current one and ends other sessions', async () => {
    const other = await loggedIn(server.url, DEMO.beheer, DEMO_PASSWORD);
    const client = await loggedIn(server.url, DEMO.beheer, DEMO_PASSWORD);
    const wrong = await client.post('/account', {
      current: 'niet-het-goede',
      password: 'een-nieuw-wachtwoord',
      confirm: 'een-nieuw-wachtwoord',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Uw huidige wachtwoord klopt niet.');
    const mismatch = await client.post('/account', {
      current: DEMO_PASSWORD,
      password: 'een-nieuw-wachtwoord',
      confirm: 'iets-anders-dan-dat',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('De wachtwoorden zijn niet gelijk.');
    const ok = await client.post('/account', {
      current: DEMO_PASSWORD,
      password: 'een-nieuw-wachtwoord',
      confirm: 'een-nieuw-wachtwoord',
    });
    expect(ok.status).toBe(302);
    expect((await client.get('/account')).status).toBe(200);
    expect((await other.get('/')).status).toBe(302);
    expect((await new Client(server.url).login(DEMO.beheer, DEMO_PASSWORD)).status).toBe(401);
    expect((await new Client(server.url).login(DEMO.beheer, 'een-nieuw-wachtwoord')).status).toBe(302);
    await client.post('/account', { current: 'een-nieuw-wachtwoord', password: DEMO_PASSWORD, confirm: DEMO_PASSWORD });
  });
});

describe('invitations', () => {
  async function invite(email: string, role = 'redacteur') {
    const regie = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
    const reply = await regie.post('/w/enschede/leden', { intent: 'invite', email, role });
    expect(reply.status).toBe(200);
    const link = reply.body.match(/http:\/\/[^<"]+\/uitnodiging\/[a-z2-7]+/)?.[0];
    expect(link).toBeTruthy();
    return { regie, path: new URL(link!).pathname };
  }

  it('is accepted once: the invitee sets name and password and lands in the workspace', async () => {
    const { path: invitation } = await invite('nieuwe.collega@enschede.nl');
    const invitee = new Client(server.url);
    expect((await invitee.get(invitation)).status).toBe(200);
    const accepted = await invitee.post(invitation, {
      name: 'Nieuwe Collega',
      password: 'lang-genoeg-wachtwoord',
      confirm: 'lang-genoeg-wachtwoord',
    });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe('/w/enschede');
    expect((await invitee.get('/w/enschede/stap/1')).status).toBe(403); // redacteur: sees, does not manage steps
    expect((await invitee.get('/w/enschede')).status).toBe(200);
    const role = db()
      .prepare(
        "select m.role from memberships m join users u on u.id = m.user_id join workspaces w on w.id = m.workspace_id where u.email = ? and w.slug = 'enschede'"
      )
      .get('nieuwe.collega@enschede.nl') as { role: string };
    expect(role.role).toBe('redacteur');

    const again = await new Client(server.url).post(invitation, {
      name: 'Indringer',
      password: 'lang-genoeg-wachtwoord',
      confirm: 'lang-genoeg-wachtwoord',
    });
    expect(again.status).toBe(410);
    expect((await new Client(server.url).get(invitation)).status).toBe(410);
    expect((db().prepare("select count(*) as n from users where name = 'Indringer'").get() as { n: number }).n).toBe(0);
  });

  it('an expired invitation is refused and creates nothing', async () => {
    const { path: invitation } = await invite('te.laat@enschede.nl');
    db().prepare("update invitations set expires_at = '2000-01-01T00:00:00.000Z' where email = ?").run('te.laat@enschede.nl');
    const reply = await new Client(server.url).post(invitation, {
      name: 'Te Laat',
      password: 'lang-genoeg-wachtwoord',
      confirm: 'lang-genoeg-wachtwoord',
    });
    expect(reply.status).toBe(410);
    expect(reply.body).toContain('verlopen');
    expect(db().prepare('select id from users where email = ?').get('te.laat@enschede.nl')).toBeUndefined();
  });

  it('a revoked invitation is refused', async () => {
    const { regie, path: invitation } = await invite('ingetrokken@enschede.nl');
    const id = (db().prepare('select id from invitations where email = ?').get('ingetrokken@enschede.nl') as { id: string }).id;
    expect((await regie.post('/w/enschede/leden', { intent: 'revoke', invitationId: id })).status).toBe(200);
    expect((await new Client(server.url).get(invitation)).status).toBe(410);
  });

  it('an existing user accepts after logging in as that user', async () => {
    const { path: invitation } = await invite(DEMO.hengelo, 'commentator');
    expect((await new Client(server.url).post(invitation, {})).status).toBe(403);
    const hengelo = await loggedIn(server.url, DEMO.zorg, DEMO_PASSWORD);
    expect((await hengelo.post(invitation, {})).status).toBe(403); // someone else's invitation
  });

  it('accepting one invitation spends the others for that address, so an old one cannot change the role', async () => {
    const { path: asReader } = await invite('twee.keer@enschede.nl', 'lezer');
    const { path: asLead } = await invite('twee.keer@enschede.nl', 'projectleider');
    const invitee = new Client(server.url);
    expect(
      (await invitee.post(asLead, { name: 'Twee Keer', password: 'lang-genoeg-wachtwoord', confirm: 'lang-genoeg-wachtwoord' }))
        .status
    ).toBe(302);
    expect((await invitee.post(asReader, {})).status).toBe(410);
    const role = db()
      .prepare(
        "select m.role from memberships m join users u on u.id = m.user_id join workspaces w on w.id = m.workspace_id where u.email = ? and w.slug = 'enschede'"
      )
      .get('twee.keer@enschede.nl') as { role: string };
    expect(role.role).toBe('projectleider');
    const accepted = db().prepare("select count(*) as n from audit_log where action = 'invitation.accept'").get() as {
      n: number;
    };
    expect(accepted.n).toBeGreaterThan(0);
  });

  it('a bad invitation form changes nothing and says why in Dutch', async () => {
    const { path: invitation } = await invite('half.ingevuld@enschede.nl');
    const reply = await new Client(server.url).post(invitation, { name: '', password: 'kort', confirm: 'anders' });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('Vul een naam in.');
    expect(reply.body).toContain('Een wachtwoord heeft minstens 12 tekens.');
    expect((await new Client(server.url).get(invitation)).status).toBe(200); // still usable
  });
});

describe('the first beheerder outside demo mode', () => {
  it('npm run admin creates a beheerder with a one-time set-password link', async () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/admin.ts', '--email', 'eerste@beheer.nl', '--url', server.url],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DATABASE_PATH: server.dbPath },
      }
    ).toString();
    const link = out.match(/http:\/\/\S+\/wachtwoord-instellen\/[a-z2-7]+/)?.[0];
    expect(link).toBeTruthy();
    const client = new Client(server.url);
    const set = await client.post(new URL(link!).pathname, { password: 'beheer-wachtwoord-1', confirm: 'beheer-wachtwoord-1' });
    expect(set.status).toBe(302);
    expect((await client.get('/beheer/gebruikers')).status).toBe(200);
    expect(
      (await new Client(server.url).post(new URL(link!).pathname, { password: 'nog-een-poging-1', confirm: 'nog-een-poging-1' }))
        .status
    ).toBe(410);
  });
});

describe('request safety', () => {
  it('refuses a POST from another origin or without one', async () => {
    const foreign = new Client(server.url, 'https://evil.example');
    expect((await foreign.login(DEMO.regie, DEMO_PASSWORD)).status).toBe(403);
    const regie = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
    const before = db().prepare('select status from steps where number = 3').all();
    const noOrigin = await fetch(`${server.url}/w/enschede/stap/3`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: regie.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=afgerond',
    });
    expect(noOrigin.status).toBe(403);
    expect(db().prepare('select status from steps where number = 3').all()).toEqual(before);
  });

  it('sends security headers with a nonce-based CSP', async () => {
    const reply = await new Client(server.url).get('/login');
    const csp = reply.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(reply.body).toContain(`nonce="${nonce}"`);
    expect(reply.headers.get('x-powered-by')).toBeNull();
    // no-referrer would make Chromium send "Origin: null" with plain form posts, which the Origin check refuses.
    expect(reply.headers.get('referrer-policy')).toBe('same-origin');
  });
});
