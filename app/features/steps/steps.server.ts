import type { Kysely } from 'kysely';
import type { Database, StepStatus } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export const STEP_NUMBERS = [1, 2, 3, 4] as const;

export interface StepView {
  id: string;
  workspaceId: string;
  number: number;
  status: StepStatus;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  note: string;
  updatedAt: string;
  updatedByName: string | null;
}

function stepQuery(db: Kysely<Database>) {
  return db
    .selectFrom('steps')
    .leftJoin('users as owner', 'owner.id', 'steps.owner_id')
    .leftJoin('users as editor', 'editor.id', 'steps.updated_by')
    .select([
      'steps.id',
      'steps.workspace_id as workspaceId',
      'steps.number',
      'steps.status',
      'steps.owner_id as ownerId',
      'owner.name as ownerName',
      'steps.due_date as dueDate',
      'steps.note',
      'steps.updated_at as updatedAt',
      'editor.name as updatedByName',
    ]);
}

export async function listSteps(db: Kysely<Database>, workspaceId: string): Promise<StepView[]> {
  return stepQuery(db).where('steps.workspace_id', '=', workspaceId).orderBy('steps.number').execute();
}

/** Steps of several workspaces at once (the home page's overview). */
export async function listStepsOf(db: Kysely<Database>, workspaceIds: string[]) {
  if (workspaceIds.length === 0) return [];
  return stepQuery(db).where('steps.workspace_id', 'in', workspaceIds).orderBy('steps.number').execute();
}

export async function getStep(db: Kysely<Database>, workspaceId: string, number: number): Promise<StepView | undefined> {
  return stepQuery(db).where('steps.workspace_id', '=', workspaceId).where('steps.number', '=', number).executeTakeFirst();
}

export interface StepChanges {
  status: StepStatus;
  ownerId: string | null;
  dueDate: string | null;
  note: string;
}

/**
 * Saves the step's changes. `openItems`: how many checklist items were still open when the projectleider
 * confirmed completing the step anyway (noted in the audit row).
 */
export async function updateStep(
  db: Kysely<Database>,
  step: StepView,
  changes: StepChanges,
  actorId: string,
  options: { openItems?: number } = {}
): Promise<void> {
  const before = { status: step.status, ownerId: step.ownerId, dueDate: step.dueDate, note: step.note };
  const changed = Object.fromEntries(
    (Object.keys(changes) as (keyof StepChanges)[])
      .filter((key) => changes[key] !== before[key])
      .map((key) => [key, { from: before[key], to: changes[key] }])
  );
  if (Object.keys(changed).length === 0) return;
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('steps')
      .set({
        status: changes.status,
        owner_id: changes.ownerId,
        due_date: changes.dueDate,
        note: changes.note,
        updated_at: nowIso(),
        updated_by: actorId,
      })
      .where('id', '=', step.id)
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: step.workspaceId,
      action: 'step.update',
      entityType: 'step',
      entityId: String(step.number),
      details: options.openItems ? { ...changed, openItems: options.openItems } : changed,
    });
  });
}
