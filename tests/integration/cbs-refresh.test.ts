import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCbsFixtureServer, type CbsFixtureServer } from '../fixtures/cbs/server.ts';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Actualiseren through the pages, against the CBS fixture server (tests/fixtures/cbs): CBS revises a
// figure and a period's status, the refresh shows it before anything is written, and a confirmation
// replaces the old figure. A server and database of their own.
let cbs: CbsFixtureServer;
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;

const sql = <T>(query: string, ...args: unknown[]) =>
  openTestDb(server.dbPath)
    .prepare(query)
    .all(...args) as T[];
const count = (table: string) => sql<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n;
/** Every figure in the monitor, with its status and import: nothing may change before a confirmation. */
const observations = () =>
  sql<Record<string, unknown>>(
    'select indicator_id, workspace_id, period, value, source, import_id, peildatum, status from observations order by id'
  );
const state = () => [count('observations'), count('data_imports'), count('cbs_refreshes')];
const text = (html: string) =>
  html
    .replaceAll('<!-- -->', '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const STATUSHOUDERS = { AandachtsgroepVolkshuisvesting: 'A048821', Kenmerken: 'T001038' };

/** Follows a progress page until it redirects (the preview or review) or shows an error. */
async function follow(user: DemoUser, location: string) {
  for (let i = 0; i < 300; i++) {
    const progress = await clients[user].get(location);
    if (progress.status === 302) return { done: progress.location!, failure: null };
    if (progress.body.includes('utrecht-alert--error')) return { done: null, failure: text(progress.body) };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

/** A CBS import through the pages, confirmed. */
async function importCbs(
  table: string,
  links: Record<string, { topic: string; categories?: Record<string, string> }>,
  period: { moment: string; from: string; to: string }
) {
  const form: Record<string, string> = { table, ...period };
  for (const [indicator, link] of Object.entries(links)) {
    form[`onderwerp:${indicator}`] = link.topic;
    for (const [dimension, category] of Object.entries(link.categories ?? {}))
      form[`categorie:${indicator}:${dimension}`] = category;
  }
  const start = await clients.enschede.post('/w/regio/analyse/import/cbs', form);
  expect(start.status, start.body.slice(0, 500)).toBe(302);
  const { done, failure } = await follow('enschede', start.location!);
  expect(failure).toBe(null);
  const confirm = await clients.enschede.post(done!, { intent: 'apply' });
  expect(confirm.status).toBe(302);
}

/** Starts a refresh of /w/<slug> and follows it: the review page's path, or the failure shown. */
async function refresh(user: DemoUser = 'enschede', slug = 'regio') {
  const start = await clients[user].post(`/w/${slug}/analyse/actualiseren`, {});
  expect(start.status, start.body.slice(0, 500)).toBe(302);
  expect(start.location).toMatch(/\/analyse\/actualiseren\/voortgang\/[0-9a-f-]{36}$/);
  return follow(user, start.location!);
}

const gemeente = (slug: string) => sql<{ id: string }>('select id from workspaces where slug = ?', slug)[0]!.id;
const figures = (indicator: string, slug: string, period: string) =>
  sql<{ value: number; status: string; source: string }>(
    'select value, status, source from observations where indicator_id = ? and workspace_id = ? and period = ?',
    indicator,
    gemeente(slug),
    period
  );
const audit = (action: string) =>
  sql<{ n: number }>(
    'select count(*) as n from audit_log where action = ? and workspace_id = (select id from workspaces where slug = ?)',
    action,
    'regio'
  )[0]!.n;

beforeAll(async () => {
  cbs = await startCbsFixtureServer();
  server = await startServer({ CBS_ODATA_V3_URL: cbs.v3BaseUrl, CBS_ODATA_V4_URL: cbs.v4BaseUrl });
  for (const user of Object.keys(DEMO) as DemoUser[]) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await cbs?.close();
});

describe('actualiseren: CBS asked anew for every linked indicator', () => {
  it('a workspace without CBS figures gets a clear message and nothing changes', async () => {
    const page = await clients.enschede.get('/w/regio/analyse/actualiseren');
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('Deze werkruimte heeft nog geen cijfers uit CBS StatLine om te actualiseren.');
    const before = state();
    const reply = await clients.enschede.post('/w/regio/analyse/actualiseren', {});
    expect(reply.status).toBe(400);
    expect(text(reply.body)).toContain('Importeer eerst cijfers uit CBS; daarna kunt u ze hier in één keer laten bijwerken.');
    expect(state()).toEqual(before);
    expect(audit('refresh.start')).toBe(0);
  });

  it('shows what CBS revised (old → new, voorlopig → definitief) and a new year, writes nothing until confirmed, then replaces the old figure', async () => {
    await importCbs(
      '70072ned',
      { bevolking: { topic: 'TotaleBevolking_1' }, 'ouderen-80-plus': { topic: 'k_80JaarOfOuder_12' } },
      { moment: 'JJ00', from: '2023', to: '2024' }
    );
    await importCbs(
      '85980NED',
      { statushouders: { topic: 'TotaalPersonen_1', categories: STATUSHOUDERS } },
      { moment: 'MM01', from: '2022', to: '2023' }
    );
    expect(figures('bevolking', 'enschede', '2024')).toEqual([{ value: 162288, status: 'Voorlopig', source: 'CBS 70072ned' }]);
    expect(figures('statushouders', 'enschede', '2024')).toEqual([]);

    const links = text((await clients.enschede.get('/w/regio/analyse/actualiseren')).body);
    expect(links).toContain('Inwoners 70072ned');
    expect(links).toMatch(/Statushouders 85980NED .* 2022, 2023/);

    // CBS revises Enschede's 2024 figure and makes 2024 definitief (for every gemeente).
    cbs.revise('70072ned', { RegioS: 'GM0153', Perioden: '2024JJ00' }, { TotaleBevolking_1: 162291 }, 'Definitief');
    const before = observations();
    const requestsBefore = cbs.requests.length;
    const { done, failure } = await refresh();
    expect(failure).toBe(null);
    expect(done).toMatch(/\/w\/regio\/analyse\/actualiseren\/[0-9a-f-]{36}$/);
    // The description was asked anew (its status changed), not taken from the import's cache.
    const asked = cbs.requests.slice(requestsBefore).map((r) => decodeURIComponent(r));
    expect(asked.some((r) => r.endsWith('70072ned/Perioden'))).toBe(true);
    expect(asked.some((r) => r.endsWith('85980NED/Perioden'))).toBe(true);

    const review = await clients.enschede.get(done!);
    expect(review.status).toBe(200);
    const shown = text(review.body);
    expect(shown).toContain('Controleer de actualisering');
    expect(shown).toContain('Er is nog niets veranderd in de monitor');
    // Enschede's own member sees Enschede exactly: old → new with both statuses.
    expect(shown).toMatch(/Enschede 2024 162\.288 162\.291 voorlopig → definitief/);
    // Same value, new status: shown too (Hengelo for a viewer from Enschede: rounded to 5).
    expect(shown).toMatch(/Hengelo \(O\) 2024 [\d.]+ [\d.]+ voorlopig → definitief/);
    expect(shown).toMatch(/Inwoners CBS .*1 cijfer herzien, 7 cijfers alleen in status gewijzigd, geen nieuwe cijfers, 8 gelijk/);
    // 80 jaar of ouder: 2024 became definitief everywhere; Dinkelland has no 2023 figure at CBS (skipped, not removed).
    expect(shown).toMatch(
      /Inwoners van 80 jaar of ouder CBS .*0 cijfers herzien, 8 cijfers alleen in status gewijzigd, geen nieuwe cijfers, 7 gelijk\./
    );
    // 85980NED now has 2024 for 1 januari: a new year, nothing revised.
    expect(shown).toMatch(
      /Statushouders .*0 cijfers herzien, 0 cijfers alleen in status gewijzigd, 8 nieuwe cijfers \(2024\), 16 gelijk/
    );
    expect(observations()).toEqual(before);
    expect(sql('select status from cbs_refreshes')).toEqual([{ status: 'voorbeeld' }]);

    // A projectleider of the region sees no gemeente exactly: Enschede's revision only rounded.
    const regie = text((await clients.regie.get(done!)).body);
    expect(regie).toMatch(/Enschede 2024 162\.290 162\.290 voorlopig → definitief/);
    expect(regie).not.toContain('162.291');
    expect(regie).not.toContain('162.288');

    const confirm = await clients.enschede.post(done!, { intent: 'apply' });
    expect(confirm.status).toBe(302);
    expect(figures('bevolking', 'enschede', '2024')).toEqual([{ value: 162291, status: 'Definitief', source: 'CBS 70072ned' }]);
    expect(figures('bevolking', 'hengelo', '2024')).toEqual([expect.objectContaining({ status: 'Definitief' })]);
    expect(figures('statushouders', 'enschede', '2024')).toHaveLength(1);
    // No superseded figure beside its successor: one figure per gemeente, indicator and year.
    expect(sql('select indicator_id, workspace_id, period from observations group by 1, 2, 3 having count(*) > 1')).toEqual([]);
    expect(text((await clients.enschede.get(done!)).body)).toContain('De cijfers van CBS staan in de monitor');
    expect((await clients.enschede.post(done!, { intent: 'apply' })).status).toBe(409);
    expect(audit('refresh.start')).toBe(1);
    expect(audit('refresh.apply')).toBe(1);
    const logboek = text((await clients.regie.get('/w/regio/logboek')).body);
    expect(logboek).toContain('Actualisering bevestigd');
    expect(logboek).toMatch(/CBS 70072ned, CBS 85980NED: 1 herzien, 15 alleen status gewijzigd, 8 nieuw, 0 vervallen/);
  });

  it('who may refresh: redacteur and projectleider; commentator, lezer and beheerder get 403, another workspace 404', async () => {
    const before = state();
    for (const user of ['zorg', 'provincie', 'beheer'] as const) {
      expect((await clients[user].get('/w/regio/analyse/actualiseren')).status, user).toBe(403);
      expect((await clients[user].post('/w/regio/analyse/actualiseren', {})).status, user).toBe(403);
    }
    expect((await clients.hengelo.get('/w/regio/analyse/actualiseren')).status).toBe(404);
    expect((await clients.hengelo.post('/w/regio/analyse/actualiseren', {})).status).toBe(404);
    // The region's refresh is not Hengelo's, even for Hengelo's own redacteur in their own workspace.
    const [{ id }] = sql<{ id: string }>('select id from cbs_refreshes');
    expect((await clients.hengelo.get(`/w/hengelo/analyse/actualiseren/${id}`)).status).toBe(404);
    expect((await clients.hengelo.post(`/w/hengelo/analyse/actualiseren/${id}`, { intent: 'discard' })).status).toBe(404);
    expect((await clients.zorg.get(`/w/regio/analyse/actualiseren/${id}`)).status).toBe(403);
    expect((await clients.regie.get('/w/regio/analyse/actualiseren')).status).toBe(200);
    expect(state()).toEqual(before);
  });

  it('CBS failing in the middle: the refresh fails with CBS’s message and leaves no preview', async () => {
    const before = state();
    const figuresBefore = observations();
    cbs.failNextData(503);
    const { failure } = await refresh();
    expect(failure).toContain('CBS is nu niet bereikbaar (foutcode 503). Probeer het later opnieuw; er is niets veranderd.');
    expect(state()).toEqual(before);
    expect(observations()).toEqual(figuresBefore);
  });

  it('a topic CBS dropped: that indicator is reported, the others are refreshed; discarding changes nothing', async () => {
    cbs.changeColumns(); // 70072ned loses k_80JaarOfOuder_12
    cbs.revise('85980NED', { ...STATUSHOUDERS, RegioS: 'GM0153', Perioden: '2023MM01' }, { TotaalPersonen_1: 4321 });
    const figuresBefore = observations();
    const { done, failure } = await refresh('regie');
    expect(failure).toBe(null);
    const shown = text((await clients.regie.get(done!)).body);
    expect(shown).toContain(
      'Inwoners van 80 jaar of ouder is niet geactualiseerd: De CBS-tabel 70072ned heeft geen onderwerp ‘k_80JaarOfOuder_12’ (meer). Kies de koppeling opnieuw.'
    );
    expect(shown).toMatch(/Statushouders .*1 cijfer herzien/);
    expect(shown).toMatch(/Enschede 2023 [\d.]+ 4\.320 ongewijzigd/); // rounded for the projectleider
    expect(shown).toMatch(/Inwoners .*0 cijfers herzien/);
    const discard = await clients.regie.post(done!, { intent: 'discard' });
    expect(discard.status).toBe(302);
    expect(text((await clients.regie.get(done!)).body)).toContain('Deze actualisering is verworpen; er is niets veranderd.');
    expect(observations()).toEqual(figuresBefore);
    expect(sql("select count(*) as n from data_imports where status = 'voorbeeld'")).toEqual([{ n: 0 }]);
    expect(audit('refresh.discard')).toBe(1);
    expect((await clients.regie.post(done!, { intent: 'apply' })).status).toBe(409);
  });
});
