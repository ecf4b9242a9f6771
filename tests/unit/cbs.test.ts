import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CbsError,
  describeCbsTable,
  fetchCbsObservations,
  parseCbsPeriod,
  type CbsCache,
  type CbsConfig,
} from '../../app/analysis/cbs.server.ts';
import { startCbsFixtureServer, type CbsFixtureServer } from '../fixtures/cbs/server.ts';

// The client talks real HTTP to a local server that plays back CBS answers from tests/fixtures/cbs.

const TWENTE = ['GM0153', 'GM0164', 'GM1735', 'GM0173', 'GM1774', 'GM0147', 'GM0158', 'GM0168'];
const YEARS = [2022, 2023];
const POPULATION_65_80 = ['TotaleBevolking_1', 'k_65Tot80Jaar_20', 'k_80JaarOfOuder_21'];
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

const requestsFor = (resource: string) => cbs.requests.filter((url) => url.split('?')[0].endsWith(`/${resource}`));
const mapCache = (): CbsCache & { entries: Map<string, string> } => {
  const entries = new Map<string, string>();
  return { entries, get: (url) => entries.get(url), set: (url, body) => void entries.set(url, body) };
};

describe('describeCbsTable', () => {
  it('describes a v3 table by its topics', async () => {
    const table = await describeCbsTable(config, '70072ned');
    expect(table).toEqual({
      table: '70072ned',
      version: 'v3',
      title: 'Regionale kerncijfers Nederland',
      modified: '2024-11-29T02:00:00',
      measures: [
        {
          key: 'TotaleBevolking_1',
          title: 'Totale bevolking',
          unit: 'aantal',
          description: 'De bevolking op 1 januari van het betreffende jaar, ingeschreven in de Basisregistratie Personen (BRP).',
        },
        {
          key: 'k_65Tot80Jaar_20',
          title: '65 tot 80 jaar',
          unit: 'aantal',
          description: 'Bevolking van 65 tot 80 jaar op 1 januari.',
        },
        {
          key: 'k_80JaarOfOuder_21',
          title: '80 jaar of ouder',
          unit: 'aantal',
          description: 'Bevolking van 80 jaar of ouder op 1 januari.',
        },
      ],
    });
  });

  it('answers a repeated describe from the cache', async () => {
    const cache = mapCache();
    const first = await describeCbsTable({ ...config, cache }, '70072ned');
    expect(cbs.requests).toHaveLength(2);
    expect(cache.entries.size).toBe(2);
    expect(await describeCbsTable({ ...config, cache }, '70072ned')).toEqual(first);
    expect(cbs.requests).toHaveLength(2);
  });

  it('refuses a table name that is not a CBS code, without asking CBS', async () => {
    for (const name of ['../x', '70072ned/../x', 'abc', "70072ned' or 1", '']) {
      expect((await cbsError(describeCbsTable(config, name))).message).toBe(
        `‘${name}’ is geen geldige CBS-tabelcode. Een tabelcode bestaat uit 5 tot 12 letters en cijfers, zoals 70072ned.`
      );
    }
    const table = await describeCbsTable(config, '70072ned');
    const request = { measures: ['TotaleBevolking_1'], regionCodes: ['GM0153'], years: [2023] };
    await cbsError(fetchCbsObservations(config, { ...table, table: '../x' }, request));
    expect(cbs.requests.some((url) => url.includes('..'))).toBe(false);
  });

  it('says so in Dutch when a table exists neither in v3 nor in v4', async () => {
    const error = await cbsError(describeCbsTable(config, '12345ned'));
    expect(error.message).toBe('De CBS-tabel ‘12345ned’ bestaat niet of is niet openbaar.');
    expect(cbs.requests).toEqual(['/ODataApi/odata/12345ned/TableInfos', '/odata/v1/CBS/12345ned/Properties']);
  });
});

describe('fetchCbsObservations from v3', () => {
  it('fetches 8 gemeenten × 2 years over two pages, with trimmed codes and years as periods', async () => {
    const table = await describeCbsTable(config, '70072ned');
    const pages: number[] = [];
    const observations = await fetchCbsObservations(
      config,
      table,
      { measures: POPULATION_65_80, regionCodes: TWENTE, years: YEARS },
      (done) => pages.push(done)
    );

    // 16 rows × 3 columns, minus the one null (80+ in Dinkelland 2023): CBS has no figure there.
    expect(observations).toHaveLength(47);
    expect(pages).toEqual([1, 2]);
    expect(new Set(observations.map((o) => o.regionCode))).toEqual(new Set(TWENTE));
    expect(new Set(observations.map((o) => o.period))).toEqual(new Set(['2022', '2023']));
    expect(observations).toContainEqual({ measure: 'TotaleBevolking_1', regionCode: 'GM0153', period: '2023', value: 161303 });
    expect(observations).toContainEqual({ measure: 'k_65Tot80Jaar_20', regionCode: 'GM0168', period: '2022', value: 4450 });
    expect(observations.find((o) => o.regionCode === 'GM1774' && o.period === '2023' && o.measure === 'k_80JaarOfOuder_21')).toBe(
      undefined
    );

    const [first, second] = requestsFor('TypedDataSet').map(decodeURIComponent);
    expect(first).toContain("$filter=(startswith(RegioS,'GM0153') or startswith(RegioS,'GM0164') or ");
    expect(first).toContain("(Perioden eq '2022JJ00' or Perioden eq '2023JJ00')");
    expect(first).toContain('$select=ID,RegioS,Perioden,TotaleBevolking_1,k_65Tot80Jaar_20,k_80JaarOfOuder_21');
    expect(second).toMatch(/\$skip=8$/);
  });

  it('filters every other dimension on its total category', async () => {
    const table = await describeCbsTable(config, '85980NED');
    expect(table.measures.map((m) => m.key)).toEqual([
      'Statushouders_1',
      'DakEnThuislozen_2',
      'UitstroomMOBW_3',
      'Ouderen75Plus_4',
    ]);
    const observations = await fetchCbsObservations(config, table, {
      measures: ['Statushouders_1', 'Ouderen75Plus_4'],
      regionCodes: TWENTE,
      years: YEARS,
    });
    expect(observations).toHaveLength(32);
    expect(requestsFor('Huishoudsamenstelling')).toHaveLength(1);
    // 'Totaal huishoudens' is not the first category in the fixture: the title decides, not the order.
    expect(decodeURIComponent(requestsFor('TypedDataSet')[0])).toContain("Huishoudsamenstelling eq 'T001139'");
  });

  it('refuses a column the table no longer has, before asking for data', async () => {
    const table = await describeCbsTable(config, '70072ned');
    cbs.changeColumns();
    const error = await cbsError(
      fetchCbsObservations(config, table, { measures: POPULATION_65_80, regionCodes: TWENTE, years: YEARS })
    );
    expect(error.message).toBe('De CBS-tabel 70072ned heeft geen kolom ‘k_80JaarOfOuder_21’ (meer). Kies de koppeling opnieuw.');
    expect(requestsFor('TypedDataSet')).toEqual([]);
  });

  it('refuses a data row without the column, when the description came from an older cache', async () => {
    const cache = mapCache();
    const table = await describeCbsTable({ ...config, cache }, '70072ned');
    cbs.changeColumns();
    const error = await cbsError(
      fetchCbsObservations({ ...config, cache }, table, { measures: POPULATION_65_80, regionCodes: TWENTE, years: YEARS })
    );
    expect(error.message).toBe('De CBS-tabel 70072ned heeft geen kolom ‘k_80JaarOfOuder_21’ (meer). Kies de koppeling opnieuw.');
    expect(requestsFor('TypedDataSet')).toHaveLength(1);
  });
});

describe('fetchCbsObservations from v4', () => {
  it('uses v4 for a table that v3 does not know, following the next page', async () => {
    const table = await describeCbsTable(config, '85999NED');
    expect(table).toMatchObject({ table: '85999NED', version: 'v4', modified: '2025-01-31T02:00:00Z' });
    expect(table.measures.map((m) => [m.key, m.title, m.unit])).toEqual([
      ['M000352', 'Totale bevolking', 'aantal'],
      ['M001234', 'Inwoners van 75 jaar of ouder', 'aantal'],
    ]);

    const pages: number[] = [];
    const observations = await fetchCbsObservations(
      config,
      table,
      { measures: ['M000352', 'M001234'], regionCodes: TWENTE, years: YEARS },
      (done) => pages.push(done)
    );
    // 8 × 2 × 2, minus one value marked 'Impossible' (null).
    expect(observations).toHaveLength(31);
    expect(pages).toEqual([1, 2]);
    expect(observations).toContainEqual({ measure: 'M000352', regionCode: 'GM0153', period: '2023', value: 161303 });
    expect(requestsFor('TypedDataSet')).toEqual([]);
    const [first, second] = requestsFor('Observations').map(decodeURIComponent);
    expect(first).toContain("(RegioS eq 'GM0153' or RegioS eq 'GM0164' or ");
    expect(first).toContain("(Measure eq 'M000352' or Measure eq 'M001234')");
    expect(second).toMatch(/\$skip=16$/);
  });

  it('keeps only the measures asked for', async () => {
    const table = await describeCbsTable(config, '85999NED');
    const observations = await fetchCbsObservations(config, table, {
      measures: ['M001234'],
      regionCodes: ['GM0153'],
      years: [2023],
    });
    expect(observations).toEqual([{ measure: 'M001234', regionCode: 'GM0153', period: '2023', value: 13227 }]);
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
  it('reads years and keeps other periods raw', () => {
    expect(parseCbsPeriod('2023JJ00')).toEqual({ year: 2023, code: '2023', yearly: true });
    expect(parseCbsPeriod('2023KW01')).toEqual({ year: 2023, code: '2023KW01', yearly: false });
    expect(parseCbsPeriod('2023MM01 ')).toEqual({ year: 2023, code: '2023MM01', yearly: false });
    expect(parseCbsPeriod('2023')).toBe(null);
  });
});
