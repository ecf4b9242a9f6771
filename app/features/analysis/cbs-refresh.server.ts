// Actualiseren: one action asks CBS anew for every CBS-linked indicator of a workspace — the years the
// monitor has, and any newer year the table now has — and makes one preview per CBS table, held
// together by one refresh. Nothing in the monitor changes until the refresh is confirmed (as a whole);
// then each preview replaces its source's figures, so a revised figure never stays beside its successor.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { prepareImport, REFRESH_EXAMPLES } from './data-imports.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import {
  cbsConfig,
  cbsSourceName,
  checkCbsRequest,
  describeLink,
  linksDefinition,
  refusedMessage,
  rowsFrom,
  startCbsJob,
  type CbsJob,
  type CbsSuggestion,
  type IndicatorChoice,
} from './cbs-import.server.ts';
import { CbsError, describeCbsTable, fetchCbsObservations, inParallel, type CbsConfig, type CbsTable } from './cbs.server.ts';
import type { CbsLink, ImportRow } from './import-rows.ts';

/** An indicator's link to CBS as the workspace's latest applied CBS import made it, and the years the monitor has. */
export interface RefreshLink {
  link: CbsLink;
  /** The source its figures are stored under ('CBS 70072ned'). */
  source: string;
  /** Years with a figure of this source for this indicator in the workspace's gemeenten, ascending. */
  years: number[];
}

/**
 * The CBS links of a workspace: per indicator, the link of the latest applied CBS import of this
 * workspace that has it, with the years for which the monitor holds that source's figures of it in the
 * gemeenten the workspace imports for. An indicator without such figures (all removed since) has no link.
 */
export async function cbsLinksOf(db: Kysely<Database>, workspaceId: string, scope: readonly string[]): Promise<RefreshLink[]> {
  const imports = await db
    .selectFrom('data_imports')
    .select(['source', 'cbs_link'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'cbs')
    .where('status', '=', 'verwerkt')
    .where('cbs_link', 'is not', null)
    .orderBy('applied_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const latest = new Map<string, { link: CbsLink; source: string }>();
  for (const i of imports) {
    for (const link of JSON.parse(i.cbs_link!) as CbsLink[]) {
      if (!latest.has(link.indicatorId)) latest.set(link.indicatorId, { link, source: i.source });
    }
  }
  if (latest.size === 0 || scope.length === 0) return [];
  const held = await db
    .selectFrom('observations')
    .select(['indicator_id as indicatorId', 'source', 'period'])
    .distinct()
    .where('indicator_id', 'in', [...latest.keys()])
    .where('source', 'in', [...new Set([...latest.values()].map((l) => l.source))])
    .where('workspace_id', 'in', [...scope])
    .where('imported_by', '=', workspaceId)
    .execute();
  const links: RefreshLink[] = [];
  for (const [indicatorId, { link, source }] of latest) {
    const years = held
      .filter((h) => h.indicatorId === indicatorId && h.source === source && /^\d{4}$/.test(h.period))
      .map((h) => Number(h.period))
      .sort((a, b) => a - b);
    if (years.length > 0) links.push({ link, source, years });
  }
  return links.sort((a, b) => a.link.table.localeCompare(b.link.table) || a.link.indicatorId.localeCompare(b.link.indicatorId));
}

export interface CbsRefreshRequest {
  workspaceId: string;
  userId: string;
  links: readonly RefreshLink[];
  /** CBS code (GM0153) → gemeente workspace id, for the gemeenten this workspace imports for. */
  gemeenten: ReadonlyMap<string, string>;
  indicators: readonly IndicatorChoice[];
}

/** Tables described and fetched at the same time; each fetch runs its own requests a few at a time. */
const TABLES_AT_ONCE = 4;

export function startCbsRefresh(db: Kysely<Database>, request: CbsRefreshRequest): CbsJob {
  const tables = [...new Set(request.links.map((l) => l.link.table))];
  return startCbsJob(
    { workspaceId: request.workspaceId, userId: request.userId, table: tables.join(', ') },
    (job) => refresh(db, job, request),
    'Het actualiseren is mislukt door een fout in Thuisplan. Er is niets veranderd.'
  );
}

interface TablePreview {
  table: CbsTable;
  links: CbsLink[];
  rows: ImportRow[];
  missing: number;
}

const suggestionOf = (link: CbsLink): CbsSuggestion => ({
  indicatorId: link.indicatorId,
  topic: link.topic,
  categories: Object.fromEntries(link.categories.map((c) => [c.dimension, c.key])),
});

async function refresh(db: Kysely<Database>, job: CbsJob, request: CbsRefreshRequest): Promise<void> {
  // Today's CBS: the description too, for revised statuses, new years and topics CBS dropped.
  const config = await cbsConfig(db, { fresh: 'all' });
  const byTable = new Map<string, RefreshLink[]>();
  for (const l of request.links) {
    const key = l.link.table.toLowerCase();
    byTable.set(key, [...(byTable.get(key) ?? []), l]);
  }
  const progress = new Map<string, { done: number; total: number }>();
  const report = (key: string, done: number, total: number) => {
    // Another table may still answer after one failed: the failure's message stays.
    if (job.status !== 'bezig') return;
    progress.set(key, { done, total });
    const parts = [...progress.values()];
    job.pagesDone = parts.reduce((n, p) => n + p.done, 0);
    job.pagesExpected =
      parts.reduce((n, p) => n + p.total, 0) + (byTable.size - new Set([...progress.keys()].map((k) => k.split('|')[0])).size);
    job.message = `Deel ${job.pagesDone} van ${job.pagesExpected} van CBS ontvangen…`;
  };
  const problems: string[] = [];
  const tasks = [...byTable.entries()].map(
    ([key, links]) =>
      () =>
        refreshTable(config, key, links, request, problems, report)
  );
  // Every table first, and only then anything stored: a CBS failure leaves no preview behind.
  const previews = (await inParallel(tasks, TABLES_AT_ONCE)).filter((p): p is TablePreview => p !== null);
  if (previews.length === 0) {
    throw new CbsError(`Er is niets te actualiseren: ${problems.join(' ')} Er is niets veranderd.`);
  }
  const sources = await Promise.all(previews.map((p) => cbsSourceName(db, p.table.table)));
  const scope = [...request.gemeenten.values()];
  // The refresh keeps the job's id: its start, confirmation and discard share one id in the logboek.
  const refreshId = job.id;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('cbs_refreshes')
      .values({
        id: refreshId,
        workspace_id: request.workspaceId,
        status: 'voorbeeld',
        problems: JSON.stringify(problems),
        created_by: request.userId,
        created_at: nowIso(),
        decided_at: null,
      })
      .execute();
    for (const [i, p] of previews.entries()) {
      await prepareImport(
        trx,
        {
          workspaceId: request.workspaceId,
          kind: 'cbs',
          source: sources[i]!,
          detail: p.table.title,
          definition: linksDefinition(p.links),
          rows: p.rows,
          actorId: request.userId,
          skipped: p.missing,
          cbsLinks: p.links,
          refreshId,
          examples: REFRESH_EXAMPLES,
        },
        scope
      );
    }
  });
  job.refreshId = refreshId;
  job.pagesDone = job.pagesExpected;
  job.status = 'klaar';
  job.message = 'CBS is gevraagd. Bekijk wat CBS herzag en bevestig.';
}

/**
 * One table: described anew, each link checked against it (a link CBS no longer supports is reported,
 * the others go on), then every remaining indicator fetched in one request plan per kind of period:
 * its years and the newer years the table has now.
 */
async function refreshTable(
  config: CbsConfig,
  key: string,
  links: readonly RefreshLink[],
  request: CbsRefreshRequest,
  problems: string[],
  report: (key: string, done: number, total: number) => void
): Promise<TablePreview | null> {
  const table = await describeCbsTable(config, links[0]!.link.table);
  const nameOf = (id: string) => request.indicators.find((i) => i.id === id)?.name ?? id;
  const usable: RefreshLink[] = [];
  for (const l of links) {
    const found = checkCbsRequest(table, {
      table: table.table,
      moment: l.link.moment,
      from: l.years[0]!,
      to: 9999,
      links: [suggestionOf(l.link)],
      indicators: request.indicators,
    });
    if (found.length > 0) problems.push(`${nameOf(l.link.indicatorId)} is niet geactualiseerd: ${found.join(' ')}`);
    else usable.push(l);
  }
  if (usable.length === 0) return null;
  // Per indicator: the years it has, and every year after its last one that the table has now.
  const wanted = (l: RefreshLink, year: number) => l.years.includes(year) || year > l.years.at(-1)!;
  const moments = [...new Set(usable.map((l) => l.link.moment))];
  const results = await Promise.all(
    moments.map(async (moment) => {
      const these = usable.filter((l) => l.link.moment === moment);
      const periods = table.time.periods.filter((p) => p.moment === moment && these.some((l) => wanted(l, p.year)));
      const series = these.map((l) => suggestionOf(l.link));
      const observations = await fetchCbsObservations(
        config,
        table,
        { series, regionCodes: [...request.gemeenten.keys()], periods: periods.map((p) => p.key) },
        (done, total) => report(`${key}|${moment}`, done, total)
      );
      const { rows, refused, missing } = rowsFrom(table, observations, periods, { ...request, links: series });
      if (refused.length > 0) throw new CbsError(`${refusedMessage(refused)} Er is niets veranderd.`);
      const linkOf = new Map(these.map((l) => [l.link.indicatorId, l]));
      return {
        rows: rows.filter((r) => wanted(linkOf.get(r.indicatorId)!, Number(r.period))),
        missing,
        links: these.map((l) => describeLink(table, suggestionOf(l.link), moment)),
      };
    })
  );
  const rows = results.flatMap((r) => r.rows);
  // An indicator CBS now gives nothing for keeps its figures: more likely a hiccup than a withdrawal.
  const empty = usable.filter((l) => !rows.some((r) => r.indicatorId === l.link.indicatorId));
  for (const l of empty) {
    problems.push(
      `${nameOf(l.link.indicatorId)} is niet geactualiseerd: CBS gaf in tabel ${
        table.table
      } geen cijfers meer voor deze gemeenten en jaren; de cijfers in de monitor blijven zoals ze zijn.`
    );
  }
  const kept = new Set(usable.filter((l) => !empty.includes(l)).map((l) => l.link.indicatorId));
  if (kept.size === 0) return null;
  return {
    table,
    links: results.flatMap((r) => r.links).filter((l) => kept.has(l.indicatorId)),
    rows,
    missing: results.reduce((n, r) => n + r.missing, 0),
  };
}
