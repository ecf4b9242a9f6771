import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Workspace } from '../../db/schema.ts';
import { openSqlite } from '../../db/index.ts';
import { prepareDatabase } from '../../setup/prepare.ts';
import { loadActor } from '../../app/core/memberships.server.ts';
import { loadDashboard } from '../../app/features/dashboard/dashboard.server.ts';
import { todayInNetherlands } from '../../app/lib/time.ts';
import { seedDashboardData } from '../helpers/dashboard-data.ts';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// The region dashboard: the number of SQL statements per request does not grow with the data (counted on
// the model with a Kysely that logs every query), "Te laat" in Dutch time, the changes since the previous
// visit, and who may see what — against the real server running in UTC.

// ---------------------------------------------------------------------------------------------------------
// The model, in this process, on SQLite files of its own.

interface CountingDb {
  sqlite: SQLite.Database;
  db: Kysely<Database>;
  statements: () => number;
  dir: string;
}

async function preparedDb(): Promise<CountingDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thuisplan-dashboard-'));
  const sqlite = openSqlite(path.join(dir, 'thuisplan.db'));
  let count = 0;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') count += 1;
    },
  });
  await prepareDatabase(db, { demo: true, demoPassword: DEMO_PASSWORD, demoFigures: false });
  return { sqlite, db, dir, statements: () => count };
}

async function statementsFor(target: CountingDb, slug: string, now = new Date()) {
  const workspace = target.sqlite.prepare('select * from workspaces where slug = ?').get(slug) as Workspace;
  const user = target.sqlite.prepare('select id from users where email = ?').get(DEMO.regie) as { id: string };
  const actor = await loadActor(target.db, { id: user.id, isAdmin: false });
  const before = target.statements();
  const dashboard = await loadDashboard(target.db, { actor, userId: user.id, workspace, now, recordVisit: true });
  return { statements: target.statements() - before, dashboard };
}

describe('the dashboard model', () => {
  let small: CountingDb;
  let large: CountingDb;
  beforeAll(async () => {
    [small, large] = await Promise.all([preparedDb(), preparedDb()]);
    seedDashboardData(small.sqlite, { slugs: ['enschede'], actionsPerWorkspace: 10, auditRows: 50 });
    seedDashboardData(large.sqlite, { actionsPerWorkspace: 200, auditRows: 5000 });
  }, 90_000);
  afterAll(async () => {
    for (const target of [small, large]) {
      await target?.db.destroy();
      if (target) fs.rmSync(target.dir, { recursive: true, force: true });
    }
  });

  it('runs as many SQL statements for 1 workspace × 10 actions as for 9 workspaces × 200', async () => {
    const counts: Record<string, number> = {};
    for (const [name, target] of [
      ['1 × 10', small],
      ['9 × 200', large],
    ] as const) {
      for (const slug of ['regio', 'enschede']) {
        // The first view builds the dashboard (and inserts the visit); the second, with nothing changed in
        // between, is served from memory after the visit's update and a look at the data version.
        const first = await statementsFor(target, slug);
        const again = await statementsFor(target, slug);
        counts[`${name} ${slug} first`] = first.statements;
        counts[`${name} ${slug} again`] = again.statements;
      }
    }
    const built = new Set(
      Object.entries(counts)
        .filter(([k]) => k.endsWith('first'))
        .map(([, n]) => n)
    );
    const served = new Set(
      Object.entries(counts)
        .filter(([k]) => k.endsWith('again'))
        .map(([, n]) => n)
    );
    expect(built.size, JSON.stringify(counts)).toBe(1);
    expect(served.size, JSON.stringify(counts)).toBe(1);
    // A fixed, small number: one statement per section, not per workspace or action.
    expect([...built][0]).toBeLessThanOrEqual(11);
    expect([...served][0]).toBeLessThanOrEqual(2);

    // A write from any code path (here straight into the file) is seen at once: the database raised the version.
    small.sqlite.prepare("update actions set title = 'Direct gewijzigd' where id = (select id from actions limit 1)").run();
    const after = await statementsFor(small, 'regio');
    expect(after.statements).toBe([...built][0]); // built again

    // And the data really differs between the two.
    const smallView = (await statementsFor(small, 'regio')).dashboard;
    const largeView = (await statementsFor(large, 'regio')).dashboard;
    const total = (d: typeof smallView) =>
      Object.values(d.actionCounts).reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    expect(total(smallView)).toBe(10);
    expect(total(largeView)).toBe(1800);
    expect(largeView.workspaces).toHaveLength(9);
    expect(largeView.overdue.length).toBeGreaterThan(9); // several per workspace, at most five each
    for (const w of largeView.workspaces) {
      expect(largeView.overdue.filter((a) => a.workspaceId === w.id).length).toBeLessThanOrEqual(5);
      expect(largeView.overdueTotals[w.id]).toBeGreaterThan(5);
    }
  });

  it('counts overdue by the Dutch calendar day, also the night summer time starts', async () => {
    const enschede = small.sqlite.prepare("select id from workspaces where slug = 'enschede'").get() as { id: string };
    small.sqlite
      .prepare("update steps set status = 'bezig', due_date = '2026-03-28' where workspace_id = ? and number = 3")
      .run(enschede.id);
    small.sqlite.prepare("update actions set due_date = '2099-01-01' where workspace_id = ?").run(enschede.id);
    const action = small.sqlite.prepare('select id from actions where workspace_id = ? limit 1').get(enschede.id) as {
      id: string;
    };
    small.sqlite.prepare("update actions set status = 'in_uitvoering', due_date = '2026-03-28' where id = ?").run(action.id);

    // 22:30 UTC on the 28th is 23:30 CET: still the 28th in the Netherlands.
    const before = (await statementsFor(small, 'enschede', new Date('2026-03-28T22:30:00Z'))).dashboard;
    // 23:30 UTC on the 28th is 00:30 CET on the 29th (in UTC still the 28th).
    const after = (await statementsFor(small, 'enschede', new Date('2026-03-28T23:30:00Z'))).dashboard;
    const cell = (d: typeof before) => d.cells.find((c) => c.workspaceId === enschede.id && c.number === 3)!;
    expect(before.today).toBe('2026-03-28');
    expect(cell(before).overdue).toBe(false);
    expect(before.overdue.map((a) => a.id)).not.toContain(action.id);
    expect(after.today).toBe('2026-03-29');
    expect(cell(after).overdue).toBe(true);
    expect(after.overdue.map((a) => a.id)).toContain(action.id);

    // A step that is afgerond is never late; gereed and vervallen actions neither.
    small.sqlite.prepare("update steps set status = 'afgerond' where workspace_id = ? and number = 3").run(enschede.id);
    small.sqlite.prepare("update actions set status = 'gereed' where id = ?").run(action.id);
    const done = (await statementsFor(small, 'enschede', new Date('2026-03-28T23:30:00Z'))).dashboard;
    expect(cell(done).overdue).toBe(false);
    expect(done.overdue.map((a) => a.id)).not.toContain(action.id);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The page, on the real server, which runs in UTC here (the Dutch day must still decide "Te laat").

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
const CHANGES = 'Wat is er veranderd sinds uw vorige bezoek';

/** The Dutch calendar day `days` from today (calendar arithmetic on the date, not on hours). */
function dutchDay(days: number): string {
  const today = new Date(`${todayInNetherlands()}T12:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A page's HTML without React's separators between text pieces (<!-- -->), as a reader sees the text. */
async function page(client: Client, path: string): Promise<string> {
  const reply = await client.get(path);
  expect(reply.status, path).toBe(200);
  return reply.body.replace(/<!-- -->/g, '');
}

/** The HTML of one matrix cell: workspace row `slug`, step `n`. */
function matrixCell(body: string, slug: string, n: number): string {
  const row = body.match(new RegExp(`<tr[^>]*data-workspace="${slug}"[^>]*>([\\s\\S]*?)</tr>`))?.[1] ?? '';
  return row.match(new RegExp(`<td[^>]*data-step="${n}"[^>]*>([\\s\\S]*?)</td>`))?.[1] ?? '';
}

/** The workspaces of the matrix, in order. */
function matrixRows(body: string): string[] {
  const table = body.match(/<table[^>]*dashboard-matrix[\s\S]*?<\/table>/)?.[0] ?? '';
  return [...table.matchAll(/<tr[^>]*data-workspace="([a-z-]+)"/g)].map((m) => m[1]!);
}

describe('the dashboard page', () => {
  let server: TestServer;
  const clients = {} as Record<DemoUser, Client>;
  let anonymous: Client;
  let sqlite: SQLite.Database;
  const idOf = (query: string, ...args: unknown[]) => (sqlite.prepare(query).get(...args) as { id: string }).id;

  beforeAll(async () => {
    server = await startServer({ TZ: 'UTC' });
    anonymous = new Client(server.url);
    for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
    sqlite = openTestDb(server.dbPath);
  });
  afterAll(async () => {
    sqlite?.close();
    await server?.stop();
  });

  for (const slug of ['regio', 'enschede', 'hengelo'] as const) {
    it(`GET /w/${slug}/dashboard: every member role and the beheerder 200, a non-member 404, anonymous to log-in`, async () => {
      const anon = await anonymous.get(`/w/${slug}/dashboard`);
      expect(anon.status).toBe(302);
      expect(anon.location).toMatch(/^\/login\?terug=/);
      for (const user of USERS) {
        const access = ACCESS[user][slug];
        const reply = await clients[user].get(`/w/${slug}/dashboard`);
        expect(reply.status, `${user} (${access})`).toBe(access === null ? 404 : 200);
        if (reply.status !== 200) continue;
        // The changes come from the audit log: only for projectleider and beheerder (audit.view).
        expect(reply.body.includes(CHANGES), `${user}: changes shown`).toBe(access === 'projectleider' || access === 'beheerder');
      }
    });
  }

  it('an unknown workspace is 404', async () => {
    expect((await clients.regie.get('/w/atlantis/dashboard')).status).toBe(404);
  });

  it('the region shows itself and its eight gemeenten; a gemeente the region and itself only', async () => {
    const rows = matrixRows(await page(clients.regie, '/w/regio/dashboard'));
    expect(rows[0]).toBe('regio');
    expect(rows).toHaveLength(9);
    expect(new Set(rows).size).toBe(9);
    for (const slug of ['enschede', 'hengelo', 'losser', 'borne']) expect(rows).toContain(slug);

    const hengelo = await page(clients.hengelo, '/w/hengelo/dashboard');
    expect(matrixRows(hengelo)).toEqual(['regio', 'hengelo']);
    expect(hengelo).not.toContain('data-workspace="enschede"');
    // Hengelo's redacteur cannot open the region's pages: no link leads there.
    expect(hengelo).not.toMatch(/href="\/w\/regio[/"]/);
    expect(hengelo).toContain('href="/w/hengelo/dashboard"');
    // Steps link to their page for whoever may see the workspace: Hengelo's own, not the region's.
    const regie = await page(clients.regie, '/w/hengelo/dashboard');
    expect(regie).toContain('href="/w/hengelo/stap/2"');
    expect(regie).toContain('href="/w/regio/stap/2"');
    expect(hengelo).toContain('href="/w/hengelo/stap/2"');
    expect(hengelo).not.toContain('href="/w/regio/stap/2"');
  });

  it('shows "Te laat" for a step and an action past their due date in the Netherlands, not for today', async () => {
    const enschede = idOf("select id from workspaces where slug = 'enschede'");
    const regieId = idOf('select id from users where email = ?', DEMO.regie);
    const now = new Date().toISOString();
    const setStep = sqlite.prepare(
      'update steps set status = ?, due_date = ?, owner_id = ? where workspace_id = ? and number = ?'
    );
    setStep.run('bezig', dutchDay(-1), regieId, enschede, 2);
    setStep.run('bezig', dutchDay(0), regieId, enschede, 3);
    setStep.run('afgerond', dutchDay(-30), regieId, enschede, 1);
    const insertAction = sqlite.prepare(
      "insert into actions (id, workspace_id, title, level, owner_user_id, due_date, status, created_at, updated_at) values (?, ?, ?, 'lokaal', ?, ?, ?, ?, ?)"
    );
    const late = crypto.randomUUID();
    insertAction.run(late, enschede, 'Regionale afspraken uitstroom BW', regieId, dutchDay(-1), 'in_uitvoering', now, now);
    insertAction.run(crypto.randomUUID(), enschede, 'Vandaag nog af te ronden', regieId, dutchDay(0), 'besloten', now, now);
    insertAction.run(crypto.randomUUID(), enschede, 'Al gereed maar laat', regieId, dutchDay(-5), 'gereed', now, now);

    const body = await page(clients.provincie, '/w/regio/dashboard');
    expect(matrixCell(body, 'enschede', 2)).toContain('Te laat');
    expect(matrixCell(body, 'enschede', 2)).toContain('Rian Regie');
    expect(matrixCell(body, 'enschede', 3)).not.toContain('Te laat');
    expect(matrixCell(body, 'enschede', 1)).not.toContain('Te laat');
    // The step's checklist progress: the default checklist, nothing ticked yet.
    expect(matrixCell(body, 'enschede', 1)).toMatch(/Checklist 0 van \d/);

    const overdue = body.match(/<section[^>]*overdue-block[^>]*data-workspace="enschede"[\s\S]*?<\/section>/)?.[0] ?? '';
    expect(overdue).toContain('Regionale afspraken uitstroom BW');
    expect(overdue).toContain('Te laat');
    expect(overdue).toContain(`href="/w/enschede/acties/${late}"`);
    expect(body).not.toContain('Vandaag nog af te ronden</a>');
    expect(body).not.toContain('Al gereed maar laat');
  });

  it('lists at most five overdue actions per workspace and links to the rest with telaat=1', async () => {
    const losser = idOf("select id from workspaces where slug = 'losser'");
    const now = new Date().toISOString();
    const insert = sqlite.prepare(
      "insert into actions (id, workspace_id, title, level, due_date, status, created_at, updated_at) values (?, ?, ?, 'lokaal', ?, 'voorstel', ?, ?)"
    );
    for (let i = 0; i < 8; i++) insert.run(crypto.randomUUID(), losser, `Losser laat ${i}`, dutchDay(-10 + i), now, now);
    const body = await page(clients.regie, '/w/regio/dashboard');
    const block = body.match(/<section[^>]*overdue-block[^>]*data-workspace="losser"[\s\S]*?<\/section>/)?.[0] ?? '';
    expect(block.match(/Losser laat \d/g)).toEqual([
      'Losser laat 0',
      'Losser laat 1',
      'Losser laat 2',
      'Losser laat 3',
      'Losser laat 4',
    ]);
    expect(block).toContain('8 acties te laat');
    expect(block).toContain('href="/w/losser/acties?telaat=1"');
    expect(block).toContain('en 3 meer');
  });

  it('lists knelpunten without an action (not the resolved ones) and the actions per woondeal', async () => {
    const regio = idOf("select id from workspaces where slug = 'regio'");
    const hengelo = idOf("select id from workspaces where slug = 'hengelo'");
    const now = new Date().toISOString();
    const knelpunt = sqlite.prepare(
      "insert into knelpunten (id, workspace_id, target_group_id, level, title, status, created_at, updated_at) values (?, ?, (select id from target_groups limit 1), 'lokaal', ?, ?, ?, ?)"
    );
    const answered = crypto.randomUUID();
    knelpunt.run(crypto.randomUUID(), hengelo, 'Wachtlijst beschermd wonen', 'open', now, now);
    knelpunt.run(crypto.randomUUID(), hengelo, 'Al opgelost knelpunt', 'opgelost', now, now);
    knelpunt.run(answered, hengelo, 'Knelpunt met een actie', 'in_aanpak', now, now);
    const deal = crypto.randomUUID();
    sqlite
      .prepare('insert into woondeals (id, workspace_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)')
      .run(deal, regio, 'Woondeal Twente', now, now);
    const action = crypto.randomUUID();
    sqlite
      .prepare(
        "insert into actions (id, workspace_id, title, level, status, woondeal_id, created_at, updated_at) values (?, ?, 'Versnellen bouw flexwoningen', 'lokaal', 'besloten', ?, ?, ?)"
      )
      .run(action, hengelo, deal, now, now);
    sqlite.prepare('insert into action_knelpunten (action_id, knelpunt_id) values (?, ?)').run(action, answered);

    const body = await page(clients.regie, '/w/regio/dashboard');
    const knelpunten = body.slice(body.indexOf('Knelpunten zonder actie'), body.indexOf('Woondeals en hun acties'));
    expect(knelpunten).toContain('Wachtlijst beschermd wonen');
    expect(knelpunten).toContain('href="/w/hengelo/knelpunten"');
    expect(knelpunten).not.toContain('Al opgelost knelpunt');
    expect(knelpunten).not.toContain('Knelpunt met een actie');
    const woondeals = body.slice(body.indexOf('Woondeals en hun acties'));
    expect(woondeals).toContain('Woondeal Twente');
    expect(woondeals).toContain('1 actie');
    expect(woondeals).toContain('1 besloten');
    expect(woondeals).toContain(`href="/w/hengelo/acties/${action}"`);
  });

  it('shows another user’s changes since the previous visit, not one’s own, and keeps them on a reload', async () => {
    const regio = idOf("select id from workspaces where slug = 'regio'");
    const regieId = idOf('select id from users where email = ?', DEMO.regie);
    const beheer = clients.beheer;
    const losser = idOf("select id from workspaces where slug = 'losser'");
    // A first visit (of Losser's dashboard, which shows the region too): nothing to compare with yet.
    expect(await page(beheer, '/w/losser/dashboard')).toContain('Dit is uw eerste bezoek');
    // The visit was an hour ago; since then others and the beheerder herself changed things.
    const hour = 60 * 60 * 1000;
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    sqlite
      .prepare(
        'update dashboard_visits set since = ?, last_seen_at = ? where workspace_id = ? and user_id = (select id from users where email = ?)'
      )
      .run(ago(3 * hour), ago(hour), losser, DEMO.beheer);
    const audit = sqlite.prepare(
      "insert into audit_log (at, actor_id, workspace_id, action, entity_type, entity_id, details) values (?, (select id from users where email = ?), ?, 'knelpunt.create', 'knelpunt', ?, ?)"
    );
    audit.run(
      ago(2 * hour),
      DEMO.enschede,
      regio,
      crypto.randomUUID(),
      JSON.stringify({ title: 'Van voor het vorige bezoek', level: 'regionaal', status: 'open' })
    );
    // A real change by another user, through the page.
    const created = await clients.enschede.post('/w/regio/knelpunten', {
      title: 'Te weinig doorstroomplekken',
      targetGroupId: 'uitstroom-mo-bw',
      level: 'regionaal',
      status: 'open',
      description: '',
    });
    expect(created.status).toBe(302);
    // The beheerder's own change (a member added) is hers: not shown to her.
    audit.run(
      ago(10 * 60 * 1000),
      DEMO.beheer,
      regio,
      crypto.randomUUID(),
      JSON.stringify({ title: 'Eigen wijziging', level: 'regionaal', status: 'open' })
    );

    const body = await page(beheer, '/w/losser/dashboard');
    const changes = body.slice(body.indexOf(CHANGES));
    expect(changes).toContain('Eva Enschede: Knelpunt vastgelegd: “Te weinig doorstroomplekken”');
    expect(changes).not.toContain('Eigen wijziging');
    expect(changes).not.toContain('Van voor het vorige bezoek');
    // A reload within half an hour is the same visit: the same changes.
    const again = await page(beheer, '/w/losser/dashboard');
    expect(again.slice(again.indexOf(CHANGES))).toContain('Te weinig doorstroomplekken');

    // The projectleider's own step change is not among her changes; the beheerder sees it.
    sqlite
      .prepare('insert or replace into dashboard_visits (user_id, workspace_id, since, last_seen_at) values (?, ?, ?, ?)')
      .run(regieId, regio, ago(3 * hour), ago(hour));
    expect(
      (await clients.regie.post('/w/regio/stap/4/wijzigen', { status: 'bezig', ownerId: '', dueDate: '', note: 'Gestart' }))
        .status
    ).toBe(302);
    const regie = await page(clients.regie, '/w/regio/dashboard');
    expect(regie.slice(regie.indexOf(CHANGES))).toContain('Te weinig doorstroomplekken');
    expect(regie.slice(regie.indexOf(CHANGES))).not.toContain('Stap gewijzigd');
    const beheerAgain = await page(beheer, '/w/losser/dashboard');
    expect(beheerAgain.slice(beheerAgain.indexOf(CHANGES))).toContain('Rian Regie: Stap gewijzigd');
  });

  it('only a GET records the visit (not a HEAD), and only for those who see the changes', async () => {
    const visits = (email: string) =>
      sqlite
        .prepare(
          "select since, last_seen_at as lastSeenAt from dashboard_visits where workspace_id = (select id from workspaces where slug = 'enschede') and user_id = (select id from users where email = ?)"
        )
        .all(email);
    // The commentator has no changes section, hence no visit either.
    await page(clients.zorg, '/w/enschede/dashboard');
    expect(visits(DEMO.zorg)).toEqual([]);
    const old = { since: '2026-01-01T08:00:00.000Z', lastSeenAt: '2026-01-01T09:00:00.000Z' };
    sqlite
      .prepare(
        "update dashboard_visits set since = ?, last_seen_at = ? where workspace_id = (select id from workspaces where slug = 'enschede') and user_id = (select id from users where email = ?)"
      )
      .run(old.since, old.lastSeenAt, DEMO.regie);
    expect((await clients.regie.request('HEAD', '/w/enschede/dashboard')).status).toBe(200);
    expect(visits(DEMO.regie)).toEqual([old]);
    // A GET after more than half an hour away: a new visit from where the previous one ended.
    await page(clients.regie, '/w/enschede/dashboard');
    const [visit] = visits(DEMO.regie) as Array<typeof old>;
    expect(visit!.since).toBe(old.lastSeenAt);
    expect(Date.now() - Date.parse(visit!.lastSeenAt)).toBeLessThan(60_000);
  });

  it('the home page links each workspace card to its dashboard', async () => {
    const body = await page(clients.regie, '/');
    for (const slug of ['regio', 'enschede', 'hengelo']) expect(body).toContain(`href="/w/${slug}/dashboard"`);
  });
});
