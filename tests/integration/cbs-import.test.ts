import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCbsFixtureServer, type CbsFixtureServer } from '../fixtures/cbs/server.ts';
import { analysisPages, STATUSHOUDERS, UITSTROOM } from '../helpers/analysis.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// CBS imports through the pages, against a fixture server that serves CBS tables in their real shapes
// and filters them as CBS does (tests/fixtures/cbs). A server and database of their own.
let cbs: CbsFixtureServer;
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;

const { sql, count, state, confirm, startCbs, importCbs, upload, figure } = analysisPages(() => server, clients);

beforeAll(async () => {
  cbs = await startCbsFixtureServer();
  server = await startServer({ CBS_ODATA_V3_URL: cbs.v3BaseUrl, CBS_ODATA_V4_URL: cbs.v4BaseUrl });
  for (const user of ['enschede', 'hengelo'] as const) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await cbs?.close();
});

describe('CBS import, against CBS tables in their real shape', () => {
  it('describes 70072ned with presets that take the count of each age group, never its share', async () => {
    const reply = await clients.enschede.get('/w/regio/analyse/import/cbs?tabel=70072NED');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Regionale kerncijfers Nederland');
    expect(reply.body).toMatch(/name="onderwerp:bevolking"[^>]*>.*?<option value="TotaleBevolking_1" selected=""/s);
    expect(reply.body).toMatch(/name="onderwerp:ouderen-65-80"[^>]*>.*?<option value="k_65Tot80Jaar_11" selected=""/s);
    // The % topics are not even offered for a count indicator.
    expect(reply.body).not.toMatch(/<option value="k_65Tot80Jaar_20"/);
  });

  it('imports 70072ned into a preview with peildatum and status, and nothing changes until it is confirmed', async () => {
    const { preview } = await importCbs('70072ned', {
      bevolking: { topic: 'TotaleBevolking_1' },
      'ouderen-65-80': { topic: 'k_65Tot80Jaar_11' },
      'ouderen-80-plus': { topic: 'k_80JaarOfOuder_12' },
    });
    expect(count('observations')).toBe(0);
    const page = await clients.enschede.get(preview!);
    // 8 gemeenten × 2 years × 3 indicators, less one cell CBS leaves empty (Dinkelland, 80+, 2023).
    expect(page.body).toMatch(/<strong>47<\/strong>.*cijfers in het bestand/s);
    expect(page.body.replaceAll('<!-- -->', '')).toMatch(/<strong>1<\/strong> cel zonder gegeven overgeslagen/);
    await confirm('enschede', preview!);
    expect(count('observations')).toBe(47);
    expect(figure('bevolking', 'enschede', '2022', 'CBS 70072ned')).toBe(159732);
    const ouderen = figure('ouderen-65-80', 'hengelo', '2023', 'CBS 70072ned')!;
    expect(Number.isInteger(ouderen) && ouderen > 10_000).toBe(true); // a count, not "15" per cent
    const [row] = sql<{ peildatum: string; status: string }>(
      "select peildatum, status from observations where indicator_id = 'bevolking' and period = '2023' limit 1"
    );
    expect(row).toEqual({ peildatum: '2023', status: 'Definitief' });
  });

  it('refuses a % topic for a count indicator, with both units named, and changes nothing', async () => {
    const before = state();
    const reply = await startCbs('70072ned', { 'ouderen-65-80': { topic: 'k_65Tot80Jaar_20' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(
      'De CBS-kolom ‘65 tot 80 jaar’ (k_65Tot80Jaar_20) is in ‘%’; de indicator ‘Inwoners van 65 tot 80 jaar’ is in ‘aantal’.'
    );
    expect(state()).toEqual(before);
  });

  it('the other casing of a table id is the same source: a re-import replaces, it does not add', async () => {
    const { preview } = await importCbs('70072NED', { bevolking: { topic: 'TotaleBevolking_1' } });
    await confirm('enschede', preview!);
    const sources = sql<{ source: string }>("select distinct source from observations where indicator_id = 'bevolking'");
    expect(sources).toEqual([{ source: 'CBS 70072ned' }]);
    expect(sql<{ n: number }>("select count(*) as n from observations where indicator_id = 'bevolking'")[0]!.n).toBe(16);
  });

  it('imports 85980NED per aandachtsgroep on 1 januari: statushouders are statushouders, not students', async () => {
    const reply = await clients.enschede.get('/w/regio/analyse/import/cbs?tabel=85980ned');
    expect(reply.body).toMatch(/name="moment"[^>]*>.*?<option value="MM01" selected=""/s);
    expect(reply.body).toMatch(
      /name="categorie:statushouders:AandachtsgroepVolkshuisvesting"[^>]*>.*?<option value="A048821" selected=""/s
    );
    const { preview, failure } = await importCbs(
      '85980NED',
      {
        statushouders: { topic: 'TotaalPersonen_1', categories: STATUSHOUDERS },
        'uitstroom-mo-bw': { topic: 'TotaalPersonen_1', categories: UITSTROOM },
      },
      { moment: 'MM01', from: '2022', to: '2023' }
    );
    expect(failure).toBe(null);
    await confirm('enschede', preview!);
    const cbsValue = (group: string, region: string, period: string) =>
      (
        JSON.parse(readFileSync(new URL('../fixtures/cbs/v3/85980NED/TypedDataSet.json', import.meta.url), 'utf8')) as {
          value: Array<Record<string, unknown>>;
        }
      ).value.find(
        (r) =>
          r.AandachtsgroepVolkshuisvesting === group && r.Kenmerken === 'T001038' && r.RegioS === region && r.Perioden === period
      )!.TotaalPersonen_1;
    expect(figure('statushouders', 'enschede', '2023', 'CBS 85980NED')).toBe(cbsValue('A048821', 'GM0153', '2023MM01'));
    expect(figure('uitstroom-mo-bw', 'hengelo', '2022', 'CBS 85980NED')).toBe(cbsValue('A048826', 'GM0164', '2022MM01'));
    const [row] = sql<{ peildatum: string }>(
      "select peildatum from observations where indicator_id = 'statushouders' and period = '2023' limit 1"
    );
    expect(row!.peildatum).toBe('2023 januari');
    // The monitor says what each figure is: table, topic, categories, peildatum and when it was fetched.
    const monitor = await clients.enschede.get('/w/regio/analyse?groep=statushouders&periode=2023');
    expect(monitor.body.replaceAll('<!-- -->', '')).toMatch(
      /CBS 85980NED: Totaal personen; Aandachtsgroep volkshuisvesting: Statushouder: totaal; Kenmerken: Totaal, peildatum 2023 januari, opgehaald \d\d-\d\d-\d{4}/
    );
    const requests = cbs.requests.map((r) => decodeURIComponent(r)).filter((r) => r.includes('85980NED/TypedDataSet'));
    expect(requests.every((r) => r.includes("Kenmerken eq 'T001038'") && r.includes("Perioden eq '2023MM01'"))).toBe(true);
  });

  it('refuses a link without a category for the aandachtsgroep, and changes nothing', async () => {
    const before = state();
    const reply = await startCbs(
      '85980NED',
      { statushouders: { topic: 'TotaalPersonen_1', categories: { Kenmerken: 'T001038' } } },
      { moment: 'MM01' }
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('Kies bij ‘Statushouders’ een categorie van ‘Aandachtsgroep volkshuisvesting’.');
    expect(state()).toEqual(before);
  });

  it('a column that changed at CBS, an unknown table, CBS being down or too large: a clear Dutch message and nothing changed', async () => {
    const before = state();
    cbs.changeColumns();
    const changed = await importCbs(
      '70072ned',
      { bevolking: { topic: 'TotaleBevolking_1' }, 'ouderen-80-plus': { topic: 'k_80JaarOfOuder_12' } },
      {
        from: '2020',
        to: '2021',
      }
    );
    expect(changed.failure).toContain('De CBS-tabel 70072ned heeft geen kolom ‘k_80JaarOfOuder_12’ (meer)');
    const unknown = await clients.enschede.get('/w/regio/analyse/import/cbs?tabel=99999NED');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('bestaat niet of is niet openbaar');
    cbs.failNext(503);
    const down = await clients.enschede.get('/w/regio/analyse/import/cbs?tabel=abcde');
    expect(down.body).toContain('CBS is nu niet bereikbaar');
    const bad = await clients.enschede.get('/w/regio/analyse/import/cbs?tabel=../etc');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Een CBS-tabelnummer bestaat uit 5 tot 12 letters en cijfers');
    cbs.setRecordLimit(0);
    const large = await importCbs(
      '85980NED',
      { statushouders: { topic: 'TotaalPersonen_1', categories: STATUSHOUDERS } },
      { moment: 'MM12', from: '2022', to: '2023' }
    );
    cbs.setRecordLimit(10_000);
    expect(large.failure).toContain('te groot om op te halen');
    expect(large.failure).not.toContain('niet bereikbaar');
    expect(state()).toEqual(before);
  });
});

describe('the CBS form refuses what it cannot mean, in Dutch, changing nothing', () => {
  it('no period type, years out of range, an unknown indicator, one indicator linked twice', async () => {
    const before = state();
    const send = (form: URLSearchParams) => clients.enschede.post('/w/regio/analyse/import/cbs', form);
    const base = () =>
      new URLSearchParams({ table: '70072ned', from: '2022', to: '2023', 'onderwerp:bevolking': 'TotaleBevolking_1' });
    const noMoment = await send(base());
    expect(noMoment.status).toBe(400);
    expect(noMoment.body).toContain('Kies een soort periode.');
    const years = base();
    years.set('moment', 'JJ00');
    years.set('from', '1800');
    years.set('to', '99999');
    const badYears = await send(years);
    expect(badYears.body).toContain('Vul bij ‘Vanaf jaar’ een jaar vanaf 1900 in.');
    expect(badYears.body).toContain('Vul bij ‘Tot en met jaar’ een jaar tot en met 2100 in.');
    const unknown = base();
    unknown.set('moment', 'JJ00');
    unknown.set('onderwerp:bestaat-niet', 'TotaleBevolking_1');
    expect((await send(unknown)).body).toContain('Deze indicatoren bestaan niet: ‘bestaat-niet’.');
    const twice = base();
    twice.set('moment', 'JJ00');
    twice.append('onderwerp:bevolking', 'TotaalAantalParticuliereHuishoudens_82');
    expect((await send(twice)).body).toContain('De indicator ‘Inwoners’ is twee keer gekoppeld; koppel hem één keer.');
    expect(state()).toEqual(before);
  });
});

describe('a gemeente’s own imports are its own', () => {
  const table = async () =>
    (await clients.enschede.get('/w/regio/analyse?periode=2023')).body.match(
      /<table[^>]*data-testid="monitor-table"[\s\S]*?<\/table>/
    )![0];

  it('a gemeente’s CBS import, of another table or the same one in other casing, changes nothing the region shows', async () => {
    const before = await table();
    const regionFigure = () =>
      sql<{ value: number }>(
        "select value from observations where indicator_id = 'bevolking' and period = '2023' and source = 'CBS 70072ned' and workspace_id = (select id from workspaces where slug = 'hengelo') and imported_by = (select id from workspaces where slug = 'regio')"
      )[0]?.value;
    const regionHengelo = regionFigure();
    expect(regionHengelo).toBeGreaterThan(80_000);
    // Hengelo feeds "Inwoners" with statushouders from 85980NED, and with 65–80 from 70072NED.
    for (const [name, links, period] of [
      ['85980NED', { bevolking: { topic: 'TotaalPersonen_1', categories: STATUSHOUDERS } }, { moment: 'MM01' }],
      ['70072NED', { bevolking: { topic: 'k_65Tot80Jaar_11' } }, {}],
    ] as const) {
      const { preview } = await importCbs(name, links, { ...period, from: '2023', to: '2023' }, 'hengelo', 'hengelo');
      await confirm('hengelo', preview!);
    }
    // The region's figure is still there, and the region's monitor is the same to the last cell.
    expect(regionFigure()).toBe(regionHengelo);
    expect(
      sql<{ n: number }>(
        "select count(*) as n from observations where indicator_id = 'bevolking' and source = 'CBS 70072ned'"
      )[0]!.n
    ).toBe(17);
    expect(await table()).toBe(before);
  });

  it('a gemeente’s CSV under the region’s source name neither replaces nor hides the region’s figure', async () => {
    const regional = await upload(
      'enschede',
      [
        'gemeente;indicator;periode;waarde',
        'GM0153;taakstelling-statushouders;2023;210',
        'GM0164;taakstelling-statushouders;2023;110',
      ].join('\n'),
      'Eigen model'
    );
    await confirm('enschede', regional.location!);
    const before = await table();
    const own = await upload(
      'hengelo',
      'gemeente;indicator;periode;waarde\nGM0164;taakstelling-statushouders;2023;4',
      'Eigen model',
      'hengelo'
    );
    await confirm('hengelo', own.location!);
    const rows = sql<{ value: number; imported_by: string }>(
      "select value, imported_by from observations where indicator_id = 'taakstelling-statushouders' and source = 'Eigen model' and workspace_id = ? order by value",
      sql<{ id: string }>("select id from workspaces where slug = 'hengelo'")[0]!.id
    );
    expect(rows.map((r) => r.value)).toEqual([4, 110]); // both kept, each its importer's
    expect(await table()).toBe(before);
  });
});
