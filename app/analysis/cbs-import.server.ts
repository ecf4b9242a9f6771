// A CBS import runs in the background while the page shows its progress; it ends in a preview
// (nothing changes in the monitor until someone confirms it). Jobs live in this process's memory:
// a restart forgets running ones, never data.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../lib/time.ts';
import { prepareImport } from '../models/data-imports.server.ts';
import {
  CbsError,
  DEFAULT_CBS_CONFIG,
  describeCbsTable,
  fetchCbsObservations,
  type CbsCache,
  type CbsConfig,
  type CbsTable,
} from './cbs.server.ts';
import { CBS_PRESETS } from './catalogue.ts';
import type { ImportRow } from './import-rows.ts';

const CELLS_PER_PAGE = 10_000; // CBS v3 answers at most this many cells per request

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
 * CBS responses are kept in SQLite for a day: a repeated import (or a preview that was discarded)
 * asks CBS nothing again; after a day a changed table is seen.
 */
export function sqliteCache(db: Kysely<Database>): CbsCache & { load(): Promise<void> } {
  const memory = new Map<string, string>();
  return {
    async load() {
      const since = new Date(Date.now() - CBS_CACHE_HOURS * 60 * 60 * 1000).toISOString();
      await db.deleteFrom('cbs_cache').where('fetched_at', '<=', since).execute();
      const rows = await db.selectFrom('cbs_cache').select(['url', 'body']).where('fetched_at', '>', since).execute();
      for (const row of rows) memory.set(row.url, row.body);
    },
    get: (url) => memory.get(url),
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

export async function cbsConfig(db: Kysely<Database>): Promise<CbsConfig> {
  const cache = sqliteCache(db);
  await cache.load();
  return { ...DEFAULT_CBS_CONFIG, cache };
}

/** The table's measures, each with the indicator a preset suggests for it. */
export async function describeForImport(db: Kysely<Database>, table: string) {
  const described = await describeCbsTable(await cbsConfig(db), table);
  const preset = CBS_PRESETS[described.table.toLowerCase()] ?? [];
  return {
    ...described,
    measures: described.measures.map((m) => ({
      ...m,
      suggested: preset.find((p) => p.match.test(m.key) || p.match.test(m.title))?.indicatorId ?? '',
    })),
  };
}

export interface CbsImportRequest {
  workspaceId: string;
  userId: string;
  table: string;
  years: number[];
  /** CBS measure key → indicator id. */
  mapping: Record<string, string>;
  /** CBS code (GM0153) → gemeente workspace id, for the gemeenten this workspace imports for. */
  gemeenten: ReadonlyMap<string, string>;
}

export function startCbsImport(db: Kysely<Database>, request: CbsImportRequest): CbsJob {
  const measures = Object.keys(request.mapping);
  const job: CbsJob = {
    id: crypto.randomUUID(),
    workspaceId: request.workspaceId,
    userId: request.userId,
    table: request.table,
    status: 'bezig',
    pagesDone: 0,
    pagesExpected: Math.max(1, Math.ceil((measures.length * request.gemeenten.size * request.years.length) / CELLS_PER_PAGE)),
    message: 'CBS StatLine wordt gevraagd…',
    importId: null,
  };
  jobs.set(job.id, job);
  void run(db, job, request)
    .catch((error: unknown) => {
      job.status = 'mislukt';
      job.message =
        error instanceof CbsError ? error.message : 'De import is mislukt door een fout in Thuisplan. Er is niets veranderd.';
      if (!(error instanceof CbsError)) console.error('CBS-import mislukt', error);
    })
    .finally(() => forgetLater(job));
  return job;
}

async function run(db: Kysely<Database>, job: CbsJob, request: CbsImportRequest): Promise<void> {
  const config = await cbsConfig(db);
  const table: CbsTable = await describeCbsTable(config, request.table);
  const observations = await fetchCbsObservations(
    config,
    table,
    { measures: Object.keys(request.mapping), regionCodes: [...request.gemeenten.keys()], years: request.years },
    (pagesDone) => {
      job.pagesDone = pagesDone;
      job.pagesExpected = Math.max(job.pagesExpected, pagesDone);
      job.message = `Pagina ${pagesDone} van CBS ontvangen…`;
    }
  );
  // One figure per gemeente, indicator and year, whatever CBS sends twice.
  const byKey = new Map<string, ImportRow>();
  for (const o of observations) {
    const workspaceId = request.gemeenten.get(o.regionCode);
    const indicatorId = request.mapping[o.measure];
    if (workspaceId && indicatorId)
      byKey.set(`${workspaceId}|${indicatorId}|${o.period}`, { workspaceId, indicatorId, period: o.period, value: o.value });
  }
  const rows = [...byKey.values()];
  if (rows.length === 0)
    throw new CbsError(`CBS gaf voor tabel ${table.table} geen cijfers voor deze gemeenten en jaren. Er is niets veranderd.`);
  const definitions = table.measures
    .filter((m) => request.mapping[m.key])
    .map((m) => `${m.title}${m.description ? `: ${m.description}` : ''}`)
    .join(' ');
  job.importId = await prepareImport(
    db,
    {
      workspaceId: request.workspaceId,
      kind: 'cbs',
      source: `CBS ${table.table}`,
      detail: table.title,
      definition: definitions.slice(0, 2000),
      rows,
      actorId: request.userId,
    },
    [...request.gemeenten.values()]
  );
  job.pagesDone = job.pagesExpected;
  job.status = 'klaar';
  job.message = `${rows.length} cijfers ontvangen. Bekijk wat er verandert en bevestig de import.`;
}

/** A job of this workspace started by this user; others cannot watch it. */
export function getCbsJob(id: string, workspaceId: string, userId: string): CbsJob | undefined {
  const job = jobs.get(id);
  return job && job.workspaceId === workspaceId && job.userId === userId ? job : undefined;
}
