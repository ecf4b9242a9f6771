import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn, type Reply } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  // Behind a (test) proxy on loopback, so tests can log in "from" several addresses with X-Forwarded-For.
  server = await startServer({ TRUST_PROXY: 'loopback' });
});
afterAll(() => server?.stop());

const LOGIN_FAILED = 'E-mailadres of wachtwoord klopt niet.';
const LINK_GONE = 'Deze link is verlopen of al gebruikt.';
const db = () => openTestDb(server.dbPath);
const userIdOf = (email: string) => (db().prepare('select id from users where email = ?').get(email) as { id: string }).id;
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const loginFrom = (ip: string, email: string, password: string, client = new Client(server.url)) =>
  client.post('/login', { email, password, terug: '/' }, from(ip));

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

describe('log-in from several addresses', () => {
  it('wrong passwords for an account from one address do not lock it out from another', async () => {
    for (let i = 1; i <= 10; i++) expect((await loginFrom('203.0.113.5', DEMO.zorg, `fout-${i}`)).status).toBe(401);
    expect((await loginFrom('203.0.113.5', DEMO.zorg, 'fout-11')).status).toBe(429);
    expect((await loginFrom('203.0.113.5', DEMO.zorg, DEMO_PASSWORD)).status).toBe(429); // this pair stays blocked
    const owner = new Client(server.url);
    expect((await loginFrom('198.51.100.7', DEMO.zorg, DEMO_PASSWORD, owner)).status).toBe(302);
    expect(owner.cookie).not.toBeNull();
  });

  it('failures for many accounts from one address block that address, not others', async () => {
    for (let batch = 0; batch < 10; batch++) {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => loginFrom('203.0.113.66', `proef-${batch}-${i}@example.nl`, 'fout-wachtwoord'))
      );
      expect(replies.map((r) => r.status)).toEqual(Array(10).fill(401));
    }
    const blocked = await loginFrom('203.0.113.66', DEMO.provincie, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toContain('Te veel mislukte pogingen');
    expect((await loginFrom('198.51.100.8', DEMO.provincie, DEMO_PASSWORD)).status).toBe(302);
  });
});

describe('set-password links', () => {
  const LINK = /http:\/\/[^<"]+(\/wachtwoord-instellen\/[a-z2-7]+)/;
  const setPassword = (path: string, password: string, client = new Client(server.url), ip = '192.0.2.1') =>
    client.post(path, { password, confirm: password }, from(ip));

  /** A new user made by the beheerder, and the path of the link that came with it. */
  async function newUser(email: string) {
    const admin = await loggedIn(server.url, DEMO.beheer, DEMO_PASSWORD);
    const reply = await admin.post('/beheer/gebruikers', { intent: 'create', name: 'Proef Persoon', email });
    expect(reply.status).toBe(200);
    return { admin, first: reply.body.match(LINK)![1]! };
  }
  async function newLink(admin: Client, email: string) {
    const reply = await admin.post('/beheer/gebruikers', { intent: 'password-link', userId: userIdOf(email) });
    expect(reply.status).toBe(200);
    return reply.body.match(LINK)![1]!;
  }

  it('a newer link revokes the older one', async () => {
    const { admin, first } = await newUser('twee.links@example.nl');
    const second = await newLink(admin, 'twee.links@example.nl');
    expect((await new Client(server.url).get(first)).status).toBe(410);
    const old = await setPassword(first, 'oud-linkje-wachtwoord');
    expect(old.status).toBe(410);
    expect(old.body).toContain(LINK_GONE);
    expect((await setPassword(second, 'nieuw-linkje-wachtwoord')).status).toBe(302);
    expect((await new Client(server.url).login('twee.links@example.nl', 'nieuw-linkje-wachtwoord')).status).toBe(302);
  });

  it('using a link spends every other outstanding link of that user', async () => {
    const { first } = await newUser('elke.link@example.nl');
    // Another outstanding link, stored as createPasswordToken stores one (made before newer links revoked older ones).
    const other = 'a'.repeat(32);
    const now = new Date();
    db()
      .prepare('insert into password_tokens (token_hash, user_id, created_at, expires_at, used_at) values (?, ?, ?, ?, null)')
      .run(
        encodeHexLowerCase(sha256(new TextEncoder().encode(other))),
        userIdOf('elke.link@example.nl'),
        now.toISOString(),
        new Date(now.getTime() + 86_400_000).toISOString()
      );
    expect((await new Client(server.url).get(`/wachtwoord-instellen/${other}`)).status).toBe(200);
    expect((await setPassword(first, 'eerste-link-wachtwoord')).status).toBe(302);
    expect((await setPassword(`/wachtwoord-instellen/${other}`, 'tweede-link-wachtwoord')).status).toBe(410);
    expect((await new Client(server.url).login('elke.link@example.nl', 'eerste-link-wachtwoord')).status).toBe(302);
  });

  it('changing the password on the account page revokes outstanding links', async () => {
    const { admin, first } = await newUser('zelf.gewijzigd@example.nl');
    const user = new Client(server.url);
    expect((await setPassword(first, 'gekozen-wachtwoord-1', user)).status).toBe(302);
    const outstanding = await newLink(admin, 'zelf.gewijzigd@example.nl');
    const changed = await user.post('/account', {
      current: 'gekozen-wachtwoord-1',
      password: 'gekozen-wachtwoord-2',
      confirm: 'gekozen-wachtwoord-2',
    });
    expect(changed.status).toBe(302);
    expect((await setPassword(outstanding, 'overgenomen-wachtwoord')).status).toBe(410);
    expect((await new Client(server.url).login('zelf.gewijzigd@example.nl', 'gekozen-wachtwoord-2')).status).toBe(302);
  });

  const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
  it('a bogus link is refused in Dutch without hashing: many parallel posts leave a log-in fast', async () => {
    const timedLogin = async () => {
      const start = performance.now();
      expect((await loginFrom('198.51.100.20', DEMO.regie, DEMO_PASSWORD)).status).toBe(302);
      return performance.now() - start;
    };
    await timedLogin(); // warm: the first log-in of a fresh server also loads the app
    const alone = await timedLogin();
    // As the page's script posts (Remix single fetch, `.data`): no page to render, so the posts cost only what the server does with them.
    const bogusPath = (i: number) => `/wachtwoord-instellen/${'b'.repeat(30)}${BASE32[i >> 5]}${BASE32[i & 31]}.data`;
    // From many addresses, so the per-address limit of the page does not hide the cost of each post.
    const burst = async (send: (i: number) => Promise<Reply>) => {
      const started = performance.now();
      const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i)));
      return { replies, ms: performance.now() - started };
    };
    // The yardstick: the same lookups without a form (the page's loader), on this machine under its load now.
    const gets = await burst((i) => new Client(server.url).get(bogusPath(i), from(`10.8.${i >> 8}.${i & 255}`)));
    expect(gets.replies.map((r) => r.status)).toEqual(Array(200).fill(410));
    const posts = burst((i) => setPassword(bogusPath(i), 'een-wachtwoord-1', undefined, `10.9.${i >> 8}.${i & 255}`));
    await new Promise((r) => setTimeout(r, 200));
    const during = await timedLogin();
    const { replies, ms } = await posts;
    expect(replies.map((r) => r.status)).toEqual(Array(200).fill(410));
    expect(replies[0]!.body).toContain(LINK_GONE);
    console.log(
      `200 bogus links: GET ${gets.ms.toFixed(0)} ms, POST ${ms.toFixed(0)} ms; log-in alone ${alone.toFixed(
        0
      )} ms, during the posts ${during.toFixed(0)} ms`
    );
    // Generous bounds: hashing 200 passwords takes seconds on two cores; refusing a bogus post costs what a GET
    // does, and a log-in waits at most for the queue of such requests ahead of it.
    expect(ms).toBeLessThan(3 * gets.ms + 1000);
    expect(during).toBeLessThan(gets.ms + Math.max(1500, 5 * alone));
  });

  it('the set-password page answers 429 in Dutch after too many posts from one address', async () => {
    const path = `/wachtwoord-instellen/${'c'.repeat(32)}`;
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 21; i++) {
      const reply = await setPassword(path, 'een-wachtwoord-1', undefined, '203.0.113.99');
      statuses.push(reply.status);
      last = reply.body;
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(410));
    expect(statuses[20]).toBe(429);
    expect(last).toContain('Te veel pogingen');
    // Another address is not affected.
    expect((await setPassword(path, 'een-wachtwoord-1', undefined, '203.0.113.100')).status).toBe(410);
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
    expect((await invitee.get('/w/enschede/stap/1')).status).toBe(200); // redacteur: sees the step page …
    expect((await invitee.get('/w/enschede/stap/1/wijzigen')).status).toBe(403); // … but does not manage steps
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
    const noOrigin = await fetch(`${server.url}/w/enschede/stap/3/wijzigen`, {
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
