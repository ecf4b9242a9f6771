import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggest } from '../../app/features/analysis/cbs-import.server.ts';
import {
  CbsError,
  describeCbsTable,
  fetchCbsObservations,
  parseCbsPeriod,
  type CbsCache,
  type CbsConfig,
} from '../../app/features/analysis/cbs.server.ts';
import { cbsUnitProblem } from '../../app/features/analysis/units.ts';
import { parseFilter, startCbsFixtureServer, type CbsFixtureServer } from '../fixtures/cbs/server.ts';

// The client talks real HTTP to a local server that serves CBS tables in CBS's shapes and filters them
// as CBS does (tests/fixtures/cbs).

const TWENTE = ['GM0153', 'GM0164', 'GM1735', 'GM0173', 'GM1774', 'GM0147', 'GM0158', 'GM0168'];
const UNREACHABLE = /^CBS is nu niet bereikbaar \(.+\)\. Probeer het later opnieuw; er is niets veranderd\.$/;

let cbs: CbsFixtureServer;
let config: CbsConfig;

beforeEach(async () => {
  cbs = await startCbsFixtureServer();
  config = { v3BaseUrl: cbs.v3BaseUrl, v4BaseUrl: cbs.v4BaseUrl };
});
afterEach(() => cbs.close());

async function cbsError(promise: Promise<unknown>): Promise<CbsError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(CbsError);
  return error as CbsError;
}

/** A row of a fixture data set, as CBS has it: the truth the client must reproduce. */
function fixtureRow(table: string, where: Record<string, string>): Record<string, unknown> {
  const rows = (
    JSON.parse(readFileSync(new URL(`../fixtures/cbs/v3/${table}/TypedDataSet.json`, import.meta.url), 'utf8')) as {
      value: Array<Record<string, unknown>>;
    }
  ).value;
  const row = rows.find((r) => Object.entries(where).every(([k, v]) => r[k] === v));
  if (!row) throw new Error(`no fixture row ${JSON.stringify(where)}`);
  return row;
}

const dataRequests = () => cbs.requests.filter((url) => /\/(TypedDataSet|Observations)\?/.test(url));
const mapCache = (): CbsCache & { entries: Map<string, string> } => {
  const entries = new Map<string, string>();
  return { entries, get: (url) => entries.get(url), set: (url, body) => void entries.set(url, body) };
};

describe('the fixture server filters as CBS does', () => {
  it('matches eq exactly, padding included, and supports startswith, and, or and parentheses', () => {
    const rows = [{ RegioS: 'NL01  ' }, { RegioS: 'GM0153' }, { RegioS: 'GM0153', Perioden: '2023JJ00' }];
    expect(rows.filter(parseFilter("RegioS eq 'NL01'"))).toEqual([]);
    expect(rows.filter(parseFilter("RegioS eq 'NL01  '"))).toEqual([rows[0]]);
    expect(rows.filter(parseFilter("startswith(RegioS,'NL01')"))).toEqual([rows[0]]);
    expect(rows.filter(parseFilter("(RegioS eq 'NL01  ' or RegioS eq 'GM0153') and Perioden eq '2023JJ00'"))).toEqual([rows[2]]);
    expect(() => parseFilter("RegioS gt 'x'")).toThrow();
  });
});

describe('describeCbsTable', () => {
  it('describes 70072ned with topic groups, units, both the count and the % of each age group, and periods with status', async () => {
    const table = await describeCbsTable(config, '70072NED');
    expect(table.table).toBe('70072ned'); // CBS's own spelling, whatever was typed
    expect(table.version).toBe('v3');
    expect(table.dimensions).toEqual([]);
    const ages = table.topics.filter((t) => t.title === '65 tot 80 jaar');
    expect(ages.map(({ key, unit, path, decimals }) => ({ key, unit, path, decimals }))).toEqual([
      { key: 'k_65Tot80Jaar_11', unit: 'aantal', path: ['Bevolking', 'Leeftijdsgroepen'], decimals: 0 },
      { key: 'k_65Tot80Jaar_20', unit: '%', path: ['Bevolking', 'Leeftijdsgroepen, relatief'], decimals: 1 },
    ]);
    expect(table.geo.regions.find((r) => r.key.startsWith('NL01'))?.key).toBe('NL01  ');
    expect(table.geo.regions.find((r) => r.key.startsWith('GM0164'))).toEqual({
      key: 'GM0164',
      title: 'Hengelo (O.)',
      group: 'Gemeenten',
    });
    expect(table.time.periods.at(-1)).toEqual({
      key: '2024JJ00',
      title: '2024',
      year: 2024,
      type: 'jaar',
      moment: 'JJ00',
      status: 'Voorlopig',
    });
  });

  it('describes 85980NED with the aandachtsgroep and Kenmerken as dimensions, three topics and months as peildata', async () => {
    const table = await describeCbsTable(config, '85980ned');
    expect(table.table).toBe('85980NED');
    expect(table.topics.map((t) => t.title)).toEqual(['Totaal personen', 'Totaal huishoudens', 'Totaal woonruimten']);
    const [groups, kenmerken] = table.dimensions;
    expect(groups!.title).toBe('Aandachtsgroep volkshuisvesting');
    expect(groups!.categories[0]!.title).toBe('Voltijdsstudent: totaal');
    // "Voltijdsstudent: totaal" is a subtotal of students, not the total of all groups: nothing preselected.
    expect(groups!.total).toBe(null);
    expect(kenmerken!.total).toBe('T001038');
    expect(kenmerken!.categories.find((c) => c.key === '3000')?.group).toBe('Geslacht');
    expect(table.time.periods.map((p) => [p.key, p.title, p.type, p.moment])).toContainEqual([
      '2023MM01',
      '2023 januari',
      'maand',
      'MM01',
    ]);
    expect(table.time.periods.find((p) => p.key === '2023MM12')?.status).toBe('Voorlopig');
  });

  it('answers a repeated describe from the cache', async () => {
    const cache = mapCache();
    const first = await describeCbsTable({ ...config, cache }, '70072ned');
    const asked = cbs.requests.length;
    expect(await describeCbsTable({ ...config, cache }, '70072ned')).toEqual(first);
    expect(cbs.requests.length).toBe(asked);
  });

  it('refuses a table name that is not a CBS code, without asking CBS', async () => {
    for (const name of ['', '7007', '70072ned/../x', "70072'ned", 'a'.repeat(13)]) {
      expect((await cbsError(describeCbsTable(config, name))).message).toBe(
        `‘${name}’ is geen geldige CBS-tabelcode. Een tabelcode bestaat uit 5 tot 12 letters en cijfers, zoals 70072ned.`
      );
    }
    expect(cbs.requests).toEqual([]);
  });

  it('says so in Dutch when a table exists neither in v3 nor in v4', async () => {
    const error = await cbsError(describeCbsTable(config, '12345ned'));
    expect(error.message).toBe('De CBS-tabel ‘12345ned’ bestaat niet of is niet openbaar.');
  });
});

describe('fetchCbsObservations from v3', () => {
  it('fetches counts, never the % topic of the same title, with exact codes in the filter', async () => {
    const table = await describeCbsTable(config, '70072ned');
    const observations = await fetchCbsObservations(config, table, {
      series: [
        { topic: 'TotaleBevolking_1', categories: {} },
        { topic: 'k_65Tot80Jaar_11', categories: {} },
      ],
      regionCodes: TWENTE,
      periods: ['2022JJ00', '2023JJ00'],
    });
    expect(observations.length).toBe(32);
    const value = (series: number, region: string, period: string) =>
      observations.find((o) => o.series === series && o.regionCode === region && o.period === period)?.value;
    expect(value(0, 'GM0153', '2022JJ00')).toBe(159732);
    expect(value(1, 'GM0164', '2023JJ00')).toBe(
      fixtureRow('70072ned', { RegioS: 'GM0164', Perioden: '2023JJ00' }).k_65Tot80Jaar_11
    );
    expect(value(1, 'GM0164', '2023JJ00')).toBeGreaterThan(10_000); // a count of people, not a share
    const filter = decodeURIComponent(dataRequests()[0]!);
    expect(filter).toContain("RegioS eq 'GM0153'");
    expect(filter).toContain("Perioden eq '2023JJ00'");
  });

  it('keeps an empty cell as no figure (null), not as 0', async () => {
    const table = await describeCbsTable(config, '70072ned');
    const [observation] = await fetchCbsObservations(config, table, {
      series: [{ topic: 'k_80JaarOfOuder_12', categories: {} }],
      regionCodes: ['GM1774'],
      periods: ['2023JJ00'],
    });
    expect(observation).toEqual({ series: 0, regionCode: 'GM1774', period: '2023JJ00', value: null });
  });

  it('filters 85980NED on the chosen aandachtsgroep and Kenmerken category and a month period', async () => {
    const table = await describeCbsTable(config, '85980NED');
    const observations = await fetchCbsObservations(config, table, {
      series: [
        { topic: 'TotaalPersonen_1', categories: { AandachtsgroepVolkshuisvesting: 'A048821', Kenmerken: 'T001038' } },
        { topic: 'TotaalPersonen_1', categories: { AandachtsgroepVolkshuisvesting: 'A048826', Kenmerken: 'T001038' } },
      ],
      regionCodes: ['GM0153', 'GM0164'],
      periods: ['2023MM01'],
    });
    const of = (series: number, region: string) =>
      observations.find((o) => o.series === series && o.regionCode === region)?.value;
    expect(of(0, 'GM0153')).toBe(
      fixtureRow('85980NED', {
        AandachtsgroepVolkshuisvesting: 'A048821',
        Kenmerken: 'T001038',
        RegioS: 'GM0153',
        Perioden: '2023MM01',
      }).TotaalPersonen_1
    );
    expect(of(1, 'GM0164')).toBe(
      fixtureRow('85980NED', {
        AandachtsgroepVolkshuisvesting: 'A048826',
        Kenmerken: 'T001038',
        RegioS: 'GM0164',
        Perioden: '2023MM01',
      }).TotaalPersonen_1
    );
    expect(of(0, 'GM0153')).not.toBe(
      fixtureRow('85980NED', {
        AandachtsgroepVolkshuisvesting: 'A048817',
        Kenmerken: 'T001038',
        RegioS: 'GM0153',
        Perioden: '2023MM01',
      }).TotaalPersonen_1
    );
    // One request per category combination, each with the dimension filters CBS needs.
    const filters = dataRequests().map((r) => decodeURIComponent(r));
    expect(filters.length).toBe(2);
    expect(
      filters.some((f) => f.includes("AandachtsgroepVolkshuisvesting eq 'A048821'") && f.includes("Kenmerken eq 'T001038'"))
    ).toBe(true);
  });

  it('refuses a series without a category for every dimension, before asking for data', async () => {
    const table = await describeCbsTable(config, '85980NED');
    const error = await cbsError(
      fetchCbsObservations(config, table, {
        series: [{ topic: 'TotaalPersonen_1', categories: { Kenmerken: 'T001038' } }],
        regionCodes: ['GM0153'],
        periods: ['2023MM01'],
      })
    );
    expect(error.message).toContain('Kies voor de CBS-tabel 85980NED ook een categorie van ‘Aandachtsgroep volkshuisvesting’');
    expect(dataRequests()).toEqual([]);
  });

  it('refuses a column the table no longer has, also when the description came from an older cache', async () => {
    const cache = mapCache();
    const table = await describeCbsTable({ ...config, cache }, '70072ned');
    cbs.changeColumns();
    const request = { series: [{ topic: 'k_80JaarOfOuder_12', categories: {} }], regionCodes: TWENTE, periods: ['2023JJ00'] };
    const error = await cbsError(fetchCbsObservations(config, table, request));
    expect(error.message).toBe('De CBS-tabel 70072ned heeft geen kolom ‘k_80JaarOfOuder_12’ (meer). Kies de koppeling opnieuw.');
    const fresh = await describeCbsTable(config, '70072ned');
    expect(fresh.topics.some((t) => t.key === 'k_80JaarOfOuder_12')).toBe(false);
  });
});

describe('the 10,000-record limit of the ODataApi', () => {
  it('splits a wide request so that none asks CBS for more than 10,000 records, and gets every figure', async () => {
    const table = await describeCbsTable(config, '37230ned');
    const regions = table.geo.regions.map((r) => r.key);
    const periods = table.time.periods.map((p) => p.key);
    expect(regions.length * periods.length).toBe(156_000);
    let progress = 0;
    const observations = await fetchCbsObservations(
      { ...config, concurrency: 4 },
      table,
      { series: [{ topic: 'BevolkingAanHetBeginVanDePeriode_1', categories: {} }], regionCodes: regions, periods },
      (done) => (progress = done)
    );
    expect(observations.length).toBe(156_000);
    expect(Math.max(...cbs.dataRecords)).toBeLessThanOrEqual(10_000);
    expect(progress).toBe(cbs.dataRecords.length);
    const o = observations.find((x) => x.regionCode === 'GM0007' && x.period === '1995MM01');
    expect(o?.value).toBe(10_000 + 6 * 100 + 1);
  });

  it('splits further when CBS refuses with its HTTP 500 "more than 10000 records"', async () => {
    cbs.setRecordLimit(5);
    const table = await describeCbsTable(config, '70072ned');
    const observations = await fetchCbsObservations(config, table, {
      series: [{ topic: 'TotaleBevolking_1', categories: {} }],
      regionCodes: TWENTE,
      periods: ['2022JJ00', '2023JJ00'],
    });
    expect(observations.length).toBe(16);
    expect(observations.find((o) => o.regionCode === 'GM0153' && o.period === '2022JJ00')?.value).toBe(159732);
    expect(cbs.dataRecords.some((n) => n > 5)).toBe(true); // refused at first
  });

  it('says "te groot", not "niet bereikbaar", when even the smallest request is refused', async () => {
    cbs.setRecordLimit(0);
    const table = await describeCbsTable(config, '70072ned');
    const error = await cbsError(
      fetchCbsObservations(config, table, {
        series: [{ topic: 'TotaleBevolking_1', categories: {} }],
        regionCodes: ['GM0153'],
        periods: ['2023JJ00'],
      })
    );
    expect(error.message).toMatch(/^De gevraagde gegevens uit CBS-tabel 70072ned zijn te groot om op te halen/);
    expect(error.message).not.toMatch(/niet bereikbaar/);
  });
});

describe('fetchCbsObservations from v4', () => {
  it('uses v4 for a table that v3 does not know, follows next links, and keeps Confidential cells as no figure', async () => {
    cbs.setV4PageSize(3);
    const table = await describeCbsTable(config, '85999NED');
    expect(table.version).toBe('v4');
    expect(table.topics.map((t) => [t.key, t.path])).toEqual([
      ['M000352', ['Bevolking']],
      ['M001234', ['Bevolking']],
    ]);
    expect(table.time.periods.find((p) => p.key === '2023JJ00')?.status).toBe('Voorlopig');
    const observations = await fetchCbsObservations(config, table, {
      series: [{ topic: 'M001234', categories: {} }],
      regionCodes: TWENTE,
      periods: ['2022JJ00', '2023JJ00'],
    });
    expect(observations.length).toBe(16);
    expect(observations.find((o) => o.regionCode === 'GM0173' && o.period === '2022JJ00')?.value).toBe(null);
    expect(observations.find((o) => o.regionCode === 'GM0153' && o.period === '2022JJ00')?.value).toBe(
      Math.round(159732 * 0.082)
    );
    expect(dataRequests().length).toBeGreaterThan(1); // followed @odata.nextLink
  });
});

describe('presets and units', () => {
  const indicators = [
    { id: 'bevolking', name: 'Inwoners', unit: 'aantal' as const },
    { id: 'ouderen-65-80', name: 'Inwoners van 65 tot 80 jaar', unit: 'aantal' as const },
    { id: 'statushouders', name: 'Statushouders met woonbehoefte', unit: 'aantal' as const },
    { id: 'uitstroom-mo-bw', name: 'Uitstroom uit MO/BW', unit: 'aantal' as const },
  ];

  it('suggests the count of 65–80, never its share, for a count indicator', async () => {
    const { moment, links } = suggest(await describeCbsTable(config, '70072ned'), indicators);
    expect(moment).toBe('JJ00');
    expect(links.find((l) => l.indicatorId === 'ouderen-65-80')?.topic).toBe('k_65Tot80Jaar_11');
  });

  it('suggests the statushouders and uitstroom categories of 85980NED on 1 januari, with Kenmerken on its total', async () => {
    const { moment, links } = suggest(await describeCbsTable(config, '85980NED'), indicators);
    expect(moment).toBe('MM01');
    expect(links).toEqual([
      {
        indicatorId: 'statushouders',
        topic: 'TotaalPersonen_1',
        categories: { AandachtsgroepVolkshuisvesting: 'A048821', Kenmerken: 'T001038' },
      },
      {
        indicatorId: 'uitstroom-mo-bw',
        topic: 'TotaalPersonen_1',
        categories: { AandachtsgroepVolkshuisvesting: 'A048826', Kenmerken: 'T001038' },
      },
    ]);
  });

  it('refuses a % topic for a count indicator, naming both units', () => {
    const problem = cbsUnitProblem(
      { key: 'k_65Tot80Jaar_20', title: '65 tot 80 jaar', unit: '%', datatype: 'Double' },
      { name: 'Inwoners van 65 tot 80 jaar', unit: 'aantal' }
    );
    expect(problem).toBe(
      'De CBS-kolom ‘65 tot 80 jaar’ (k_65Tot80Jaar_20) is in ‘%’; de indicator ‘Inwoners van 65 tot 80 jaar’ is in ‘aantal’. Kies een kolom in ‘aantal’.'
    );
    expect(
      cbsUnitProblem({ key: 'x', title: 'x', unit: 'x 1 000', datatype: 'Double' }, { name: 'Inwoners', unit: 'aantal' })
    ).toMatch(/x 1 000/);
    expect(cbsUnitProblem({ key: 'x', title: 'x', unit: 'aantal', datatype: 'Long' }, { name: 'Inwoners', unit: 'aantal' })).toBe(
      null
    );
  });
});

describe('when CBS does not answer well', () => {
  it('reports a server error in Dutch', async () => {
    cbs.failNext(500);
    const error = await cbsError(describeCbsTable(config, '70072ned'));
    expect(error.message).toBe('CBS is nu niet bereikbaar (foutcode 500). Probeer het later opnieuw; er is niets veranderd.');
  });

  it('reports an answer that is not JSON', async () => {
    cbs.failNext(200);
    expect((await cbsError(describeCbsTable(config, '70072ned'))).message).toMatch(UNREACHABLE);
  });

  it('reports a refused connection', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const base = `http://127.0.0.1:${port}`;
    const error = await cbsError(describeCbsTable({ v3BaseUrl: `${base}/v3`, v4BaseUrl: `${base}/v4` }, '70072ned'));
    expect(error.message).toBe('CBS is nu niet bereikbaar (geen verbinding). Probeer het later opnieuw; er is niets veranderd.');
  });

  it('gives up after the timeout', async () => {
    const silent = createHttpServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const error = await cbsError(describeCbsTable({ v3BaseUrl: base, v4BaseUrl: base, timeoutMs: 200 }, '70072ned'));
      expect(error.message).toBe(
        'CBS is nu niet bereikbaar (geen antwoord op tijd). Probeer het later opnieuw; er is niets veranderd.'
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('parseCbsPeriod', () => {
  it('reads years, half-years, quarters and months, and the moment of the year', () => {
    expect(parseCbsPeriod('2023JJ00')).toEqual({ year: 2023, type: 'jaar', moment: 'JJ00' });
    expect(parseCbsPeriod('2023HJ02')).toEqual({ year: 2023, type: 'halfjaar', moment: 'HJ02' });
    expect(parseCbsPeriod('2023KW01')).toEqual({ year: 2023, type: 'kwartaal', moment: 'KW01' });
    expect(parseCbsPeriod('2023MM01 ')).toEqual({ year: 2023, type: 'maand', moment: 'MM01' });
    expect(parseCbsPeriod('2023X000')).toEqual({ year: 2023, type: 'overig', moment: 'X000' });
    expect(parseCbsPeriod('2023')).toBe(null);
  });
});
