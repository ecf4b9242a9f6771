// Advised actions (step 3): one function per intent, each in a transaction with its audit row.
import type { Kysely } from 'kysely';
import type { ActionLevel, ActionPriority, ActionStatus, Database } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export interface ActionValues {
  title: string;
  description: string;
  level: ActionLevel;
  ownerOrganisationId: string | null;
  ownerUserId: string | null;
  targetGroupId: string | null;
  knelpuntIds: string[];
  documentId: string | null;
  heading: string | null;
  dueDate: string | null;
  priority: ActionPriority;
  woondealId: string | null;
}

export interface ActionView extends Omit<ActionValues, 'knelpuntIds'> {
  id: string;
  workspaceId: string;
  workspaceParentId: string | null;
  workspaceSlug: string;
  workspaceName: string;
  status: ActionStatus;
  progress: number;
  meetingId: string | null;
  ownerUserName: string | null;
  ownerOrganisationName: string | null;
  targetGroupName: string | null;
  documentTitle: string | null;
  woondealName: string | null;
  meetingTitle: string | null;
  meetingDate: string | null;
  updatedAt: string;
}

function actionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('actions')
    .innerJoin('workspaces', 'workspaces.id', 'actions.workspace_id')
    .leftJoin('users as owner', 'owner.id', 'actions.owner_user_id')
    .leftJoin('organisations', 'organisations.id', 'actions.owner_organisation_id')
    .leftJoin('target_groups', 'target_groups.id', 'actions.target_group_id')
    .leftJoin('documents', 'documents.id', 'actions.document_id')
    .leftJoin('woondeals', 'woondeals.id', 'actions.woondeal_id')
    .leftJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .select([
      'actions.id',
      'actions.workspace_id as workspaceId',
      'workspaces.parent_id as workspaceParentId',
      'workspaces.slug as workspaceSlug',
      'workspaces.name as workspaceName',
      'actions.title',
      'actions.description',
      'actions.level',
      'actions.owner_organisation_id as ownerOrganisationId',
      'organisations.name as ownerOrganisationName',
      'actions.owner_user_id as ownerUserId',
      'owner.name as ownerUserName',
      'actions.target_group_id as targetGroupId',
      'target_groups.name as targetGroupName',
      'actions.document_id as documentId',
      'documents.title as documentTitle',
      'actions.heading',
      'actions.due_date as dueDate',
      'actions.priority',
      'actions.status',
      'actions.progress',
      'actions.woondeal_id as woondealId',
      'woondeals.name as woondealName',
      'actions.meeting_id as meetingId',
      'meetings.title as meetingTitle',
      'meetings.date as meetingDate',
      'actions.updated_at as updatedAt',
    ]);
}

/** The actions of these workspaces (a region lists its gemeenten' too), soonest due first. */
export async function listActions(db: Kysely<Database>, workspaceIds: readonly string[]): Promise<ActionView[]> {
  if (workspaceIds.length === 0) return [];
  return actionQuery(db)
    .where('actions.workspace_id', 'in', [...workspaceIds])
    .orderBy((eb) => eb.fn.coalesce('actions.due_date', eb.val('9999-12-31')))
    .orderBy('actions.created_at')
    .execute();
}

export async function getAction(db: Kysely<Database>, id: string): Promise<ActionView | undefined> {
  return actionQuery(db).where('actions.id', '=', id).executeTakeFirst();
}

export async function listActionKnelpunten(db: Kysely<Database>, actionIds: readonly string[]) {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom('action_knelpunten')
    .innerJoin('knelpunten', 'knelpunten.id', 'action_knelpunten.knelpunt_id')
    .select(['action_knelpunten.action_id as actionId', 'knelpunten.id', 'knelpunten.title'])
    .where('action_knelpunten.action_id', 'in', [...actionIds])
    .execute();
}

function columns(values: ActionValues) {
  return {
    title: values.title,
    description: values.description,
    level: values.level,
    owner_organisation_id: values.ownerOrganisationId,
    owner_user_id: values.ownerUserId,
    target_group_id: values.targetGroupId,
    document_id: values.documentId,
    heading: values.documentId ? values.heading : null,
    due_date: values.dueDate,
    priority: values.priority,
    woondeal_id: values.woondealId,
  };
}

/**
 * Records a new action. `origin` is the meeting decision it was made from: the action then starts as
 * "besloten", links back to the meeting, and the decision links to it — in the same transaction.
 */
export async function createAction(
  db: Kysely<Database>,
  workspaceId: string,
  values: ActionValues,
  actorId: string,
  origin?: { meetingId: string; decisionId: string }
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const now = nowIso();
    await trx
      .insertInto('actions')
      .values({
        id,
        workspace_id: workspaceId,
        ...columns(values),
        status: origin ? 'besloten' : 'voorstel',
        progress: 0,
        meeting_id: origin?.meetingId ?? null,
        created_by: actorId,
        created_at: now,
        updated_at: now,
        updated_by: actorId,
      })
      .execute();
    if (values.knelpuntIds.length > 0) {
      await trx
        .insertInto('action_knelpunten')
        .values(values.knelpuntIds.map((knelpunt_id) => ({ action_id: id, knelpunt_id })))
        .execute();
    }
    if (origin) {
      await trx.updateTable('meeting_decisions').set({ action_id: id }).where('id', '=', origin.decisionId).execute();
    }
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: origin ? 'decision.action' : 'action.create',
      entityType: 'action',
      entityId: id,
      details: { title: values.title, ...(origin ? { meetingId: origin.meetingId } : {}) },
    });
    return id;
  });
}
