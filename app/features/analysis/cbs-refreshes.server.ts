// A refresh (actualiseren) holds one preview per CBS table: they are confirmed or discarded together,
// in one transaction, and the refresh is on record in the workspace's logboek.
import type { Kysely } from 'kysely';
import type { Database, RefreshStatus } from '../../../db/schema.ts';
import type { CbsLink, ImportSummary } from './import-rows.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { applyImport, discardImport } from './data-imports.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export interface RefreshView {
  id: string;
  status: RefreshStatus;
  problems: string[];
  createdAt: string;
  decidedAt: string | null;
  createdByName: string | null;
  imports: Array<{
    id: string;
    source: string;
    detail: string;
    status: string;
    summary: ImportSummary;
    links: CbsLink[];
  }>;
}

export async function getRefresh(db: Kysely<Database>, workspaceId: string, id: string): Promise<RefreshView | undefined> {
  const refresh = await db
    .selectFrom('cbs_refreshes')
    .leftJoin('users', 'users.id', 'cbs_refreshes.created_by')
    .select([
      'cbs_refreshes.id',
      'cbs_refreshes.status',
      'cbs_refreshes.problems',
      'cbs_refreshes.created_at as createdAt',
      'cbs_refreshes.decided_at as decidedAt',
      'users.name as createdByName',
    ])
    .where('cbs_refreshes.workspace_id', '=', workspaceId)
    .where('cbs_refreshes.id', '=', id)
    .executeTakeFirst();
  if (!refresh) return undefined;
  const imports = await db
    .selectFrom('data_imports')
    .select(['id', 'source', 'detail', 'status', 'summary', 'cbs_link'])
    .where('workspace_id', '=', workspaceId)
    .where('refresh_id', '=', id)
    .orderBy('source')
    .execute();
  return {
    ...refresh,
    problems: JSON.parse(refresh.problems) as string[],
    imports: imports.map((i) => ({
      id: i.id,
      source: i.source,
      detail: i.detail,
      status: i.status,
      summary: JSON.parse(i.summary) as ImportSummary,
      links: i.cbs_link ? (JSON.parse(i.cbs_link) as CbsLink[]) : [],
    })),
  };
}

const totals = (summaries: readonly ImportSummary[]) => ({
  changed: summaries.reduce((n, s) => n + s.changed, 0),
  restated: summaries.reduce((n, s) => n + (s.restated ?? 0), 0),
  added: summaries.reduce((n, s) => n + s.added, 0),
  removed: summaries.reduce((n, s) => n + s.removed, 0),
});

/** Starting a refresh is on record, whatever comes of it. */
export async function auditRefreshStart(
  db: Kysely<Database>,
  values: { workspaceId: string; actorId: string; jobId: string; tables: string[]; indicators: number }
): Promise<void> {
  await writeAudit(db, {
    actorId: values.actorId,
    workspaceId: values.workspaceId,
    action: 'refresh.start',
    entityType: 'cbs_refresh',
    entityId: values.jobId,
    details: { tables: values.tables, indicators: values.indicators },
  });
}

/** Marks a waiting refresh decided and returns its previews still waiting; null when it was already decided. */
async function decide(trx: Kysely<Database>, workspaceId: string, id: string, status: 'verwerkt' | 'verworpen') {
  const decided = await trx
    .updateTable('cbs_refreshes')
    .set({ status, decided_at: nowIso() })
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'voorbeeld')
    .returning('id')
    .executeTakeFirst();
  if (!decided) return null;
  return trx
    .selectFrom('data_imports')
    .select(['id', 'source'])
    .where('refresh_id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'voorbeeld')
    .execute();
}

/**
 * Applies every preview of the refresh in one transaction (each replaces its source's figures for its
 * indicators and years). Null when the refresh was already confirmed or discarded.
 */
export async function applyRefresh(db: Kysely<Database>, workspaceId: string, id: string, actorId: string) {
  return inTransaction(db, async (trx) => {
    const pending = await decide(trx, workspaceId, id, 'verwerkt');
    if (!pending) return null;
    const summaries: ImportSummary[] = [];
    for (const p of pending) {
      const summary = await applyImport(trx, workspaceId, p.id, actorId);
      if (summary) summaries.push(summary);
    }
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'refresh.apply',
      entityType: 'cbs_refresh',
      entityId: id,
      details: { sources: pending.map((p) => p.source), ...totals(summaries) },
    });
    return summaries;
  });
}

export async function discardRefresh(db: Kysely<Database>, workspaceId: string, id: string, actorId: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const pending = await decide(trx, workspaceId, id, 'verworpen');
    if (!pending) return false;
    for (const p of pending) await discardImport(trx, workspaceId, p.id, actorId);
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'refresh.discard',
      entityType: 'cbs_refresh',
      entityId: id,
      details: { sources: pending.map((p) => p.source) },
    });
    return true;
  });
}
