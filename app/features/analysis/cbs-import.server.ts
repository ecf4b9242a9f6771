// A CBS import runs in the background while the page shows its progress; it ends in a preview
// (nothing changes in the monitor until someone confirms it). Jobs live in this process's memory:
// a restart forgets running ones, never data.
import type { Kysely } from 'kysely';
import type { Database, IndicatorUnit } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { prepareImport } from './data-imports.server.ts';
import { CBS_PRESETS } from './catalogue.ts';
import {
  CbsError,
  DEFAULT_CBS_CONFIG,
  describeCbsTable,
  fetchCbsObservations,
  type CbsCache,
  type CbsConfig,
  type CbsObservation,
  type CbsPeriod,
  type CbsTable,
} from './cbs.server.ts';
import type { CbsLink, ImportRow } from './import-rows.ts';
import { cbsUnitProblem, valueProblem } from './units.ts';
import { plural, pluralWord } from '../../lib/plural.ts';

export interface CbsJob {
  id: string;
  workspaceId: string;
  userId: string;
  table: string;
  status: 'bezig' | 'klaar' | 'mislukt';
  pagesDone: number;
  pagesExpected: number;
  message: string;
  importId: string | null;
  /** For a refresh (actualiseren): the refresh whose previews the job made. */
  refreshId?: string | null;
}

const jobs = new Map<string, CbsJob>();
/** A finished job is forgotten after an hour; its result is the stored import. */
const JOB_TTL_MS = 60 * 60 * 1000;

function forgetLater(job: CbsJob) {
  setTimeout(() => jobs.delete(job.id), JOB_TTL_MS).unref();
}

/** How long a CBS answer is reused: CBS revises tables, so a day-old answer is asked again. */
export const CBS_CACHE_HOURS = 24;

/**
 * What a request must ask CBS anew instead of taking from the cache: `data` (the figures), `all` (the
 * figures and the table's description: its topics, categories and periods with their status, for a
 * refresh that must see today's CBS). Fresh answers are stored, so the next import reuses them.
 */
export type CbsFreshness = 'data' | 'all';

/**
 * CBS responses are kept in SQLite for a day: a repeated import (or a preview that was discarded)
 * asks CBS nothing again; after a day a changed table is seen. `fresh` skips the cache (see CbsFreshness).
 */
export function sqliteCache(db: Kysely<Database>, options: { fresh?: CbsFreshness } = {}): CbsCache & { load(): Promise<void> } {
  const memory = new Map<string, string>();
  const isData = (url: string) => /\/(TypedDataSet|Observations)\?/.test(url);
  const skip = (url: string) => options.fresh === 'all' || (options.fresh === 'data' && isData(url));
  return {
    async load() {
      const since = new Date(Date.now() - CBS_CACHE_HOURS * 60 * 60 * 1000).toISOString();
      await db.deleteFrom('cbs_cache').where('fetched_at', '<=', since).execute();
      const rows = await db.selectFrom('cbs_cache').select(['url', 'body']).where('fetched_at', '>', since).execute();
      for (const row of rows) memory.set(row.url, row.body);
    },
    get: (url) => (skip(url) ? undefined : memory.get(url)),
    set(url, body) {
      memory.set(url, body);
      void db
        .insertInto('cbs_cache')
        .values({ url, body, fetched_at: nowIso() })
        .onConflict((oc) => oc.column('url').doUpdateSet({ body, fetched_at: nowIso() }))
        .execute()
        .catch((error) => console.error('CBS-antwoord niet bewaard', error));
    },
  };
}

export async function cbsConfig(db: Kysely<Database>, options: { fresh?: CbsFreshness } = {}): Promise<CbsConfig> {
  const cache = sqliteCache(db, options);
  await cache.load();
  return { ...DEFAULT_CBS_CONFIG, cache };
}

/** A moment of the year the table has figures for: a whole year, or one month, quarter… every year. */
export interface CbsMoment {
  moment: string;
  label: string;
  years: number[];
}

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

export function momentLabel(period: Pick<CbsPeriod, 'type' | 'moment'>): string {
  const n = Number(period.moment.slice(2));
  switch (period.type) {
    case 'jaar':
      return 'Jaar';
    case 'maand':
      return `Stand in ${MONTHS[n - 1] ?? period.moment} (maandcijfer)`;
    case 'kwartaal':
      return `${n}e kwartaal`;
    case 'halfjaar':
      return `${n}e halfjaar`;
    default:
      return `Periode ${period.moment}`;
  }
}

export function momentsOf(table: CbsTable): CbsMoment[] {
  const byMoment = new Map<string, CbsMoment>();
  for (const p of table.time.periods) {
    const entry = byMoment.get(p.moment) ?? { moment: p.moment, label: momentLabel(p), years: [] };
    if (!entry.years.includes(p.year)) entry.years.push(p.year);
    byMoment.set(p.moment, entry);
  }
  return [...byMoment.values()].map((m) => ({ ...m, years: m.years.sort((a, b) => a - b) }));
}

export interface IndicatorChoice {
  id: string;
  name: string;
  unit: IndicatorUnit;
}

/** The form's starting point: per indicator the preset's topic and categories, where they fit. */
export interface CbsSuggestion {
  indicatorId: string;
  topic: string;
  categories: Record<string, string>;
}

export function suggest(table: CbsTable, indicators: readonly IndicatorChoice[]): { moment: string; links: CbsSuggestion[] } {
  const preset = CBS_PRESETS[table.table.toLowerCase()];
  const moments = momentsOf(table);
  const moment =
    moments.find((m) => m.moment === preset?.moment)?.moment ??
    moments.find((m) => m.moment === 'JJ00')?.moment ??
    moments[0]?.moment ??
    '';
  const links: CbsSuggestion[] = [];
  for (const p of preset?.indicators ?? []) {
    const indicator = indicators.find((i) => i.id === p.indicatorId);
    if (!indicator) continue;
    const topic = table.topics.find((t) => (p.topic.test(t.key) || p.topic.test(t.title)) && !cbsUnitProblem(t, indicator));
    if (!topic) continue;
    const categories: Record<string, string> = {};
    for (const d of table.dimensions) {
      const rule = p.categories?.find(([dimension]) => dimension.test(d.key) || dimension.test(d.title));
      const chosen = rule ? d.categories.find((c) => rule[1].test(c.title))?.key : d.total;
      if (chosen) categories[d.key] = chosen;
    }
    links.push({ indicatorId: indicator.id, topic: topic.key, categories });
  }
  return { moment, links };
}

/** The table for the import form, and what the presets suggest. */
export async function describeForImport(db: Kysely<Database>, table: string, indicators: readonly IndicatorChoice[]) {
  const described = await describeCbsTable(await cbsConfig(db), table);
  return { table: described, moments: momentsOf(described), ...suggest(described, indicators) };
}

export interface CbsImportRequest {
  workspaceId: string;
  userId: string;
  table: string;
  moment: string;
  from: number;
  to: number;
  links: CbsSuggestion[];
  /** CBS code (GM0153) → gemeente workspace id, for the gemeenten this workspace imports for. */
  gemeenten: ReadonlyMap<string, string>;
  indicators: readonly IndicatorChoice[];
}

/**
 * Checks a request against the table before anything is fetched: every topic exists and fits its
 * indicator's unit, every dimension has a category, the moment and years exist. Returns Dutch messages.
 */
export function checkCbsRequest(
  table: CbsTable,
  request: Omit<CbsImportRequest, 'workspaceId' | 'userId' | 'gemeenten'>
): string[] {
  const problems: string[] = [];
  if (request.links.length === 0) problems.push('Koppel minstens één indicator aan een CBS-onderwerp.');
  const seen = new Set<string>();
  for (const link of request.links) {
    const indicator = request.indicators.find((i) => i.id === link.indicatorId);
    if (!indicator) {
      problems.push(`De indicator ‘${link.indicatorId}’ bestaat niet.`);
      continue;
    }
    if (seen.has(indicator.id)) problems.push(`De indicator ‘${indicator.name}’ is twee keer gekoppeld; koppel hem één keer.`);
    seen.add(indicator.id);
    const topic = table.topics.find((t) => t.key === link.topic);
    if (!topic) {
      problems.push(`De CBS-tabel ${table.table} heeft geen onderwerp ‘${link.topic}’ (meer). Kies de koppeling opnieuw.`);
      continue;
    }
    const unit = cbsUnitProblem(topic, indicator);
    if (unit) problems.push(unit);
    for (const d of table.dimensions) {
      const key = link.categories[d.key];
      if (!key) problems.push(`Kies bij ‘${indicator.name}’ een categorie van ‘${d.title}’.`);
      else if (!d.categories.some((c) => c.key === key))
        problems.push(`De CBS-tabel ${table.table} heeft in ‘${d.title}’ geen categorie ‘${key.trim()}’ (meer).`);
    }
  }
  const moment = momentsOf(table).find((m) => m.moment === request.moment);
  if (!moment) problems.push('Kies een soort periode die deze tabel heeft.');
  else if (!moment.years.some((y) => y >= request.from && y <= request.to)) {
    problems.push(
      `CBS-tabel ${table.table} heeft voor ‘${moment.label.toLowerCase()}’ cijfers over ${moment.years[0]}–${moment.years.at(
        -1
      )}; kies jaren daarbinnen.`
    );
  }
  return problems;
}

/**
 * Starts `work` in the background as a job its starter can watch. A CbsError's message is shown as is;
 * any other failure is logged and shown as `failure`.
 */
export function startCbsJob(
  owner: Pick<CbsJob, 'workspaceId' | 'userId' | 'table'>,
  work: (job: CbsJob) => Promise<void>,
  failure = 'De import is mislukt door een fout in Thuisplan. Er is niets veranderd.'
): CbsJob {
  const job: CbsJob = {
    id: crypto.randomUUID(),
    workspaceId: owner.workspaceId,
    userId: owner.userId,
    table: owner.table,
    status: 'bezig',
    pagesDone: 0,
    pagesExpected: 1,
    message: 'CBS StatLine wordt gevraagd…',
    importId: null,
  };
  jobs.set(job.id, job);
  void work(job)
    .catch((error: unknown) => {
      job.status = 'mislukt';
      job.message = error instanceof CbsError ? error.message : failure;
      if (!(error instanceof CbsError)) console.error('CBS-job mislukt', error);
    })
    .finally(() => forgetLater(job));
  return job;
}

export function startCbsImport(db: Kysely<Database>, request: CbsImportRequest): CbsJob {
  return startCbsJob(request, (job) => run(db, job, request));
}

/** What a link means, in CBS's words: kept with the import and shown with every figure. */
export function describeLink(table: CbsTable, link: CbsSuggestion, moment: string): CbsLink {
  const topic = table.topics.find((t) => t.key === link.topic)!;
  return {
    indicatorId: link.indicatorId,
    table: table.table,
    topic: topic.key,
    topicTitle: [...topic.path, topic.title].join(' › '),
    unit: topic.unit,
    categories: table.dimensions.map((d) => ({
      dimension: d.key,
      dimensionTitle: d.title,
      key: link.categories[d.key]!,
      title: d.categories.find((c) => c.key === link.categories[d.key])?.title ?? link.categories[d.key]!.trim(),
    })),
    moment,
  };
}

/** The definition an import of these links keeps: each topic with its categories. */
export const linksDefinition = (links: readonly CbsLink[]) =>
  links
    .map((l) => `${l.topicTitle}${l.categories.length ? ` (${l.categories.map((c) => c.title).join(', ')})` : ''}`)
    .join('; ')
    .slice(0, 2000);

const MAX_REFUSED = 5;

/**
 * The figures of fetched observations, one row per gemeente, indicator and year, with CBS's period
 * title and status; cells CBS left empty are counted, values that do not fit the indicator's unit refused.
 */
export function rowsFrom(
  table: CbsTable,
  observations: readonly CbsObservation[],
  periods: readonly CbsPeriod[],
  request: Pick<CbsImportRequest, 'links' | 'gemeenten' | 'indicators'>
): { rows: ImportRow[]; refused: string[]; missing: number } {
  const periodOf = new Map(periods.map((p) => [p.key, p]));
  const rows: ImportRow[] = [];
  const refused: string[] = [];
  let missing = 0;
  const gemeenteName = (code: string) => table.geo.regions.find((r) => r.key.trim() === code)?.title ?? code;
  for (const o of observations) {
    const workspaceId = request.gemeenten.get(o.regionCode);
    const link = request.links[o.series]!;
    const indicator = request.indicators.find((i) => i.id === link.indicatorId)!;
    const period = periodOf.get(o.period);
    if (!workspaceId || !period) continue;
    if (o.value === null) {
      missing++;
      continue;
    }
    const problem = valueProblem(indicator.unit, o.value);
    if (problem) {
      refused.push(
        `${gemeenteName(o.regionCode)}, ${period.title}, ${indicator.name}: ${String(o.value).replace('.', ',')} is ${problem}`
      );
      continue;
    }
    rows.push({
      workspaceId,
      indicatorId: indicator.id,
      period: String(period.year),
      value: o.value,
      peildatum: period.title,
      status: period.status || null,
    });
  }
  return { rows, refused, missing };
}

/** CBS gave values that do not fit: a Dutch sentence naming the first few. */
export function refusedMessage(refused: readonly string[]): string {
  return `CBS gaf ${refused.length === 1 ? 'een waarde' : plural(refused.length, 'waarde', 'waarden')} die niet bij de eenheid van de indicator ${pluralWord(
    refused.length,
    'past',
    'passen'
  )}: ${refused.slice(0, MAX_REFUSED).join('; ')}${refused.length > MAX_REFUSED ? '; …' : ''}.`;
}

async function run(db: Kysely<Database>, job: CbsJob, request: CbsImportRequest): Promise<void> {
  const config = await cbsConfig(db);
  const table = await describeCbsTable(config, request.table);
  // The table may have changed since the form was shown.
  const problems = checkCbsRequest(table, request);
  if (problems.length > 0) throw new CbsError(`${problems.join(' ')} Er is niets veranderd.`);
  const periods = table.time.periods.filter((p) => p.moment === request.moment && p.year >= request.from && p.year <= request.to);
  const observations = await fetchCbsObservations(
    config,
    table,
    { series: request.links, regionCodes: [...request.gemeenten.keys()], periods: periods.map((p) => p.key) },
    (done, total) => {
      job.pagesDone = done;
      job.pagesExpected = total;
      job.message = `Deel ${done} van ${total} van CBS ontvangen…`;
    }
  );
  const { rows, refused, missing } = rowsFrom(table, observations, periods, request);
  if (refused.length > 0) throw new CbsError(`${refusedMessage(refused)} Er is niets veranderd.`);
  if (rows.length === 0)
    throw new CbsError(
      `CBS gaf voor tabel ${table.table} geen cijfers voor deze gemeenten, categorieën en jaren${
        missing > 0 ? ` (${plural(missing, 'cel', 'cellen')} zonder gegeven: afgeschermd of onbekend bij CBS)` : ''
      }. Er is niets veranderd.`
    );
  const links = request.links.map((link) => describeLink(table, link, request.moment));
  job.importId = await prepareImport(
    db,
    {
      workspaceId: request.workspaceId,
      kind: 'cbs',
      source: await cbsSourceName(db, table.table),
      detail: table.title,
      definition: linksDefinition(links),
      rows,
      actorId: request.userId,
      skipped: missing,
      cbsLinks: links,
    },
    [...request.gemeenten.values()]
  );
  job.pagesDone = job.pagesExpected;
  job.status = 'klaar';
  job.message = `${plural(rows.length, 'cijfer', 'cijfers')} ontvangen. Bekijk wat er verandert en bevestig de import.`;
}

/**
 * The source name of a CBS table: one per table whatever the casing it was typed in (CBS ids are
 * case-insensitive), so a re-import replaces the figures of an earlier one instead of adding a second source.
 */
export async function cbsSourceName(db: Kysely<Database>, table: string): Promise<string> {
  const wanted = `CBS ${table}`;
  const earlier = await db
    .selectFrom('data_imports')
    .select('source')
    .where('kind', '=', 'cbs')
    .where((eb) => eb(eb.fn('lower', ['source']), '=', wanted.toLowerCase()))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return earlier?.source ?? wanted;
}

/** A job of this workspace started by this user; others cannot watch it. */
export function getCbsJob(id: string, workspaceId: string, userId: string): CbsJob | undefined {
  const job = jobs.get(id);
  return job && job.workspaceId === workspaceId && job.userId === userId ? job : undefined;
}
