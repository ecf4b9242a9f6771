// Meetings (overleggen) with their besluitenlijst: one function per intent, each in a transaction with its
// audit row. Who may is the meeting policy's question; whether a participant, owner or agenda document
// belongs to this workspace is answered here, per field, before anything is written.
import type { Kysely } from 'kysely';
import type { ActionStatus, Database, MeetingKind, Workspace } from '../../../db/schema.ts';
import { nowIso, todayInNetherlands } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { listMembers } from '../../core/memberships.server.ts';
import { createAction } from '../actions/actions.server.ts';
import { actionTitleFrom, type DecisionValues, type MeetingValues } from './meeting-forms.ts';

export type FieldErrors = Record<string, string[]>;
export type Saved<T = string> = { ok: true; id: T } | { ok: false; fieldErrors: FieldErrors };

const NOT_A_MEMBER = 'Kies deelnemers uit de leden van deze werkruimte.';
const OWNER_NOT_A_MEMBER = 'Kies een eigenaar uit de leden van deze werkruimte.';
const NOT_AN_AGENDA = 'Kies een document van deze werkruimte als agenda.';

/** What the meeting policy needs to know about a meeting. */
export interface MeetingRecordView {
  id: string;
  workspaceId: string;
  date: string;
  adoptedAt: string | null;
}

export interface MeetingSummary extends MeetingRecordView {
  kind: MeetingKind;
  title: string;
  startTime: string | null;
  endTime: string | null;
  participantCount: number;
  decisionCount: number;
  adoptedInTitle: string | null;
  adoptedInDate: string | null;
}

export interface DecisionView {
  id: string;
  position: number;
  text: string;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  actionId: string | null;
  actionTitle: string | null;
  actionStatus: ActionStatus | null;
}

export interface MeetingView extends MeetingSummary {
  location: string;
  minutes: string;
  agendaDocumentId: string | null;
  agendaTitle: string | null;
  agendaArchived: boolean;
  adoptedInMeetingId: string | null;
  adoptedByName: string | null;
  participants: Array<{ id: string; name: string; organisationName: string | null }>;
  decisions: DecisionView[];
  /** Earlier meetings whose minutes were vastgesteld in this one. */
  adoptedHere: Array<{ id: string; title: string; date: string }>;
}

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('meetings')
    .leftJoin('meetings as adopted_in', 'adopted_in.id', 'meetings.adopted_in_meeting_id')
    .select((eb) => [
      'meetings.id',
      'meetings.workspace_id as workspaceId',
      'meetings.kind',
      'meetings.title',
      'meetings.date',
      'meetings.start_time as startTime',
      'meetings.end_time as endTime',
      'meetings.adopted_at as adoptedAt',
      'adopted_in.title as adoptedInTitle',
      'adopted_in.date as adoptedInDate',
      eb
        .selectFrom('meeting_participants')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('meeting_participants.meeting_id', '=', 'meetings.id')
        .as('participantCount'),
      eb
        .selectFrom('meeting_decisions')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('meeting_decisions.meeting_id', '=', 'meetings.id')
        .as('decisionCount'),
    ]);
}

function toSummary<T extends { participantCount: number | null; decisionCount: number | null }>(row: T) {
  return { ...row, participantCount: Number(row.participantCount ?? 0), decisionCount: Number(row.decisionCount ?? 0) };
}

/** The workspace's meetings: komende (today and later, soonest first) and eerdere (latest first), in Dutch days. */
export async function listMeetings(
  db: Kysely<Database>,
  workspaceId: string,
  now = new Date()
): Promise<{ upcoming: MeetingSummary[]; past: MeetingSummary[] }> {
  const rows = (
    await summaryQuery(db)
      .where('meetings.workspace_id', '=', workspaceId)
      .orderBy('meetings.date')
      .orderBy((eb) => eb.fn.coalesce('meetings.start_time', eb.val('')))
      .orderBy('meetings.created_at')
      .execute()
  ).map(toSummary);
  const today = todayInNetherlands(now);
  return { upcoming: rows.filter((m) => m.date >= today), past: rows.filter((m) => m.date < today).reverse() };
}

/** Just enough of a meeting for the policy: its workspace, date and whether its minutes are vastgesteld. */
export async function getMeetingRecord(db: Kysely<Database>, id: string): Promise<MeetingRecordView | undefined> {
  if (!id) return undefined;
  return db
    .selectFrom('meetings')
    .select(['id', 'workspace_id as workspaceId', 'date', 'adopted_at as adoptedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function getMeeting(db: Kysely<Database>, id: string): Promise<MeetingView | undefined> {
  const row = await summaryQuery(db)
    .leftJoin('documents', 'documents.id', 'meetings.agenda_document_id')
    .leftJoin('users as adopter', 'adopter.id', 'meetings.adopted_by')
    .select([
      'meetings.location',
      'meetings.minutes',
      'meetings.agenda_document_id as agendaDocumentId',
      'documents.title as agendaTitle',
      'documents.archived_at as agendaArchivedAt',
      'meetings.adopted_in_meeting_id as adoptedInMeetingId',
      'adopter.name as adoptedByName',
    ])
    .where('meetings.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [participants, decisions, adoptedHere] = await Promise.all([
    db
      .selectFrom('meeting_participants')
      .innerJoin('users', 'users.id', 'meeting_participants.user_id')
      .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.id', 'users.name', 'organisations.name as organisationName'])
      .where('meeting_participants.meeting_id', '=', id)
      .orderBy('users.name')
      .execute(),
    db
      .selectFrom('meeting_decisions')
      .leftJoin('users', 'users.id', 'meeting_decisions.owner_user_id')
      .leftJoin('actions', 'actions.id', 'meeting_decisions.action_id')
      .select([
        'meeting_decisions.id',
        'meeting_decisions.position',
        'meeting_decisions.text',
        'meeting_decisions.owner_user_id as ownerId',
        'users.name as ownerName',
        'meeting_decisions.due_date as dueDate',
        'meeting_decisions.action_id as actionId',
        'actions.title as actionTitle',
        'actions.status as actionStatus',
      ])
      .where('meeting_decisions.meeting_id', '=', id)
      .orderBy('meeting_decisions.position')
      .execute(),
    db.selectFrom('meetings').select(['id', 'title', 'date']).where('adopted_in_meeting_id', '=', id).orderBy('date').execute(),
  ]);
  const { agendaArchivedAt, ...rest } = toSummary(row);
  return { ...rest, agendaArchived: agendaArchivedAt !== null, participants, decisions, adoptedHere };
}

/** Earlier meetings of the workspace whose minutes are not vastgesteld yet: what may be vastgesteld in `meeting`. */
export async function listAdoptable(db: Kysely<Database>, meeting: MeetingRecordView) {
  return db
    .selectFrom('meetings')
    .select(['id', 'kind', 'title', 'date'])
    .where('workspace_id', '=', meeting.workspaceId)
    .where('date', '<', meeting.date)
    .where('adopted_at', 'is', null)
    .orderBy('date', 'desc')
    .execute();
}

/** The documents that may be a meeting's agenda: this workspace's, not archived. */
export async function listAgendaDocuments(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'title', 'step'])
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .orderBy('step')
    .orderBy('title')
    .execute();
}

/** Field errors for references outside this workspace: participants, agenda, and a date before minutes adopted here. */
async function checkMeeting(
  db: Kysely<Database>,
  workspace: Workspace,
  values: MeetingValues,
  current?: { id: string; agendaDocumentId: string | null }
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const members = new Set((await listMembers(db, workspace)).map((m) => m.userId));
  if (values.participantIds.some((id) => !members.has(id))) errors.participantIds = [NOT_A_MEMBER];
  if (values.agendaDocumentId) {
    const doc = await db
      .selectFrom('documents')
      .select(['workspace_id', 'archived_at'])
      .where('id', '=', values.agendaDocumentId)
      .executeTakeFirst();
    // An agenda that was archived after it was chosen may stay; a new choice is one of the current documents.
    const keeps = current?.agendaDocumentId === values.agendaDocumentId;
    if (!doc || doc.workspace_id !== workspace.id || (doc.archived_at && !keeps)) errors.agendaDocumentId = [NOT_AN_AGENDA];
  }
  if (current) {
    const adoptedHere = await db
      .selectFrom('meetings')
      .select(['title', 'date'])
      .where('adopted_in_meeting_id', '=', current.id)
      .where('date', '>=', values.date)
      .orderBy('date', 'desc')
      .executeTakeFirst();
    if (adoptedHere) {
      errors.date = [
        `In dit overleg is het verslag van ‘${adoptedHere.title}’ vastgesteld; kies een datum na ${adoptedHere.date
          .split('-')
          .reverse()
          .join('-')}.`,
      ];
    }
  }
  return errors;
}

function meetingColumns(values: MeetingValues) {
  return {
    kind: values.kind,
    title: values.title,
    date: values.date,
    start_time: values.startTime ?? null,
    end_time: values.endTime ?? null,
    location: values.location,
    agenda_document_id: values.agendaDocumentId || null,
    minutes: values.minutes,
  };
}

async function setParticipants(trx: Kysely<Database>, meetingId: string, userIds: string[]) {
  await trx.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).execute();
  if (userIds.length > 0) {
    await trx
      .insertInto('meeting_participants')
      .values(userIds.map((user_id) => ({ meeting_id: meetingId, user_id })))
      .execute();
  }
}

export async function createMeeting(
  db: Kysely<Database>,
  workspace: Workspace,
  values: MeetingValues,
  actorId: string
): Promise<Saved> {
  const fieldErrors = await checkMeeting(db, workspace, values);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const id = await inTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const now = nowIso();
    await trx
      .insertInto('meetings')
      .values({
        id,
        workspace_id: workspace.id,
        ...meetingColumns(values),
        created_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await setParticipants(trx, id, values.participantIds);
    await writeAudit(trx, {
      actorId,
      workspaceId: workspace.id,
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: id,
      details: { title: values.title, date: values.date },
    });
    return id;
  });
  return { ok: true, id };
}

/** Changes a meeting whose minutes are not vastgesteld (the policy asked; the update asks again, in its transaction). */
export async function updateMeeting(
  db: Kysely<Database>,
  workspace: Workspace,
  meeting: { id: string; agendaDocumentId: string | null },
  values: MeetingValues,
  actorId: string
): Promise<Saved> {
  const fieldErrors = await checkMeeting(db, workspace, values, meeting);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('meetings')
      .set({ ...meetingColumns(values), updated_at: nowIso() })
      .where('id', '=', meeting.id)
      .where('workspace_id', '=', workspace.id)
      .where('adopted_at', 'is', null)
      .executeTakeFirst()
      .then(one);
    await setParticipants(trx, meeting.id, values.participantIds);
    await writeAudit(trx, {
      actorId,
      workspaceId: workspace.id,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: meeting.id,
      details: { title: values.title, date: values.date },
    });
  });
  return { ok: true, id: meeting.id };
}

/** A decision of this meeting (undefined for another meeting's or an unknown id). */
export async function getDecision(db: Kysely<Database>, meetingId: string, decisionId: string) {
  if (!decisionId) return undefined;
  return db
    .selectFrom('meeting_decisions')
    .selectAll()
    .where('id', '=', decisionId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
}

async function checkOwner(db: Kysely<Database>, workspace: Workspace, values: DecisionValues): Promise<FieldErrors> {
  if (!values.ownerId) return {};
  const members = await listMembers(db, workspace);
  return members.some((m) => m.userId === values.ownerId) ? {} : { ownerId: [OWNER_NOT_A_MEMBER] };
}

/** The update changed exactly one row: else it rolls back (the minutes were vastgesteld meanwhile, or the row went). */
function one(result: { numUpdatedRows: bigint }): void {
  if (Number(result.numUpdatedRows) !== 1) throw new Error('Overleg of besluit niet gevonden, of het verslag is al vastgesteld.');
}

async function touch(trx: Kysely<Database>, meetingId: string) {
  // Only while the minutes are open: a decision of a vastgesteld meeting is not changed, whatever raced.
  one(
    await trx
      .updateTable('meetings')
      .set({ updated_at: nowIso() })
      .where('id', '=', meetingId)
      .where('adopted_at', 'is', null)
      .executeTakeFirst()
  );
}

export async function addDecision(
  db: Kysely<Database>,
  workspace: Workspace,
  meetingId: string,
  values: DecisionValues,
  actorId: string
): Promise<Saved> {
  const fieldErrors = await checkOwner(db, workspace, values);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const id = await inTransaction(db, async (trx) => {
    await touch(trx, meetingId);
    const id = crypto.randomUUID();
    const last = await trx
      .selectFrom('meeting_decisions')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    await trx
      .insertInto('meeting_decisions')
      .values({
        id,
        meeting_id: meetingId,
        position: Number(last?.max ?? 0) + 1,
        text: values.text,
        owner_user_id: values.ownerId ?? null,
        due_date: values.dueDate ?? null,
        created_by: actorId,
        created_at: nowIso(),
      })
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: workspace.id,
      action: 'decision.create',
      entityType: 'meeting',
      entityId: meetingId,
      details: { decisionId: id, text: values.text },
    });
    return id;
  });
  return { ok: true, id };
}

export async function updateDecision(
  db: Kysely<Database>,
  workspace: Workspace,
  meetingId: string,
  decisionId: string,
  values: DecisionValues,
  actorId: string
): Promise<Saved> {
  const fieldErrors = await checkOwner(db, workspace, values);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  await inTransaction(db, async (trx) => {
    await touch(trx, meetingId);
    await trx
      .updateTable('meeting_decisions')
      .set({ text: values.text, owner_user_id: values.ownerId ?? null, due_date: values.dueDate ?? null })
      .where('id', '=', decisionId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst()
      .then(one);
    await writeAudit(trx, {
      actorId,
      workspaceId: workspace.id,
      action: 'decision.update',
      entityType: 'meeting',
      entityId: meetingId,
      details: { decisionId, text: values.text },
    });
  });
  return { ok: true, id: decisionId };
}

/** Takes a line off the besluitenlijst; an action made from it stays (it links to the meeting still). */
export async function removeDecision(
  db: Kysely<Database>,
  workspaceId: string,
  meetingId: string,
  decision: { id: string; text: string },
  actorId: string
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await touch(trx, meetingId);
    await trx.deleteFrom('meeting_decisions').where('id', '=', decision.id).where('meeting_id', '=', meetingId).execute();
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'decision.remove',
      entityType: 'meeting',
      entityId: meetingId,
      details: { decisionId: decision.id, text: decision.text },
    });
  });
}

/**
 * Marks the minutes of `meeting` vastgesteld in the later meeting `inMeeting` (the policy checked both).
 * From then on the meeting and its besluitenlijst are read-only.
 */
export async function adoptMinutes(
  db: Kysely<Database>,
  meeting: { id: string; workspaceId: string },
  inMeeting: { id: string },
  actorId: string
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const now = nowIso();
    await trx
      .updateTable('meetings')
      .set({ adopted_at: now, adopted_by: actorId, adopted_in_meeting_id: inMeeting.id, updated_at: now })
      .where('id', '=', meeting.id)
      .where('adopted_at', 'is', null)
      .executeTakeFirst()
      .then(one);
    await writeAudit(trx, {
      actorId,
      workspaceId: meeting.workspaceId,
      action: 'meeting.adopt',
      entityType: 'meeting',
      entityId: meeting.id,
      details: { inMeetingId: inMeeting.id },
    });
  });
}

/**
 * Makes an action from a decision in one step: "besloten", linked to the meeting, owned by the decision's
 * owner (and their organisation), due when the decision is. A decision that has its action already keeps
 * it: `created` is false then (a second press of the button makes no second action).
 */
export async function decisionToAction(
  db: Kysely<Database>,
  workspace: Workspace,
  meetingId: string,
  decisionId: string,
  actorId: string
): Promise<{ actionId: string; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const decision = await getDecision(trx, meetingId, decisionId);
    if (!decision) throw new Error('Besluit niet gevonden');
    if (decision.action_id) return { actionId: decision.action_id, created: false };
    const owner = decision.owner_user_id
      ? await trx.selectFrom('users').select('organisation_id').where('id', '=', decision.owner_user_id).executeTakeFirst()
      : undefined;
    const actionId = await createAction(
      trx,
      workspace.id,
      {
        title: actionTitleFrom(decision.text),
        description: decision.text,
        level: workspace.kind === 'regio' ? 'regionaal' : 'lokaal',
        ownerOrganisationId: owner?.organisation_id ?? null,
        ownerUserId: decision.owner_user_id,
        targetGroupId: null,
        knelpuntIds: [],
        documentId: null,
        heading: null,
        dueDate: decision.due_date,
        priority: 'normaal',
        woondealId: null,
      },
      actorId,
      { meetingId, decisionId }
    );
    return { actionId, created: true };
  });
}
