// The checklist of each step: items the projectleider adapts and ticks, each possibly pointing at the heading
// of the plan that covers it. One function per intent; each writes its audit row in the same transaction.
import type { Kysely, Updateable } from 'kysely';
import type { ChecklistItemsTable, Database } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit, type AuditAction } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import type { HeadingRef } from '../documents/plan-headings.ts';

export interface ChecklistItemView {
  id: string;
  workspaceId: string;
  step: number;
  position: number;
  text: string;
  documentId: string | null;
  heading: string | null;
  checkedAt: string | null;
  checkedByName: string | null;
}

export interface ChecklistSummary {
  open: number;
  total: number;
}

function itemQuery(db: Kysely<Database>) {
  return db
    .selectFrom('checklist_items as c')
    .leftJoin('users as u', 'u.id', 'c.checked_by')
    .select([
      'c.id',
      'c.workspace_id as workspaceId',
      'c.step',
      'c.position',
      'c.text',
      'c.document_id as documentId',
      'c.heading',
      'c.checked_at as checkedAt',
      'u.name as checkedByName',
    ]);
}

/** The items of one step of a workspace, in their order, with who ticked each and when. */
export async function listChecklist(db: Kysely<Database>, workspaceId: string, step: number): Promise<ChecklistItemView[]> {
  return itemQuery(db)
    .where('c.workspace_id', '=', workspaceId)
    .where('c.step', '=', step)
    .orderBy('c.position')
    .orderBy('c.created_at')
    .execute();
}

/** One item, whatever its workspace (the policy compares that with the URL's); undefined for an unknown id. */
export async function getChecklistItem(db: Kysely<Database>, id: string): Promise<ChecklistItemView | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return itemQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** Per step of a workspace: how many items are still open, of how many. Steps without items are absent. */
export async function checklistSummary(db: Kysely<Database>, workspaceId: string): Promise<Record<number, ChecklistSummary>> {
  const rows = await db
    .selectFrom('checklist_items')
    .select(({ fn }) => ['step', fn.countAll<number>().as('total'), fn.count<number>('checked_at').as('checked')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('step')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.step, { open: Number(r.total) - Number(r.checked), total: Number(r.total) }]));
}

export async function addItem(
  db: Kysely<Database>,
  workspaceId: string,
  step: number,
  text: string,
  actorId: string
): Promise<string> {
  const id = crypto.randomUUID();
  await inTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom('checklist_items')
      .select(({ fn }) => fn.max<number | null>('position').as('max'))
      .where('workspace_id', '=', workspaceId)
      .where('step', '=', step)
      .executeTakeFirst();
    const now = nowIso();
    await trx
      .insertInto('checklist_items')
      .values({
        id,
        workspace_id: workspaceId,
        step,
        position: (last?.max ?? -1) + 1,
        text,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'checklist.add',
      entityType: 'checklist_item',
      entityId: id,
      details: { step, text },
    });
  });
  return id;
}

/** The audit row of a change to one item; every row names the item's step and text, so the logboek can say which. */
function auditItem(
  trx: Kysely<Database>,
  item: ChecklistItemView,
  actorId: string,
  action: AuditAction,
  details: Record<string, unknown> = {}
): Promise<void> {
  return writeAudit(trx, {
    actorId,
    workspaceId: item.workspaceId,
    action,
    entityType: 'checklist_item',
    entityId: item.id,
    details: { step: item.step, text: item.text, ...details },
  });
}

/** Sets columns of one item and audits it, in one transaction. */
async function updateItem(
  db: Kysely<Database>,
  item: ChecklistItemView,
  set: Updateable<ChecklistItemsTable>,
  actorId: string,
  action: AuditAction,
  details: Record<string, unknown> = {}
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('checklist_items')
      .set({ ...set, updated_at: nowIso() })
      .where('id', '=', item.id)
      .execute();
    await auditItem(trx, item, actorId, action, details);
  });
}

export async function renameItem(db: Kysely<Database>, item: ChecklistItemView, text: string, actorId: string): Promise<void> {
  if (text === item.text) return;
  await updateItem(db, item, { text }, actorId, 'checklist.update', { text: { from: item.text, to: text } });
}

export async function removeItem(db: Kysely<Database>, item: ChecklistItemView, actorId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('checklist_items').where('id', '=', item.id).execute();
    await auditItem(trx, item, actorId, 'checklist.remove', { checked: item.checkedAt !== null });
  });
}

/**
 * Moves an item one place up or down in its step's list (it swaps places with its neighbour), or to a given
 * position (0 = first). Returns false when there is nowhere to go (the first item up, the last down).
 */
export async function moveItem(
  db: Kysely<Database>,
  item: ChecklistItemView,
  to: 'up' | 'down' | { position: number },
  actorId: string
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const order = (await listChecklist(trx, item.workspaceId, item.step)).map((i) => i.id);
    const from = order.indexOf(item.id);
    const target =
      to === 'up' ? from - 1 : to === 'down' ? from + 1 : Math.max(0, Math.min(order.length - 1, Math.trunc(to.position)));
    if (from === -1 || target < 0 || target >= order.length || target === from) return false;
    order.splice(from, 1);
    order.splice(target, 0, item.id);
    const now = nowIso();
    // Positions are renumbered 0..n-1, so gaps from removed items disappear too.
    for (const [position, id] of order.entries()) {
      await trx.updateTable('checklist_items').set({ position, updated_at: now }).where('id', '=', id).execute();
    }
    await auditItem(trx, item, actorId, 'checklist.update', { position: { from: from + 1, to: target + 1 } });
    return true;
  });
}

export async function tickItem(db: Kysely<Database>, item: ChecklistItemView, actorId: string): Promise<void> {
  if (item.checkedAt) return;
  await updateItem(db, item, { checked_at: nowIso(), checked_by: actorId }, actorId, 'checklist.tick');
}

export async function untickItem(db: Kysely<Database>, item: ChecklistItemView, actorId: string): Promise<void> {
  if (!item.checkedAt) return;
  await updateItem(db, item, { checked_at: null, checked_by: null }, actorId, 'checklist.untick', {
    checkedBy: item.checkedByName,
    checkedAt: item.checkedAt,
  });
}

/**
 * Points the item at the heading of a plan that covers it, or at none (null). The caller has checked that
 * the heading exists in a document of the item's workspace.
 */
export async function pointItemAtHeading(
  db: Kysely<Database>,
  item: ChecklistItemView,
  ref: HeadingRef | null,
  actorId: string
): Promise<void> {
  const documentId = ref?.documentId ?? null;
  const heading = ref?.heading ?? null;
  if (documentId === item.documentId && heading === item.heading) return;
  await updateItem(db, item, { document_id: documentId, heading }, actorId, 'checklist.update', {
    heading: { from: item.heading, to: heading },
    documentId,
  });
}
