import { z } from 'zod';

// A small client for CBS StatLine open data: OData v3 (opendata.cbs.nl) and, for tables that only exist
// there, OData v4 (datasets.cbs.nl). The message of every CbsError is shown to end users as is.

export interface CbsCache {
  get(url: string): string | undefined;
  set(url: string, body: string): void;
}

export interface CbsConfig {
  v3BaseUrl: string;
  v4BaseUrl: string;
  cache?: CbsCache;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const DEFAULT_CBS_CONFIG: Pick<CbsConfig, 'v3BaseUrl' | 'v4BaseUrl'> = {
  v3BaseUrl: process.env.CBS_ODATA_V3_URL || 'https://opendata.cbs.nl/ODataApi/odata',
  v4BaseUrl: process.env.CBS_ODATA_V4_URL || 'https://datasets.cbs.nl/odata/v1/CBS',
};

export interface CbsMeasure {
  key: string;
  title: string;
  unit: string;
  description: string;
}

export interface CbsTable {
  table: string;
  version: 'v3' | 'v4';
  title: string;
  modified: string | null;
  measures: CbsMeasure[];
}

export interface CbsObservation {
  measure: string;
  regionCode: string;
  period: string;
  value: number;
}

export interface CbsObservationRequest {
  measures: string[];
  regionCodes: string[];
  years: number[];
}

export class CbsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CbsError';
  }
}

const TABLE_NAME = /^[0-9A-Za-z]{5,12}$/;
const DEFAULT_TIMEOUT_MS = 30_000;
// CBS pages at 10,000 cells; a thousand pages is far beyond any sensible import, so more means a loop.
const MAX_PAGES = 1000;

const message = {
  invalidName: (table: string) =>
    `‘${table}’ is geen geldige CBS-tabelcode. Een tabelcode bestaat uit 5 tot 12 letters en cijfers, zoals 70072ned.`,
  notFound: (table: string) => `De CBS-tabel ‘${table}’ bestaat niet of is niet openbaar.`,
  unreachable: (reason: string) => `CBS is nu niet bereikbaar (${reason}). Probeer het later opnieuw; er is niets veranderd.`,
  missingColumns: (table: string, columns: string[]) =>
    `De CBS-tabel ${table} heeft geen ${columns.length === 1 ? 'kolom' : 'kolommen'} ${columns
      .map((c) => `‘${c}’`)
      .join(', ')} (meer). Kies de koppeling opnieuw.`,
  noRegionOrPeriod: (table: string) =>
    `De CBS-tabel ${table} heeft geen indeling naar regio en periode en is daarom niet te gebruiken.`,
  tooLarge: (table: string) =>
    `De gevraagde gegevens uit CBS-tabel ${table} zijn te groot om op te halen. Kies minder gemeenten, jaren of kolommen.`,
};

// Only the fields this module reads; CBS sends many more, and zod drops them.
const list = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item) });
const v3TableInfos = list(z.object({ Title: z.string(), Modified: z.string().nullish() }));
const v3DataProperties = list(
  z.object({
    Type: z.string(),
    Key: z.string(),
    Title: z.string(),
    Description: z.string().nullish(),
    Unit: z.string().nullish(),
  })
);
const v3Categories = list(z.object({ Key: z.string(), Title: z.string() }));
const v4Properties = z.object({ Title: z.string(), Modified: z.string().nullish() });
const v4MeasureCodes = list(
  z.object({
    Identifier: z.string(),
    Title: z.string(),
    Description: z.string().nullish(),
    Unit: z.string().nullish(),
    Index: z.number().nullish(),
  })
);
const v4Dimensions = list(z.object({ Identifier: z.string(), Kind: z.string() }));
const v4Codes = list(z.object({ Identifier: z.string(), Title: z.string() }));
const dataPage = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  'odata.nextLink': z.string().optional(),
  '@odata.nextLink': z.string().optional(),
});

const base = (url: string) => url.replace(/\/+$/, '');

function assertTableName(table: string): void {
  if (!TABLE_NAME.test(table)) throw new CbsError(message.invalidName(table));
}

/** GET through the cache. Resolves undefined for a 404: only the caller knows what that means. */
async function getJson<T>(config: CbsConfig, url: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const cached = config.cache?.get(url);
  let body = cached;
  if (body === undefined) {
    let response: Response;
    try {
      response = await (config.fetch ?? fetch)(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      body = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new CbsError(message.unreachable(timedOut ? 'geen antwoord op tijd' : 'geen verbinding'), { cause: error });
    }
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new CbsError(message.unreachable(`foutcode ${response.status}`));
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new CbsError(message.unreachable('onleesbaar antwoord'), { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CbsError(message.unreachable('onverwacht antwoord'), { cause: parsed.error });
  if (cached === undefined) config.cache?.set(url, body);
  return parsed.data;
}

/** GET a resource of a table that must exist: a 404 means the table is gone. */
async function getTableJson<T>(config: CbsConfig, table: string, url: string, schema: z.ZodType<T>): Promise<T> {
  const result = await getJson(config, url, schema);
  if (result === undefined) throw new CbsError(message.notFound(table));
  return result;
}

/** The table's columns as CBS describes them now, which may differ from when the link was made. */
interface Structure {
  measures: CbsMeasure[];
  geoKey: string;
  timeKey: string;
  /** Plain dimensions: neither region nor period. */
  dimensions: string[];
}

async function loadStructure(config: CbsConfig, version: 'v3' | 'v4', table: string): Promise<Structure> {
  const text = (value: string | null | undefined) => value?.trim() ?? '';
  let measures: CbsMeasure[];
  let dimensions: { key: string; kind: string }[];
  if (version === 'v3') {
    const properties = (await getTableJson(config, table, `${base(config.v3BaseUrl)}/${table}/DataProperties`, v3DataProperties))
      .value;
    measures = properties
      .filter((p) => p.Type === 'Topic')
      .map((p) => ({ key: p.Key, title: text(p.Title), unit: text(p.Unit), description: text(p.Description) }));
    dimensions = properties.map((p) => ({ key: p.Key, kind: p.Type }));
  } else {
    const root = `${base(config.v4BaseUrl)}/${table}`;
    const codes = (await getTableJson(config, table, `${root}/MeasureCodes`, v4MeasureCodes)).value;
    measures = [...codes]
      .sort((a, b) => (a.Index ?? 0) - (b.Index ?? 0))
      .map((m) => ({ key: m.Identifier, title: text(m.Title), unit: text(m.Unit), description: text(m.Description) }));
    dimensions = (await getTableJson(config, table, `${root}/Dimensions`, v4Dimensions)).value.map((d) => ({
      key: d.Identifier,
      kind: d.Kind,
    }));
  }
  const geoKey = dimensions.find((d) => d.kind === 'GeoDimension')?.key;
  const timeKey = dimensions.find((d) => d.kind === 'TimeDimension')?.key;
  if (!geoKey || !timeKey) throw new CbsError(message.noRegionOrPeriod(table));
  return { measures, geoKey, timeKey, dimensions: dimensions.filter((d) => d.kind === 'Dimension').map((d) => d.key) };
}

/** The category of a dimension that stands for "all of them": its title starts with "Totaal", else the first. */
async function totalCategory(config: CbsConfig, version: 'v3' | 'v4', table: string, dimension: string): Promise<string> {
  const categories =
    version === 'v3'
      ? (await getTableJson(config, table, `${base(config.v3BaseUrl)}/${table}/${dimension}`, v3Categories)).value.map((c) => ({
          key: c.Key,
          title: c.Title,
        }))
      : (await getTableJson(config, table, `${base(config.v4BaseUrl)}/${table}/${dimension}Codes`, v4Codes)).value.map((c) => ({
          key: c.Identifier,
          title: c.Title,
        }));
  const total = (categories.find((c) => /^totaal/i.test(c.title.trim())) ?? categories[0])?.key;
  if (total === undefined) throw new CbsError(message.unreachable('onverwacht antwoord'));
  return total;
}

export async function describeCbsTable(config: CbsConfig, table: string): Promise<CbsTable> {
  assertTableName(table);
  // Most tables are in v3; CBS publishes some newer ones only in v4, and then v3 answers 404.
  const v3Info = await getJson(config, `${base(config.v3BaseUrl)}/${table}/TableInfos`, v3TableInfos);
  if (v3Info) {
    const info = v3Info.value[0];
    if (!info) throw new CbsError(message.notFound(table));
    const { measures } = await loadStructure(config, 'v3', table);
    return { table, version: 'v3', title: info.Title.trim(), modified: info.Modified ?? null, measures };
  }
  const info = await getTableJson(config, table, `${base(config.v4BaseUrl)}/${table}/Properties`, v4Properties);
  const { measures } = await loadStructure(config, 'v4', table);
  return { table, version: 'v4', title: info.Title.trim(), modified: info.Modified ?? null, measures };
}

/** '2023JJ00' → year 2023, code '2023'. Quarters ('2023KW01') and months ('2023MM01') keep their raw code. */
export function parseCbsPeriod(raw: string): { year: number; code: string; yearly: boolean } | null {
  const match = /^(\d{4})([A-Z]{2})(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const yearly = match[2] === 'JJ';
  return { year: Number(match[1]), code: yearly ? match[1] : match[0], yearly };
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const anyOf = (terms: string[]) => `(${terms.join(' or ')})`;

export async function fetchCbsObservations(
  config: CbsConfig,
  table: CbsTable,
  request: CbsObservationRequest,
  onPage?: (pagesDone: number) => void
): Promise<CbsObservation[]> {
  assertTableName(table.table);
  const name = table.table;
  const measures = [...new Set(request.measures)];
  const regionCodes = new Set(request.regionCodes.map((code) => code.trim()));
  const years = [...new Set(request.years)].filter(Number.isInteger);
  if (measures.length === 0 || regionCodes.size === 0 || years.length === 0) return [];

  // Check against the table as it is now, before asking for any data.
  const structure = await loadStructure(config, table.version, name);
  const known = new Set(structure.measures.map((m) => m.key));
  const missing = measures.filter((m) => !known.has(m));
  if (missing.length > 0) throw new CbsError(message.missingColumns(name, missing));

  const { geoKey, timeKey } = structure;
  // Without a filter on each total, every region and year would come back once per category, mixed up.
  const totals: string[] = [];
  for (const dimension of structure.dimensions) {
    totals.push(`${dimension} eq ${literal(await totalCategory(config, table.version, name, dimension))}`);
  }
  const v3 = table.version === 'v3';
  const root = `${base(v3 ? config.v3BaseUrl : config.v4BaseUrl)}/${name}`;
  const filter = [
    // v3 pads region codes with spaces ('GM0153  '), so eq would miss them; CBS itself advises startswith.
    anyOf([...regionCodes].map((code) => (v3 ? `startswith(${geoKey},${literal(code)})` : `${geoKey} eq ${literal(code)}`))),
    anyOf(years.map((year) => `${timeKey} eq ${literal(`${year}JJ00`)}`)),
    ...totals,
    ...(v3 ? [] : [anyOf(measures.map((m) => `Measure eq ${literal(m)}`))]),
  ].join(' and ');
  let url: string | undefined = v3
    ? `${root}/TypedDataSet?$filter=${encodeURIComponent(filter)}&$select=${encodeURIComponent(
        ['ID', geoKey, timeKey, ...measures].join(',')
      )}`
    : `${root}/Observations?$filter=${encodeURIComponent(filter)}`;

  const wanted = new Set(measures);
  const observations: CbsObservation[] = [];
  const add = (measure: string, region: unknown, period: unknown, value: unknown) => {
    const regionCode = typeof region === 'string' ? region.trim() : '';
    const parsed = typeof period === 'string' ? parseCbsPeriod(period) : null;
    // startswith may match longer codes, and null means "no data": keep only what was asked for.
    if (!regionCodes.has(regionCode) || !parsed?.yearly || !years.includes(parsed.year) || typeof value !== 'number') return;
    observations.push({ measure, regionCode, period: parsed.code, value });
  };

  for (let page = 1; url; page++) {
    if (page > MAX_PAGES) throw new CbsError(message.tooLarge(name));
    const body: z.infer<typeof dataPage> = await getTableJson(config, name, url, dataPage);
    for (const row of body.value) {
      if (v3) {
        // A column can disappear between the check above and this page (or come from an older cache).
        const absent = measures.filter((m) => !(m in row));
        if (absent.length > 0) throw new CbsError(message.missingColumns(name, absent));
        for (const m of measures) add(m, row[geoKey], row[timeKey], row[m]);
      } else if (typeof row.Measure === 'string' && wanted.has(row.Measure)) {
        add(row.Measure, row[geoKey], row[timeKey], row.Value);
      }
    }
    onPage?.(page);
    const next: string | undefined = body['odata.nextLink'] ?? body['@odata.nextLink'];
    url = next === undefined ? undefined : new URL(next, root).href;
    // Follow paging links only on CBS's own host, never to wherever an answer points.
    if (url && new URL(url).hostname !== new URL(root).hostname) throw new CbsError(message.unreachable('onverwacht antwoord'));
  }
  return observations;
}
