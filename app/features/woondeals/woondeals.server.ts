// The region's register of woondeal agreements, which actions link to: one function per intent, each
// change in a transaction with its audit row.
import type { Kysely } from 'kysely';
import type { ActionStatus, Database } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import type { WoondealValues } from './woondeal-forms.ts';

export interface WoondealView {
  id: string;
  workspaceId: string;
  name: string;
  sourceDocument: string;
  signedOn: string | null;
  targetHomes: number | null;
  targetYear: number | null;
  shareSocial: number | null;
  shareMiddle: number | null;
  shareExpensive: number | null;
  note: string;
  updatedAt: string;
}

/** The woondeals of a region (a gemeente reads its region's), oldest agreement first. */
export async function listWoondeals(db: Kysely<Database>, regionId: string): Promise<WoondealView[]> {
  return db
    .selectFrom('woondeals')
    .select([
      'id',
      'workspace_id as workspaceId',
      'name',
      'source_document as sourceDocument',
      'signed_on as signedOn',
      'target_homes as targetHomes',
      'target_year as targetYear',
      'share_social as shareSocial',
      'share_middle as shareMiddle',
      'share_expensive as shareExpensive',
      'note',
      'updated_at as updatedAt',
    ])
    .where('workspace_id', '=', regionId)
    .orderBy('signed_on')
    .orderBy('name')
    .execute();
}

/** The woondeal's workspace, for the policy (undefined when the id names none). */
export async function getWoondealWorkspace(db: Kysely<Database>, id: string): Promise<{ workspaceId: string } | undefined> {
  return db.selectFrom('woondeals').select('workspace_id as workspaceId').where('id', '=', id).executeTakeFirst();
}

function columns(values: WoondealValues) {
  return {
    name: values.name,
    source_document: values.sourceDocument,
    signed_on: values.signedOn,
    target_homes: values.targetHomes,
    target_year: values.targetYear,
    share_social: values.shareSocial,
    share_middle: values.shareMiddle,
    share_expensive: values.shareExpensive,
    note: values.note,
  };
}

/** Records a woondeal agreement in the region's register. */
export async function createWoondeal(
  db: Kysely<Database>,
  regionId: string,
  values: WoondealValues,
  actorId: string | null
): Promise<string> {
  const id = crypto.randomUUID();
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('woondeals')
      .values({ id, workspace_id: regionId, ...columns(values), created_by: actorId, created_at: now, updated_at: now })
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: regionId,
      action: 'woondeal.create',
      entityType: 'woondeal',
      entityId: id,
      details: { name: values.name },
    });
  });
  return id;
}

/** Changes a woondeal of the region (the caller has asked the policy that it is this region's). */
export async function updateWoondeal(
  db: Kysely<Database>,
  regionId: string,
  id: string,
  values: WoondealValues,
  actorId: string | null
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('woondeals')
      .set({ ...columns(values), updated_at: nowIso() })
      .where('id', '=', id)
      .where('workspace_id', '=', regionId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error(`woondeal ${id} is not of workspace ${regionId}`);
    await writeAudit(trx, {
      actorId,
      workspaceId: regionId,
      action: 'woondeal.update',
      entityType: 'woondeal',
      entityId: id,
      details: { name: values.name },
    });
  });
}

export interface WoondealAction {
  id: string;
  woondealId: string;
  title: string;
  status: ActionStatus;
  dueDate: string | null;
  workspaceId: string;
  workspaceName: string;
}

/**
 * The actions serving these woondeals, of the given workspaces only (a region shows its own and its
 * gemeenten'; a gemeente its own), by workspace and title.
 */
export async function listWoondealActions(
  db: Kysely<Database>,
  woondealIds: string[],
  workspaceIds: string[]
): Promise<WoondealAction[]> {
  if (woondealIds.length === 0 || workspaceIds.length === 0) return [];
  const rows = await db
    .selectFrom('actions')
    .innerJoin('workspaces', 'workspaces.id', 'actions.workspace_id')
    .select([
      'actions.id',
      'actions.woondeal_id as woondealId',
      'actions.title',
      'actions.status',
      'actions.due_date as dueDate',
      'actions.workspace_id as workspaceId',
      'workspaces.name as workspaceName',
      'workspaces.kind as workspaceKind',
    ])
    .where('actions.woondeal_id', 'in', woondealIds)
    .where('actions.workspace_id', 'in', workspaceIds)
    .execute();
  // The region's own actions first, then the gemeenten by name; within a workspace by title.
  return rows
    .sort(
      (a, b) =>
        (a.workspaceKind === b.workspaceKind ? 0 : a.workspaceKind === 'regio' ? -1 : 1) ||
        a.workspaceName.localeCompare(b.workspaceName, 'nl') ||
        a.title.localeCompare(b.title, 'nl')
    )
    .map(({ workspaceKind: _kind, woondealId, ...row }) => ({ ...row, woondealId: woondealId! }));
}

/** Per woondeal, how many of its actions (of the given workspaces) have each status: one grouped query. */
export async function countWoondealActions(
  db: Kysely<Database>,
  woondealIds: string[],
  workspaceIds: string[]
): Promise<Record<string, Partial<Record<ActionStatus, number>>>> {
  const counts: Record<string, Partial<Record<ActionStatus, number>>> = {};
  if (woondealIds.length === 0 || workspaceIds.length === 0) return counts;
  const rows = await db
    .selectFrom('actions')
    .select(['woondeal_id as woondealId', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('woondeal_id', 'in', woondealIds)
    .where('workspace_id', 'in', workspaceIds)
    .groupBy(['woondeal_id', 'status'])
    .execute();
  for (const row of rows) (counts[row.woondealId!] ??= {})[row.status] = Number(row.count);
  return counts;
}
