// Review rounds: a version of a document put to invitees until a deadline, their responses, and closing.
import { sql, type Kysely } from 'kysely';
import type { CommentDecision, Database, ReviewRoundStatus } from '../../../db/schema.ts';
import { formatDate, nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { grantMembership } from '../../core/memberships.server.ts';
import { notify } from '../../core/notifications.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { inviteeUserIds } from './invitees.server.ts';

export interface RoundView {
  id: string;
  workspaceId: string;
  title: string;
  documentId: string;
  documentTitle: string;
  versionId: string;
  versionName: string;
  deadline: string;
  status: ReviewRoundStatus;
  openedAt: string;
  openedByName: string | null;
  closedAt: string | null;
  commentCount: number;
}

function roundQuery(db: Kysely<Database>) {
  return db
    .selectFrom('review_rounds')
    .innerJoin('documents', 'documents.id', 'review_rounds.document_id')
    .innerJoin('document_versions', 'document_versions.id', 'review_rounds.version_id')
    .leftJoin('users', 'users.id', 'review_rounds.opened_by')
    .select((eb) => [
      'review_rounds.id',
      'review_rounds.workspace_id as workspaceId',
      'review_rounds.title',
      'review_rounds.document_id as documentId',
      'documents.title as documentTitle',
      'review_rounds.version_id as versionId',
      'document_versions.name as versionName',
      'review_rounds.deadline',
      'review_rounds.status',
      'review_rounds.opened_at as openedAt',
      'users.name as openedByName',
      'review_rounds.closed_at as closedAt',
      eb
        .selectFrom('comments')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('comments.review_round_id', '=', 'review_rounds.id')
        .where('comments.deleted_at', 'is', null)
        .where('comments.hidden_at', 'is', null)
        .as('commentCount'),
    ]);
}

export async function listRounds(db: Kysely<Database>, workspaceId: string): Promise<RoundView[]> {
  const rows = await roundQuery(db)
    .where('review_rounds.workspace_id', '=', workspaceId)
    .orderBy('review_rounds.opened_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, commentCount: Number(r.commentCount ?? 0) }));
}

export async function getRound(db: Kysely<Database>, workspaceId: string, id: string): Promise<RoundView | undefined> {
  const row = await roundQuery(db)
    .where('review_rounds.workspace_id', '=', workspaceId)
    .where('review_rounds.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, commentCount: Number(row.commentCount ?? 0) } : undefined;
}

/** The open round on this document that this user was invited to, newest first; comments are counted in it. */
export async function openRoundFor(
  db: Kysely<Database>,
  documentId: string,
  user: { id: string; organisationId: string | null }
): Promise<{ id: string; title: string; deadline: string } | undefined> {
  return db
    .selectFrom('review_rounds')
    .innerJoin('review_round_invitees', 'review_round_invitees.round_id', 'review_rounds.id')
    .select(['review_rounds.id', 'review_rounds.title', 'review_rounds.deadline'])
    .where('review_rounds.document_id', '=', documentId)
    .where('review_rounds.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('review_round_invitees.user_id', '=', user.id),
        ...(user.organisationId ? [eb('review_round_invitees.organisation_id', '=', user.organisationId)] : []),
      ])
    )
    .orderBy('review_rounds.opened_at', 'desc')
    .executeTakeFirst();
}

export interface NewRound {
  workspaceId: string;
  documentId: string;
  versionId: string;
  title: string;
  deadline: string;
  userIds: readonly string[];
  organisationIds: readonly string[];
  /** Invitees without comment rights who get the commentator role in this workspace. */
  grantUserIds: readonly string[];
  actor: { id: string; name: string };
  /** The document's page, where invitees respond. */
  documentUrl: string;
}

export async function openRound(db: Kysely<Database>, round: NewRound): Promise<{ id: string; notificationIds: string[] }> {
  return inTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    await trx
      .insertInto('review_rounds')
      .values({
        id,
        workspace_id: round.workspaceId,
        document_id: round.documentId,
        version_id: round.versionId,
        title: round.title,
        deadline: round.deadline,
        status: 'open',
        opened_by: round.actor.id,
        opened_at: nowIso(),
        closed_by: null,
        closed_at: null,
        reminded_at: null,
      })
      .execute();
    const invitees = [
      ...round.userIds.map((user_id) => ({ round_id: id, user_id, organisation_id: null })),
      ...round.organisationIds.map((organisation_id) => ({ round_id: id, user_id: null, organisation_id })),
    ];
    if (invitees.length > 0) await trx.insertInto('review_round_invitees').values(invitees).execute();
    for (const userId of round.grantUserIds) {
      await grantMembership(trx, { workspaceId: round.workspaceId, userId, role: 'commentator' }, round.actor.id);
    }
    const notificationIds = await notify(trx, {
      userIds: await inviteeUserIds(trx, id),
      workspaceId: round.workspaceId,
      kind: 'ronde_uitnodiging',
      actorId: round.actor.id,
      text: `${round.actor.name} vraagt uw reactie op ‘${round.title}’, uiterlijk op ${formatDate(round.deadline)}`,
      url: round.documentUrl,
    });
    await writeAudit(trx, {
      actorId: round.actor.id,
      workspaceId: round.workspaceId,
      action: 'review.open',
      entityType: 'review_round',
      entityId: id,
      details: {
        title: round.title,
        deadline: round.deadline,
        versionId: round.versionId,
        users: round.userIds.length,
        organisations: round.organisationIds.length,
        granted: round.grantUserIds.length,
        grantedUserIds: round.grantUserIds, // their open editors reconnect as commentators (consequences.ts)
      },
    });
    return { id, notificationIds };
  });
}

export interface RoundComment {
  commentId: string;
  threadId: string;
  quote: string;
  body: string;
  authorName: string;
  organisationName: string | null;
  createdAt: string;
  decision: CommentDecision | null;
  decisionNote: string | null;
  decidedByName: string | null;
}

/** Every response given in the round, in order: what is processed, and what the reactienota lists. */
export async function roundComments(db: Kysely<Database>, roundId: string): Promise<RoundComment[]> {
  return db
    .selectFrom('comments')
    .innerJoin('comment_threads', 'comment_threads.id', 'comments.thread_id')
    .leftJoin('users as author', 'author.id', 'comments.author_id')
    .leftJoin('organisations', 'organisations.id', 'author.organisation_id')
    .leftJoin('users as decider', 'decider.id', 'comments.decided_by')
    .select([
      'comments.id as commentId',
      'comments.thread_id as threadId',
      'comment_threads.quote',
      'comments.body',
      sql<string>`coalesce(${sql.ref('author.name')}, 'Onbekend')`.as('authorName'),
      'organisations.name as organisationName',
      'comments.created_at as createdAt',
      'comments.decision',
      'comments.decision_note as decisionNote',
      'decider.name as decidedByName',
    ])
    .where('comments.review_round_id', '=', roundId)
    .where('comments.deleted_at', 'is', null)
    .where('comments.hidden_at', 'is', null)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** Closes an open round; null when it was already closed (by someone else a moment ago). */
export async function closeRound(
  db: Kysely<Database>,
  round: RoundView,
  actor: { id: string; name: string },
  roundUrl: string
): Promise<string[] | null> {
  return inTransaction(db, async (trx) => {
    const closed = await trx
      .updateTable('review_rounds')
      .set({ status: 'gesloten', closed_by: actor.id, closed_at: nowIso() })
      .where('id', '=', round.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) return null;
    await writeAudit(trx, {
      actorId: actor.id,
      workspaceId: round.workspaceId,
      action: 'review.close',
      entityType: 'review_round',
      entityId: round.id,
      details: { title: round.title },
    });
    return notify(trx, {
      userIds: await inviteeUserIds(trx, round.id),
      workspaceId: round.workspaceId,
      kind: 'ronde_gesloten',
      actorId: actor.id,
      text: `De reviewronde ‘${round.title}’ is gesloten`,
      url: roundUrl,
    });
  });
}

/** The named versions of the workspace's documents (not archived) that a round can be opened on. */
export async function versionChoices(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select([
      'document_versions.id',
      'document_versions.name',
      'document_versions.created_at as createdAt',
      'documents.id as documentId',
      'documents.title as documentTitle',
    ])
    .where('documents.workspace_id', '=', workspaceId)
    .where('documents.archived_at', 'is', null)
    .orderBy('documents.title')
    .orderBy('document_versions.created_at', 'desc')
    .execute();
}
