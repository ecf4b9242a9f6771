import type { Kysely } from 'kysely';
import type { Database, KnelpuntLevel, KnelpuntStatus } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export interface KnelpuntView {
  id: string;
  workspaceId: string;
  workspaceName: string;
  targetGroupId: string;
  targetGroupName: string;
  level: KnelpuntLevel;
  title: string;
  description: string;
  status: KnelpuntStatus;
  updatedAt: string;
  indicators: Array<{ id: string; name: string }>;
}

/** The knelpunten of these workspaces (a region lists its own and its gemeenten'), by group and level. */
export async function listKnelpunten(db: Kysely<Database>, workspaceIds: readonly string[]): Promise<KnelpuntView[]> {
  if (workspaceIds.length === 0) return [];
  const rows = await db
    .selectFrom('knelpunten')
    .innerJoin('workspaces', 'workspaces.id', 'knelpunten.workspace_id')
    .innerJoin('target_groups', 'target_groups.id', 'knelpunten.target_group_id')
    .select([
      'knelpunten.id',
      'knelpunten.workspace_id as workspaceId',
      'workspaces.name as workspaceName',
      'knelpunten.target_group_id as targetGroupId',
      'target_groups.name as targetGroupName',
      'target_groups.position',
      'knelpunten.level',
      'knelpunten.title',
      'knelpunten.description',
      'knelpunten.status',
      'knelpunten.updated_at as updatedAt',
    ])
    .where('knelpunten.workspace_id', 'in', [...workspaceIds])
    .orderBy('target_groups.position')
    .orderBy('knelpunten.level', 'desc') // regionaal before lokaal
    .orderBy('knelpunten.created_at')
    .execute();
  const links = rows.length
    ? await db
        .selectFrom('knelpunt_indicators')
        .innerJoin('indicators', 'indicators.id', 'knelpunt_indicators.indicator_id')
        .select(['knelpunt_indicators.knelpunt_id as knelpuntId', 'indicators.id', 'indicators.name'])
        .where(
          'knelpunt_indicators.knelpunt_id',
          'in',
          rows.map((r) => r.id)
        )
        .execute()
    : [];
  return rows.map(({ position: _position, ...r }) => ({
    ...r,
    indicators: links.filter((l) => l.knelpuntId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}

export interface KnelpuntValues {
  title: string;
  targetGroupId: string;
  level: KnelpuntLevel;
  status: KnelpuntStatus;
  description: string;
  indicatorIds: string[];
}

export async function saveKnelpunt(
  db: Kysely<Database>,
  workspaceId: string,
  values: KnelpuntValues,
  actorId: string,
  existingId?: string
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const id = existingId ?? crypto.randomUUID();
    const fields = {
      title: values.title,
      target_group_id: values.targetGroupId,
      level: values.level,
      status: values.status,
      description: values.description,
      updated_at: now,
    };
    if (existingId) {
      await trx.updateTable('knelpunten').set(fields).where('id', '=', id).where('workspace_id', '=', workspaceId).execute();
      await trx.deleteFrom('knelpunt_indicators').where('knelpunt_id', '=', id).execute();
    } else {
      await trx
        .insertInto('knelpunten')
        .values({ id, workspace_id: workspaceId, ...fields, created_by: actorId, created_at: now })
        .execute();
    }
    if (values.indicatorIds.length > 0) {
      await trx
        .insertInto('knelpunt_indicators')
        .values(values.indicatorIds.map((indicator_id) => ({ knelpunt_id: id, indicator_id })))
        .execute();
    }
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: existingId ? 'knelpunt.update' : 'knelpunt.create',
      entityType: 'knelpunt',
      entityId: id,
      details: { title: values.title, level: values.level, status: values.status },
    });
    return id;
  });
}

/** The workspace a knelpunt belongs to (undefined: no such knelpunt), for the knelpunt policy. */
export async function getKnelpuntWorkspace(db: Kysely<Database>, id: string) {
  return db.selectFrom('knelpunten').select('workspace_id as workspaceId').where('id', '=', id).executeTakeFirst();
}
