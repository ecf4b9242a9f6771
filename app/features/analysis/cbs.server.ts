import { z } from '../../lib/zod.ts';
import { pluralWord } from '../../lib/plural.ts';

// A client for CBS StatLine open data that models a table as CBS does: topics (with unit, decimals and
// the topic groups above them), every dimension with its categories, regions and periods with their
// status. OData v3 (opendata.cbs.nl) first; OData v4 (datasets.cbs.nl) for tables that only exist
// there. The message of every CbsError is shown to end users as is.

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
  /** Requests to CBS at the same time. */
  concurrency?: number;
}

export const DEFAULT_CBS_CONFIG: Pick<CbsConfig, 'v3BaseUrl' | 'v4BaseUrl'> = {
  v3BaseUrl: process.env.CBS_ODATA_V3_URL || 'https://opendata.cbs.nl/ODataApi/odata',
  v4BaseUrl: process.env.CBS_ODATA_V4_URL || 'https://datasets.cbs.nl/odata/v1/CBS',
};

export interface CbsTopic {
  key: string;
  title: string;
  unit: string;
  decimals: number | null;
  /** 'Long', 'Double', 'String'…: a String topic holds codes or names, not figures. */
  datatype: string | null;
  description: string;
  /** The titles of the topic groups above it, outermost first: ['Bevolking', 'Leeftijdsgroepen, relatief']. */
  path: string[];
}

export interface CbsCategory {
  /** The code as CBS sends it, padded to the column's width where CBS pads: filters need it exactly. */
  key: string;
  title: string;
  /** The title of the category group it sits in, if any. */
  group: string | null;
}

export interface CbsDimension {
  key: string;
  title: string;
  categories: CbsCategory[];
  /** The category that stands for all the others, only where one plainly does (its title is "Totaal…"). */
  total: string | null;
}

export type CbsPeriodType = 'jaar' | 'halfjaar' | 'kwartaal' | 'maand' | 'overig';

export interface CbsPeriod {
  key: string;
  title: string;
  year: number;
  type: CbsPeriodType;
  /** '2023MM01' → 'MM01': the same moment every year (a peildatum such as 1 januari, or the whole year 'JJ00'). */
  moment: string;
  /** As CBS says it: 'Definitief', 'Voorlopig', 'Nader voorlopig'… */
  status: string;
}

export interface CbsTable {
  /** The table id in CBS's own spelling; ids are case-insensitive at CBS. */
  table: string;
  version: 'v3' | 'v4';
  title: string;
  modified: string | null;
  topics: CbsTopic[];
  /** Plain dimensions: neither region nor period (Aandachtsgroep, Kenmerken, Geslacht…). */
  dimensions: CbsDimension[];
  geo: { key: string; regions: CbsCategory[] };
  time: { key: string; periods: CbsPeriod[] };
}

/** One series to fetch: a topic, and one category of every plain dimension. */
export interface CbsSeries {
  topic: string;
  categories: Record<string, string>;
}

export interface CbsObservationRequest {
  series: CbsSeries[];
  /** Region codes as Thuisplan keeps them (GM0153), without CBS's padding. */
  regionCodes: string[];
  /** Period keys as CBS has them ('2023JJ00', '2023MM01'). */
  periods: string[];
}

export interface CbsObservation {
  /** Index into request.series. */
  series: number;
  regionCode: string;
  period: string;
  /** null: CBS has no figure (a hidden small cell, or none exists). */
  value: number | null;
}

export class CbsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CbsError';
  }
}

const TABLE_NAME = /^[0-9A-Za-z]{5,12}$/;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;
/** The ODataApi refuses (HTTP 500) a query for more records than this instead of paging. */
export const CBS_MAX_RECORDS = 10_000;
/** Terms in one $filter: CBS refuses very long URLs, and short ones cache better. */
const MAX_FILTER_TERMS = 60;
const MAX_PAGES = 1000;

const message = {
  invalidName: (table: string) =>
    `‘${table}’ is geen geldige CBS-tabelcode. Een tabelcode bestaat uit 5 tot 12 letters en cijfers, zoals 70072ned.`,
  notFound: (table: string) => `De CBS-tabel ‘${table}’ bestaat niet of is niet openbaar.`,
  unreachable: (reason: string) => `CBS is nu niet bereikbaar (${reason}). Probeer het later opnieuw; er is niets veranderd.`,
  missingColumns: (table: string, columns: string[]) =>
    `De CBS-tabel ${table} heeft geen ${pluralWord(columns.length, 'kolom', 'kolommen')} ${columns
      .map((c) => `‘${c}’`)
      .join(', ')} (meer). Kies de koppeling opnieuw.`,
  missingCategory: (table: string, dimension: string, category: string) =>
    `De CBS-tabel ${table} heeft in ‘${dimension}’ geen categorie ‘${category.trim()}’ (meer). Kies de koppeling opnieuw.`,
  missingDimension: (table: string, dimension: string) =>
    `Kies voor de CBS-tabel ${table} ook een categorie van ‘${dimension}’; anders komen de cijfers van alle categorieën door elkaar.`,
  noRegionOrPeriod: (table: string) =>
    `De CBS-tabel ${table} heeft geen indeling naar regio en periode en is daarom niet te gebruiken.`,
  tooLarge: (table: string) =>
    `De gevraagde gegevens uit CBS-tabel ${table} zijn te groot om op te halen, ook in delen. Kies minder gemeenten, perioden of kolommen. Er is niets veranderd.`,
};

/** CBS ids are case-insensitive (70072NED is 70072ned): this is the one spelling Thuisplan compares. */
export const sameCbsTable = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

// Only the fields this module reads; CBS sends many more, and zod drops them.
const list = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item) });
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() ?? '');
const v3TableInfos = list(z.object({ Identifier: z.string().nullish(), Title: z.string(), Modified: z.string().nullish() }));
const v3DataProperties = list(
  z.object({
    'odata.type': z.string().nullish(),
    Type: z.string().nullish(),
    ID: z.number(),
    ParentID: z.number().nullish(),
    Key: text,
    Title: text,
    Description: text,
    Unit: text,
    Decimals: z.number().nullish(),
    Datatype: z.string().nullish(),
  })
);
const v3Categories = list(
  z.object({ Key: z.string(), Title: text, CategoryGroupID: z.number().nullish(), Status: z.string().nullish() })
);
const v3CategoryGroups = list(z.object({ ID: z.number(), DimensionKey: z.string().nullish(), Title: text }));
const v4Properties = z.object({ Identifier: z.string().nullish(), Title: z.string(), Modified: z.string().nullish() });
const v4MeasureCodes = list(
  z.object({
    Identifier: z.string(),
    Title: text,
    Description: text,
    Unit: text,
    Decimals: z.number().nullish(),
    DataType: z.string().nullish(),
    Index: z.number().nullish(),
    MeasureGroupId: z.union([z.string(), z.number()]).nullish(),
  })
);
const v4MeasureGroups = list(
  z.object({ Id: z.union([z.string(), z.number()]), Title: text, ParentId: z.union([z.string(), z.number()]).nullish() })
);
const v4Dimensions = list(z.object({ Identifier: z.string(), Title: text.optional(), Kind: z.string() }));
const v4Codes = list(
  z.object({
    Identifier: z.string(),
    Title: text,
    DimensionGroupId: z.union([z.string(), z.number()]).nullish(),
    Status: z.string().nullish(),
  })
);
const dataPage = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  'odata.nextLink': z.string().optional(),
  '@odata.nextLink': z.string().optional(),
});

const base = (url: string) => url.replace(/\/+$/, '');

function assertTableName(table: string): void {
  if (!TABLE_NAME.test(table)) throw new CbsError(message.invalidName(table));
}

/** A request CBS refused because the answer would be over its record limit. */
class TooManyRecords extends Error {}

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
    // The ODataApi answers a too large query with a server error naming the limit, not with paging.
    if (response.status === 500 && /more than\s+[\d.,]+\s+records/i.test(body)) throw new TooManyRecords();
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

/** '2023JJ00' → a year; '2023MM01' → January 2023; '2023KW04', '2023HJ02'; anything else CBS invents is 'overig'. */
export function parseCbsPeriod(raw: string): { year: number; type: CbsPeriodType; moment: string } | null {
  const match = /^(\d{4})([A-Z0-9]{2})(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const types: Record<string, CbsPeriodType> = { JJ: 'jaar', HJ: 'halfjaar', KW: 'kwartaal', MM: 'maand' };
  return { year: Number(match[1]), type: types[match[2]!] ?? 'overig', moment: `${match[2]}${match[3]}` };
}

/** The category that plainly stands for all: exactly one title "Totaal" or "Totaal …", outside any group. */
function totalOf(categories: CbsCategory[]): string | null {
  const totals = categories.filter((c) => /^totaal\b/i.test(c.title) && c.group === null);
  return totals.length === 1 ? totals[0]!.key : null;
}

function topicPaths<T extends { id: string | number; parent: string | number | null; title: string }>(groups: T[]) {
  const byId = new Map(groups.map((g) => [g.id, g]));
  return (parent: string | number | null | undefined): string[] => {
    const path: string[] = [];
    for (let id = parent ?? null, guard = 0; id !== null && guard < 50; guard++) {
      const group = byId.get(id);
      if (!group) break;
      path.unshift(group.title);
      id = group.parent;
    }
    return path;
  };
}

async function describeV3(config: CbsConfig, table: string): Promise<CbsTable | undefined> {
  const root = `${base(config.v3BaseUrl)}/${table}`;
  const infos = await getJson(config, `${root}/TableInfos`, v3TableInfos);
  if (!infos) return undefined;
  const info = infos.value[0];
  if (!info) throw new CbsError(message.notFound(table));
  const name = info.Identifier?.trim() || table;
  const properties = (await getTableJson(config, name, `${root}/DataProperties`, v3DataProperties)).value.map((p) => ({
    ...p,
    // `Type` is there in every answer seen; odata.type ('Cbs.OData.Topic') says the same.
    kind: p.Type || (p['odata.type'] ?? '').split('.').pop() || '',
  }));
  const pathOf = topicPaths(
    properties.filter((p) => p.kind === 'TopicGroup').map((p) => ({ id: p.ID, parent: p.ParentID ?? null, title: p.Title }))
  );
  const topics = properties
    .filter((p) => p.kind === 'Topic')
    .map((p) => ({
      key: p.Key,
      title: p.Title,
      unit: p.Unit,
      decimals: p.Decimals ?? null,
      datatype: p.Datatype ?? null,
      description: p.Description,
      path: pathOf(p.ParentID),
    }));
  const geo = properties.find((p) => p.kind === 'GeoDimension' || p.kind === 'GeoDetail');
  const time = properties.find((p) => p.kind === 'TimeDimension');
  if (!geo || !time) throw new CbsError(message.noRegionOrPeriod(name));
  const plain = properties.filter((p) => p.kind === 'Dimension');
  // Category groups say which categories are subtotals of what ("Geslacht: Mannen"); 404 when a table has none.
  const groups = (await getJson(config, `${root}/CategoryGroups`, v3CategoryGroups))?.value ?? [];
  const categoriesOf = async (key: string) => {
    const rows = (await getTableJson(config, name, `${root}/${key}`, v3Categories)).value;
    return rows.map((c) => ({
      key: c.Key,
      title: c.Title,
      status: c.Status ?? '',
      group:
        c.CategoryGroupID === null || c.CategoryGroupID === undefined
          ? null
          : (groups.find((g) => g.ID === c.CategoryGroupID && (!g.DimensionKey || g.DimensionKey === key))?.Title ?? null),
    }));
  };
  const [regions, periods, ...dimensionCategories] = await Promise.all([
    categoriesOf(geo.Key),
    categoriesOf(time.Key),
    ...plain.map((d) => categoriesOf(d.Key)),
  ]);
  return {
    table: name,
    version: 'v3',
    title: info.Title.trim(),
    modified: info.Modified ?? null,
    topics,
    dimensions: plain.map((d, i) => {
      const categories = dimensionCategories[i]!.map(({ key, title, group }) => ({ key, title, group }));
      return { key: d.Key, title: d.Title, categories, total: totalOf(categories) };
    }),
    geo: { key: geo.Key, regions: regions!.map(({ key, title, group }) => ({ key, title, group })) },
    time: { key: time.Key, periods: toPeriods(periods!) },
  };
}

function toPeriods(rows: Array<{ key: string; title: string; status: string }>): CbsPeriod[] {
  return rows.flatMap((p) => {
    const parsed = parseCbsPeriod(p.key);
    return parsed
      ? [{ key: p.key, title: p.title, year: parsed.year, type: parsed.type, moment: parsed.moment, status: p.status }]
      : [];
  });
}

async function describeV4(config: CbsConfig, table: string): Promise<CbsTable> {
  const root = `${base(config.v4BaseUrl)}/${table}`;
  const info = await getTableJson(config, table, `${root}/Properties`, v4Properties);
  const name = info.Identifier?.trim() || table;
  const [codes, groups, dimensions] = await Promise.all([
    getTableJson(config, name, `${root}/MeasureCodes`, v4MeasureCodes),
    getJson(config, `${root}/MeasureGroups`, v4MeasureGroups),
    getTableJson(config, name, `${root}/Dimensions`, v4Dimensions),
  ]);
  const pathOf = topicPaths((groups?.value ?? []).map((g) => ({ id: g.Id, parent: g.ParentId ?? null, title: g.Title })));
  const topics = [...codes.value]
    .sort((a, b) => (a.Index ?? 0) - (b.Index ?? 0))
    .map((m) => ({
      key: m.Identifier,
      title: m.Title,
      unit: m.Unit,
      decimals: m.Decimals ?? null,
      datatype: m.DataType ?? null,
      description: m.Description,
      path: pathOf(m.MeasureGroupId),
    }));
  const geo = dimensions.value.find((d) => d.Kind === 'GeoDimension');
  const time = dimensions.value.find((d) => d.Kind === 'TimeDimension');
  if (!geo || !time) throw new CbsError(message.noRegionOrPeriod(name));
  const plain = dimensions.value.filter((d) => d.Kind === 'Dimension');
  const codesOf = async (key: string) =>
    (await getTableJson(config, name, `${root}/${key}Codes`, v4Codes)).value.map((c) => ({
      key: c.Identifier,
      title: c.Title,
      status: c.Status ?? '',
      // v4 names groups by id only; a grouped category is never taken for the total.
      group: c.DimensionGroupId === null || c.DimensionGroupId === undefined ? null : String(c.DimensionGroupId),
    }));
  const [regions, periods, ...dimensionCategories] = await Promise.all([
    codesOf(geo.Identifier),
    codesOf(time.Identifier),
    ...plain.map((d) => codesOf(d.Identifier)),
  ]);
  return {
    table: name,
    version: 'v4',
    title: info.Title.trim(),
    modified: info.Modified ?? null,
    topics,
    dimensions: plain.map((d, i) => {
      const categories = dimensionCategories[i]!.map(({ key, title, group }) => ({ key, title, group }));
      return { key: d.Identifier, title: d.Title || d.Identifier, categories, total: totalOf(categories) };
    }),
    geo: { key: geo.Identifier, regions: regions!.map(({ key, title, group }) => ({ key, title, group })) },
    time: { key: time.Identifier, periods: toPeriods(periods!) },
  };
}

export async function describeCbsTable(config: CbsConfig, table: string): Promise<CbsTable> {
  assertTableName(table);
  // Most tables are in v3; CBS publishes some newer ones only in v4, and then v3 answers 404.
  return (await describeV3(config, table)) ?? describeV4(config, table);
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const anyOf = (terms: string[]) => (terms.length === 1 ? terms[0]! : `(${terms.join(' or ')})`);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Runs tasks with at most `limit` at a time, in order of start; rejects on the first failure. */
export async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** One request: some topics of one category combination, for some regions and periods. */
interface Part {
  topics: string[];
  categories: Record<string, string>;
  regions: CbsCategory[];
  periods: string[];
}

const partRecords = (part: Part, table: CbsTable) =>
  part.regions.length * part.periods.length * (table.version === 'v4' ? part.topics.length : 1);

/** Halves a part along its longest side; null when it is one region, one period and one topic. */
function split(part: Part): [Part, Part] | null {
  const halve = <T>(items: T[]): [T[], T[]] => [
    items.slice(0, Math.ceil(items.length / 2)),
    items.slice(Math.ceil(items.length / 2)),
  ];
  if (part.periods.length > 1 && part.periods.length >= part.regions.length) {
    const [a, b] = halve(part.periods);
    return [
      { ...part, periods: a },
      { ...part, periods: b },
    ];
  }
  if (part.regions.length > 1) {
    const [a, b] = halve(part.regions);
    return [
      { ...part, regions: a },
      { ...part, regions: b },
    ];
  }
  if (part.topics.length > 1) {
    const [a, b] = halve(part.topics);
    return [
      { ...part, topics: a },
      { ...part, topics: b },
    ];
  }
  return null;
}

/**
 * Fetches the figures of each series for the regions and periods asked, exactly as CBS filters: every
 * plain dimension on its chosen category, regions and periods by their exact (padded) codes. Requests
 * are split so that none asks for more than CBS's limit, and run a few at a time.
 */
export async function fetchCbsObservations(
  config: CbsConfig,
  table: CbsTable,
  request: CbsObservationRequest,
  onProgress?: (done: number, total: number) => void
): Promise<CbsObservation[]> {
  assertTableName(table.table);
  const name = table.table;
  if (request.series.length === 0 || request.regionCodes.length === 0 || request.periods.length === 0) return [];

  // Check against the table as it is now, before asking for any data.
  const topics = new Map(table.topics.map((t) => [t.key, t]));
  const missing = [...new Set(request.series.map((s) => s.topic))].filter((t) => !topics.has(t));
  if (missing.length > 0) throw new CbsError(message.missingColumns(name, missing));
  for (const series of request.series) {
    for (const dimension of table.dimensions) {
      const category = series.categories[dimension.key];
      if (category === undefined) throw new CbsError(message.missingDimension(name, dimension.title));
      if (!dimension.categories.some((c) => c.key === category))
        throw new CbsError(message.missingCategory(name, dimension.title, category));
    }
  }
  const wantedRegions = new Set(request.regionCodes.map((c) => c.trim()));
  const regions = table.geo.regions.filter((r) => wantedRegions.has(r.key.trim()));
  const periods = table.time.periods.filter((p) => request.periods.includes(p.key)).map((p) => p.key);
  if (regions.length === 0 || periods.length === 0) return [];

  // One group per category combination: its topics come back as columns of the same rows (v3).
  const groups = new Map<string, Part>();
  request.series.forEach((series) => {
    const categories = Object.fromEntries(table.dimensions.map((d) => [d.key, series.categories[d.key]!]));
    const id = JSON.stringify(categories);
    const group = groups.get(id) ?? { topics: [], categories, regions, periods };
    if (!group.topics.includes(series.topic)) group.topics.push(series.topic);
    groups.set(id, group);
  });
  // Plan within the limits: records per request, and filter terms per URL.
  let parts: Part[] = [];
  for (const group of groups.values()) {
    const regionsPer = Math.max(1, Math.min(group.regions.length, MAX_FILTER_TERMS / 2));
    for (const someRegions of chunks(group.regions, regionsPer)) {
      const perRegion = (table.version === 'v4' ? group.topics.length : 1) * someRegions.length;
      const periodsPer = Math.max(1, Math.min(MAX_FILTER_TERMS / 2, Math.floor(CBS_MAX_RECORDS / perRegion)));
      for (const somePeriods of chunks(group.periods, periodsPer))
        parts.push({ ...group, regions: someRegions, periods: somePeriods });
    }
  }
  parts = parts.flatMap((p) => (partRecords(p, table) > CBS_MAX_RECORDS ? (split(p) ?? [p]) : [p]));

  let done = 0;
  let total = parts.length;
  const rows = new Map<string, CbsObservation>();
  const fetchPart = async (part: Part): Promise<void> => {
    try {
      for (const o of await fetchPartRows(config, table, part)) {
        request.series.forEach((series, index) => {
          if (series.topic !== o.topic || !sameCategories(series.categories, part.categories, table)) return;
          rows.set(`${index}|${o.regionCode}|${o.period}`, {
            series: index,
            regionCode: o.regionCode,
            period: o.period,
            value: o.value,
          });
        });
      }
      onProgress?.(++done, total);
    } catch (error) {
      if (!(error instanceof TooManyRecords)) throw error;
      // More records than planned (CBS counts differently, or the limit changed): ask in halves.
      const halves = split(part);
      if (!halves) throw new CbsError(message.tooLarge(name));
      total += 1;
      // One after the other: this worker's place in the pool is all it may use.
      for (const half of halves) await fetchPart(half);
    }
  };
  await inParallel(
    parts.map((part) => () => fetchPart(part)),
    config.concurrency ?? DEFAULT_CONCURRENCY
  );
  return [...rows.values()];
}

const sameCategories = (a: Record<string, string>, b: Record<string, string>, table: CbsTable) =>
  table.dimensions.every((d) => a[d.key] === b[d.key]);

async function fetchPartRows(
  config: CbsConfig,
  table: CbsTable,
  part: Part
): Promise<Array<{ topic: string; regionCode: string; period: string; value: number | null }>> {
  const v3 = table.version === 'v3';
  const root = `${base(v3 ? config.v3BaseUrl : config.v4BaseUrl)}/${table.table}`;
  const { key: geoKey } = table.geo;
  const { key: timeKey } = table.time;
  // Exact codes, padding included: that is how CBS matches `eq`.
  const filter = [
    anyOf(part.regions.map((r) => `${geoKey} eq ${literal(r.key)}`)),
    anyOf(part.periods.map((p) => `${timeKey} eq ${literal(p)}`)),
    ...table.dimensions.map((d) => `${d.key} eq ${literal(part.categories[d.key]!)}`),
    ...(v3 ? [] : [anyOf(part.topics.map((t) => `Measure eq ${literal(t)}`))]),
  ].join(' and ');
  let url: string | undefined = v3
    ? `${root}/TypedDataSet?$filter=${encodeURIComponent(filter)}&$select=${encodeURIComponent(
        [geoKey, timeKey, ...part.topics].join(',')
      )}`
    : `${root}/Observations?$filter=${encodeURIComponent(filter)}`;
  const regionCodes = new Map(part.regions.map((r) => [r.key, r.key.trim()]));
  const periods = new Set(part.periods);
  const wanted = new Set(part.topics);
  const result: Array<{ topic: string; regionCode: string; period: string; value: number | null }> = [];
  const add = (topic: string, region: unknown, period: unknown, value: unknown) => {
    const regionCode = typeof region === 'string' ? regionCodes.get(region) : undefined;
    // Keep only what was asked for, whatever else an answer holds.
    if (regionCode === undefined || typeof period !== 'string' || !periods.has(period)) return;
    result.push({ topic, regionCode, period, value: typeof value === 'number' && Number.isFinite(value) ? value : null });
  };
  for (let page = 1; url; page++) {
    if (page > MAX_PAGES) throw new CbsError(message.tooLarge(table.table));
    const body: z.infer<typeof dataPage> = await getTableJson(config, table.table, url, dataPage);
    for (const row of body.value) {
      if (v3) {
        // A column can disappear between the description and this page (or come from an older cache).
        const absent = part.topics.filter((t) => !(t in row));
        if (absent.length > 0) throw new CbsError(message.missingColumns(table.table, absent));
        for (const topic of part.topics) add(topic, row[geoKey], row[timeKey], row[topic]);
      } else if (typeof row.Measure === 'string' && wanted.has(row.Measure)) {
        // v4 gives null with a ValueAttribute ("Confidential", "Impossible"…) where there is no figure.
        add(row.Measure, row[geoKey], row[timeKey], row.Value);
      }
    }
    const next: string | undefined = body['odata.nextLink'] ?? body['@odata.nextLink'];
    url = next === undefined ? undefined : new URL(next, root).href;
    // Follow paging links only on CBS's own origin, never to wherever an answer points.
    if (url && new URL(url).origin !== new URL(root).origin) throw new CbsError(message.unreachable('onverwacht antwoord'));
  }
  return result;
}
