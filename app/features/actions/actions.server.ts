// Advised actions (step 3): one function per intent, each in a transaction with its audit row.
import { sql, type Kysely } from 'kysely';
import type { ActionLevel, ActionPriority, ActionStatus, Database, Workspace } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { listMembers } from '../../core/memberships.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { listOrganisations } from '../accounts/organisations.server.ts';
import { listTargetGroups } from '../analysis/indicators.server.ts';
import { listKnelpunten } from '../analysis/knelpunten.server.ts';
import { listPlanHeadings } from '../documents/plan-headings.server.ts';
import { listWoondeals } from '../woondeals/woondeals.server.ts';
import { canMoveStatus, statusJumpMessage } from './action-status.ts';
import { likePattern, linkErrors, type ActionFilter, type FieldErrors, type LinkChoices } from './action-forms.ts';

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

/**
 * The actions of these workspaces (a region lists its gemeenten' too), soonest due first; with a filter,
 * only those with that status, level, aandachtsgroep, owner, and text in their title or description.
 */
export async function listActions(
  db: Kysely<Database>,
  workspaceIds: readonly string[],
  filter: Partial<Pick<ActionFilter, 'status' | 'level' | 'targetGroupId' | 'ownerUserId' | 'q'>> = {}
): Promise<ActionView[]> {
  if (workspaceIds.length === 0) return [];
  let query = actionQuery(db).where('actions.workspace_id', 'in', [...workspaceIds]);
  if (filter.status) query = query.where('actions.status', '=', filter.status);
  if (filter.level) query = query.where('actions.level', '=', filter.level);
  if (filter.targetGroupId) query = query.where('actions.target_group_id', '=', filter.targetGroupId);
  if (filter.ownerUserId) query = query.where('actions.owner_user_id', '=', filter.ownerUserId);
  if (filter.q) {
    // LIKE is case-insensitive for ASCII in SQLite; lower() on both sides covers the rest of what it folds.
    const pattern = likePattern(filter.q.toLowerCase());
    query = query.where(
      (eb) =>
        sql<boolean>`(lower(${eb.ref('actions.title')}) like ${pattern} escape '\\' or lower(${eb.ref('actions.description')}) like ${pattern} escape '\\')`
    );
  }
  return query
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

/** The knelpunten each of these actions answers, by action id. */
export async function knelpuntenByAction(db: Kysely<Database>, actionIds: readonly string[]) {
  const byAction = new Map<string, Array<{ id: string; title: string }>>();
  for (const row of await listActionKnelpunten(db, actionIds)) {
    byAction.set(row.actionId, [...(byAction.get(row.actionId) ?? []), { id: row.id, title: row.title }]);
  }
  return byAction;
}

/** What an action of this workspace may link to, with the labels the form shows. */
export async function loadActionChoices(
  db: Kysely<Database>,
  readState: (documentId: string) => Promise<Uint8Array>,
  workspace: Workspace
) {
  const regionId = workspace.kind === 'regio' ? workspace.id : workspace.parent_id!;
  const [members, organisations, targetGroups, knelpunten, plans, woondeals] = await Promise.all([
    listMembers(db, workspace),
    listOrganisations(db),
    listTargetGroups(db),
    listKnelpunten(db, [workspace.id]),
    listPlanHeadings(db, readState, workspace.id),
    listWoondeals(db, regionId),
  ]);
  return {
    members: members.map((m) => ({ value: m.userId, label: m.organisationName ? `${m.name} (${m.organisationName})` : m.name })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    targetGroups: targetGroups.map((g) => ({ value: g.id, label: g.name })),
    knelpunten: knelpunten.map((k) => ({ value: k.id, label: `${k.title} (${k.targetGroupName})` })),
    plans,
    woondeals: woondeals.map((w) => ({ value: w.id, label: w.name })),
  };
}

export type ActionChoices = Awaited<ReturnType<typeof loadActionChoices>>;

/** The field errors of these values' links, against what this workspace holds (empty: all good). */
export function checkActionLinks(values: ActionValues, choices: ActionChoices): FieldErrors {
  const ids: LinkChoices = {
    memberIds: choices.members.map((m) => m.value),
    organisationIds: choices.organisations.map((o) => o.value),
    targetGroupIds: choices.targetGroups.map((g) => g.value),
    knelpuntIds: choices.knelpunten.map((k) => k.value),
    plans: choices.plans,
    woondealIds: choices.woondeals.map((w) => w.value),
  };
  return linkErrors(values, ids);
}

const FIELD_COLUMNS: Record<Exclude<keyof ActionValues, 'knelpuntIds'>, keyof ActionView> = {
  title: 'title',
  description: 'description',
  level: 'level',
  ownerOrganisationId: 'ownerOrganisationId',
  ownerUserId: 'ownerUserId',
  targetGroupId: 'targetGroupId',
  documentId: 'documentId',
  heading: 'heading',
  dueDate: 'dueDate',
  priority: 'priority',
  woondealId: 'woondealId',
};

/** Changes an action's fields and the knelpunten it answers; the audit row names the fields that changed. */
export async function updateAction(
  db: Kysely<Database>,
  action: ActionView,
  values: ActionValues,
  actorId: string
): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const before = await listActionKnelpunten(trx, [action.id]);
    const stored = columns(values);
    const normalised: ActionValues = { ...values, heading: stored.heading };
    const changed: string[] = (Object.keys(FIELD_COLUMNS) as Array<keyof typeof FIELD_COLUMNS>).filter(
      (field) => normalised[field] !== action[FIELD_COLUMNS[field]]
    );
    const oldKnelpunten = before.map((k) => k.id).sort();
    const newKnelpunten = [...values.knelpuntIds].sort();
    if (oldKnelpunten.join('|') !== newKnelpunten.join('|')) changed.push('knelpuntIds');
    if (changed.length === 0) return [];
    await trx
      .updateTable('actions')
      .set({ ...stored, updated_at: nowIso(), updated_by: actorId })
      .where('id', '=', action.id)
      .execute();
    if (changed.includes('knelpuntIds')) {
      await trx.deleteFrom('action_knelpunten').where('action_id', '=', action.id).execute();
      if (newKnelpunten.length > 0) {
        await trx
          .insertInto('action_knelpunten')
          .values(newKnelpunten.map((knelpunt_id) => ({ action_id: action.id, knelpunt_id })))
          .execute();
      }
    }
    await writeAudit(trx, {
      actorId,
      workspaceId: action.workspaceId,
      action: 'action.update',
      entityType: 'action',
      entityId: action.id,
      details: { title: values.title, changed },
    });
    return changed;
  });
}

export type MoveResult = { ok: true } | { ok: false; message: string };

async function setStatus(trx: Kysely<Database>, action: ActionView, to: ActionStatus, progress: number | null, actorId: string) {
  await trx
    .updateTable('actions')
    .set({
      status: to,
      // Gereed is done: 100 %.
      progress: to === 'gereed' ? 100 : (progress ?? action.progress),
      updated_at: nowIso(),
      updated_by: actorId,
    })
    .where('id', '=', action.id)
    .execute();
}

/** Moves an action to another status, one allowed step (action-status.ts); a jump is refused, nothing changes. */
export async function moveAction(
  db: Kysely<Database>,
  action: ActionView,
  to: ActionStatus,
  actorId: string
): Promise<MoveResult> {
  return inTransaction(db, async (trx): Promise<MoveResult> => {
    // The status as it is now, inside the transaction: two moves at once cannot both step from the same column.
    const { status: from } = await trx
      .selectFrom('actions')
      .select('status')
      .where('id', '=', action.id)
      .executeTakeFirstOrThrow();
    if (!canMoveStatus(from, to)) return { ok: false, message: statusJumpMessage(from, to) };
    if (from === to) return { ok: true };
    await setStatus(trx, action, to, null, actorId);
    await writeAudit(trx, {
      actorId,
      workspaceId: action.workspaceId,
      action: 'action.status',
      entityType: 'action',
      entityId: action.id,
      details: { title: action.title, from, to },
    });
    return { ok: true };
  });
}

export interface ProgressUpdate {
  body: string;
  progress?: number | undefined;
  status?: ActionStatus | undefined;
}

/** A voortgangsbericht: text, and optionally a new progress figure and status (an allowed step only). */
export async function addProgressUpdate(
  db: Kysely<Database>,
  action: ActionView,
  update: ProgressUpdate,
  actorId: string
): Promise<MoveResult> {
  const to = update.status && update.status !== action.status ? update.status : null;
  if (to && !canMoveStatus(action.status, to)) return { ok: false, message: statusJumpMessage(action.status, to) };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('action_updates')
      .values({
        id: crypto.randomUUID(),
        action_id: action.id,
        author_id: actorId,
        body: update.body,
        progress: update.progress ?? null,
        status: to,
        created_at: nowIso(),
      })
      .execute();
    if (to || update.progress !== undefined) {
      await setStatus(trx, action, to ?? action.status, update.progress ?? null, actorId);
    } else {
      await trx.updateTable('actions').set({ updated_at: nowIso(), updated_by: actorId }).where('id', '=', action.id).execute();
    }
    await writeAudit(trx, {
      actorId,
      workspaceId: action.workspaceId,
      action: 'action.progress',
      entityType: 'action',
      entityId: action.id,
      details: { title: action.title, progress: update.progress ?? null, ...(to ? { from: action.status, to } : {}) },
    });
  });
  return { ok: true };
}

export interface ProgressUpdateView {
  id: string;
  authorName: string;
  body: string;
  progress: number | null;
  status: ActionStatus | null;
  createdAt: string;
}

/** The timeline of an action's voortgangsberichten, newest first. */
export async function listProgressUpdates(db: Kysely<Database>, actionId: string): Promise<ProgressUpdateView[]> {
  const rows = await db
    .selectFrom('action_updates')
    .leftJoin('users', 'users.id', 'action_updates.author_id')
    .select([
      'action_updates.id',
      'users.name as authorName',
      'action_updates.body',
      'action_updates.progress',
      'action_updates.status',
      'action_updates.created_at as createdAt',
    ])
    .where('action_updates.action_id', '=', actionId)
    .orderBy('action_updates.created_at', 'desc')
    .orderBy('action_updates.id')
    .execute();
  return rows.map((r) => ({ ...r, authorName: r.authorName ?? 'Onbekend' }));
}

/** The workspaces whose actions a page of this workspace shows: its own, and in a region its gemeenten' too. */
export async function actionScope(db: Kysely<Database>, workspace: Workspace): Promise<string[]> {
  if (workspace.kind !== 'regio') return [workspace.id];
  const gemeenten = await db.selectFrom('workspaces').select('id').where('parent_id', '=', workspace.id).execute();
  return [workspace.id, ...gemeenten.map((g) => g.id)];
}

/** Everyone who owns an action in these workspaces, for the list's owner filter. */
export async function listActionOwners(db: Kysely<Database>, workspaceIds: readonly string[]) {
  if (workspaceIds.length === 0) return [];
  return db
    .selectFrom('actions')
    .innerJoin('users', 'users.id', 'actions.owner_user_id')
    .select(['users.id as value', 'users.name as label'])
    .distinct()
    .where('actions.workspace_id', 'in', [...workspaceIds])
    .orderBy('users.name')
    .execute();
}

export type SaveResult = { ok: true; id: string } | { ok: false; fieldErrors: FieldErrors };

/** A new action of this workspace, once every link is checked against what the workspace holds. */
export async function createCheckedAction(
  db: Kysely<Database>,
  readState: (documentId: string) => Promise<Uint8Array>,
  workspace: Workspace,
  values: ActionValues,
  actorId: string
): Promise<SaveResult> {
  const fieldErrors = checkActionLinks(values, await loadActionChoices(db, readState, workspace));
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, id: await createAction(db, workspace.id, values, actorId) };
}

/** Changes an action of this workspace, once every link is checked; nothing changes when one is wrong. */
export async function updateCheckedAction(
  db: Kysely<Database>,
  readState: (documentId: string) => Promise<Uint8Array>,
  workspace: Workspace,
  action: ActionView,
  values: ActionValues,
  actorId: string
): Promise<SaveResult> {
  const fieldErrors = checkActionLinks(values, await loadActionChoices(db, readState, workspace));
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  await updateAction(db, action, values, actorId);
  return { ok: true, id: action.id };
}
