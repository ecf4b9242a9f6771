import type { Kysely } from 'kysely';
import type { CommentDecision, CommentSubjectType, Database, ThreadStatus } from '../../../db/schema.ts';
import type { Anchor } from '../documents/anchors.ts';
import type { CommentState, CommentView, ThreadView } from './comment-types.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { notify } from '../../core/notifications.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

/** What a thread is about: a document (optionally a range of it) or a record such as an action. */
export interface CommentSubject {
  type: CommentSubjectType;
  id: string;
  workspaceId: string;
}

/** How a new comment is announced: the title of what it is about and the page to open. */
export interface CommentLink {
  title: string;
  url: string; // path of the subject's page; "#opmerking-<id>" is added
}

function stateOf(row: { deleted_at: string | null; hidden_at: string | null }): CommentState {
  return row.hidden_at ? 'hidden' : row.deleted_at ? 'deleted' : 'visible';
}

/** Every thread on a subject, oldest first, with its comments. Hidden and deleted text never leaves the server. */
export async function listThreads(db: Kysely<Database>, subject: CommentSubject): Promise<ThreadView[]> {
  const threads = await db
    .selectFrom('comment_threads')
    .leftJoin('users as resolver', 'resolver.id', 'comment_threads.resolved_by')
    .select([
      'comment_threads.id',
      'comment_threads.anchor_start',
      'comment_threads.anchor_end',
      'comment_threads.quote',
      'comment_threads.status',
      'comment_threads.created_by',
      'comment_threads.created_at',
      'comment_threads.resolved_at',
      'resolver.name as resolvedByName',
    ])
    .where('comment_threads.workspace_id', '=', subject.workspaceId)
    .where('comment_threads.subject_type', '=', subject.type)
    .where('comment_threads.subject_id', '=', subject.id)
    .orderBy('comment_threads.created_at')
    .orderBy('comment_threads.id')
    .execute();
  if (threads.length === 0) return [];
  const comments = await db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('review_rounds', 'review_rounds.id', 'comments.review_round_id')
    .select([
      'comments.id',
      'comments.thread_id',
      'comments.author_id',
      'users.name as authorName',
      'organisations.name as organisationName',
      'comments.body',
      'comments.created_at',
      'comments.edited_at',
      'comments.deleted_at',
      'comments.hidden_at',
      'comments.review_round_id',
      'review_rounds.status as round_status',
      'comments.decision',
      'comments.decision_note',
    ])
    .where(
      'comments.thread_id',
      'in',
      threads.map((t) => t.id)
    )
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  const byThread = new Map<string, CommentView[]>();
  for (const c of comments) {
    const state = stateOf(c);
    const list = byThread.get(c.thread_id) ?? [];
    list.push({
      id: c.id,
      authorId: c.author_id,
      authorName: c.authorName ?? 'Onbekend',
      organisationName: c.organisationName,
      body: state === 'visible' ? c.body : null,
      state,
      createdAt: c.created_at,
      editedAt: c.edited_at,
      roundId: c.review_round_id,
      roundStatus: c.round_status,
      decision: c.decision,
      decisionNote: c.decision_note,
    });
    byThread.set(c.thread_id, list);
  }
  return threads.map((t) => ({
    id: t.id,
    anchor: t.anchor_start && t.anchor_end ? { start: t.anchor_start, end: t.anchor_end } : null,
    quote: t.quote,
    status: t.status,
    createdBy: t.created_by,
    createdAt: t.created_at,
    resolvedByName: t.resolvedByName,
    resolvedAt: t.resolved_at,
    comments: byThread.get(t.id) ?? [],
  }));
}

export async function getThread(db: Kysely<Database>, subject: CommentSubject, threadId: string) {
  return db
    .selectFrom('comment_threads')
    .selectAll()
    .where('id', '=', threadId)
    .where('workspace_id', '=', subject.workspaceId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst();
}

export type ThreadRow = NonNullable<Awaited<ReturnType<typeof getThread>>>;

export async function getComment(db: Kysely<Database>, subject: CommentSubject, commentId: string) {
  return db
    .selectFrom('comments')
    .innerJoin('comment_threads', 'comment_threads.id', 'comments.thread_id')
    .leftJoin('review_rounds', 'review_rounds.id', 'comments.review_round_id')
    .selectAll('comments')
    .select('review_rounds.status as round_status')
    .where('comments.id', '=', commentId)
    .where('comment_threads.workspace_id', '=', subject.workspaceId)
    .where('comment_threads.subject_type', '=', subject.type)
    .where('comment_threads.subject_id', '=', subject.id)
    .executeTakeFirst();
}

export type CommentRow = NonNullable<Awaited<ReturnType<typeof getComment>>>;

export interface NewComment {
  subject: CommentSubject;
  link: CommentLink;
  author: { id: string; name: string };
  body: string;
  mentionIds: readonly string[];
  /** The open review round this comment answers, if its author was invited to one. */
  roundId: string | null;
}

function linkTo(link: CommentLink, commentId: string): string {
  return `${link.url}#opmerking-${commentId}`;
}

async function insertComment(trx: Kysely<Database>, threadId: string, comment: NewComment): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('comments')
    .values({
      id,
      thread_id: threadId,
      author_id: comment.author.id,
      body: comment.body,
      created_at: nowIso(),
      edited_at: null,
      deleted_at: null,
      hidden_at: null,
      hidden_by: null,
      review_round_id: comment.roundId,
      decision: null,
      decision_note: null,
      decided_by: null,
      decided_at: null,
    })
    .execute();
  return id;
}

async function recordMentions(trx: Kysely<Database>, commentId: string, comment: NewComment, known: readonly string[] = []) {
  const fresh = comment.mentionIds.filter((id) => !known.includes(id));
  if (fresh.length > 0) {
    await trx
      .insertInto('comment_mentions')
      .values(fresh.map((user_id) => ({ comment_id: commentId, user_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return notify(trx, {
    userIds: fresh,
    workspaceId: comment.subject.workspaceId,
    kind: 'vermelding',
    actorId: comment.author.id,
    text: `${comment.author.name} noemde u in een opmerking bij ‘${comment.link.title}’`,
    url: linkTo(comment.link, commentId),
  });
}

/** Opens a thread with its first comment. Returns the ids, and the notifications to e-mail. */
export async function createThread(
  db: Kysely<Database>,
  comment: NewComment & { anchor: Anchor | null; quote: string }
): Promise<{ threadId: string; commentId: string; notificationIds: string[] }> {
  return inTransaction(db, async (trx) => {
    const threadId = crypto.randomUUID();
    const now = nowIso();
    await trx
      .insertInto('comment_threads')
      .values({
        id: threadId,
        workspace_id: comment.subject.workspaceId,
        subject_type: comment.subject.type,
        subject_id: comment.subject.id,
        anchor_start: comment.anchor?.start ?? null,
        anchor_end: comment.anchor?.end ?? null,
        quote: comment.quote,
        status: 'open',
        resolved_by: null,
        resolved_at: null,
        created_by: comment.author.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const commentId = await insertComment(trx, threadId, comment);
    const notificationIds = await recordMentions(trx, commentId, comment);
    await writeAudit(trx, {
      actorId: comment.author.id,
      workspaceId: comment.subject.workspaceId,
      action: 'comment.create',
      entityType: comment.subject.type,
      entityId: comment.subject.id,
      details: { threadId, commentId, quote: comment.quote.slice(0, 200), roundId: comment.roundId },
    });
    return { threadId, commentId, notificationIds };
  });
}

/** A reply; the others who wrote in the thread hear of it, and so does everyone mentioned. */
export async function addReply(
  db: Kysely<Database>,
  thread: ThreadRow,
  comment: NewComment
): Promise<{ commentId: string; notificationIds: string[] }> {
  return inTransaction(db, async (trx) => {
    const commentId = await insertComment(trx, thread.id, comment);
    await trx.updateTable('comment_threads').set({ updated_at: nowIso() }).where('id', '=', thread.id).execute();
    const mentioned = await recordMentions(trx, commentId, comment);
    const participants = await trx
      .selectFrom('comments')
      .select('author_id')
      .distinct()
      .where('thread_id', '=', thread.id)
      .where('author_id', 'is not', null)
      .execute();
    const replied = await notify(trx, {
      userIds: participants.map((p) => p.author_id!).filter((id) => !comment.mentionIds.includes(id)),
      workspaceId: comment.subject.workspaceId,
      kind: 'reactie',
      actorId: comment.author.id,
      text: `${comment.author.name} reageerde op een opmerking bij ‘${comment.link.title}’`,
      url: linkTo(comment.link, commentId),
    });
    await writeAudit(trx, {
      actorId: comment.author.id,
      workspaceId: comment.subject.workspaceId,
      action: 'comment.reply',
      entityType: comment.subject.type,
      entityId: comment.subject.id,
      details: { threadId: thread.id, commentId, roundId: comment.roundId },
    });
    return { commentId, notificationIds: [...mentioned, ...replied] };
  });
}

/** The author changes their text; people newly mentioned are notified. */
export async function editComment(
  db: Kysely<Database>,
  existing: CommentRow,
  comment: NewComment
): Promise<{ notificationIds: string[] }> {
  return inTransaction(db, async (trx) => {
    await trx.updateTable('comments').set({ body: comment.body, edited_at: nowIso() }).where('id', '=', existing.id).execute();
    const known = await trx.selectFrom('comment_mentions').select('user_id').where('comment_id', '=', existing.id).execute();
    const notificationIds = await recordMentions(
      trx,
      existing.id,
      comment,
      known.map((k) => k.user_id)
    );
    await writeAudit(trx, {
      actorId: comment.author.id,
      workspaceId: comment.subject.workspaceId,
      action: 'comment.edit',
      entityType: comment.subject.type,
      entityId: comment.subject.id,
      details: { commentId: existing.id },
    });
    return { notificationIds };
  });
}

/** The author takes a comment back: its text is gone; the thread shows that something was removed. */
export async function deleteComment(db: Kysely<Database>, subject: CommentSubject, existing: CommentRow, actorId: string) {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('comments').set({ body: '', deleted_at: nowIso() }).where('id', '=', existing.id).execute();
    await trx.deleteFrom('comment_mentions').where('comment_id', '=', existing.id).execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: subject.workspaceId,
      action: 'comment.delete',
      entityType: subject.type,
      entityId: subject.id,
      details: { commentId: existing.id },
    });
  });
}

/** A projectleider hides an improper comment; the text stays in the audit log only. */
export async function hideComment(db: Kysely<Database>, subject: CommentSubject, existing: CommentRow, actorId: string) {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('comments').set({ hidden_at: nowIso(), hidden_by: actorId }).where('id', '=', existing.id).execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: subject.workspaceId,
      action: 'comment.hide',
      entityType: subject.type,
      entityId: subject.id,
      details: { commentId: existing.id, authorId: existing.author_id, body: existing.body },
    });
  });
}

export async function setThreadStatus(
  db: Kysely<Database>,
  subject: CommentSubject,
  thread: ThreadRow,
  status: ThreadStatus,
  actorId: string
) {
  if (thread.status === status) return;
  await inTransaction(db, async (trx) => {
    const now = nowIso();
    await trx
      .updateTable('comment_threads')
      .set({
        status,
        resolved_by: status === 'afgehandeld' ? actorId : null,
        resolved_at: status === 'afgehandeld' ? now : null,
        updated_at: now,
      })
      .where('id', '=', thread.id)
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: subject.workspaceId,
      action: status === 'afgehandeld' ? 'comment.resolve' : 'comment.reopen',
      entityType: subject.type,
      entityId: subject.id,
      details: { threadId: thread.id },
    });
  });
}

/** How a comment was processed: the row of the reactienota. */
export async function decideComment(
  db: Kysely<Database>,
  workspaceId: string,
  commentId: string,
  values: { decision: CommentDecision; note: string },
  actorId: string
) {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('comments')
      .set({ decision: values.decision, decision_note: values.note, decided_by: actorId, decided_at: nowIso() })
      .where('id', '=', commentId)
      .execute();
    // The document the comment is on: its open comment panels show the decision (consequences.ts).
    const subject = await trx
      .selectFrom('comments')
      .innerJoin('comment_threads', 'comment_threads.id', 'comments.thread_id')
      .select(['comment_threads.subject_type as type', 'comment_threads.subject_id as id'])
      .where('comments.id', '=', commentId)
      .executeTakeFirst();
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'comment.decide',
      entityType: 'comment',
      entityId: commentId,
      details: {
        decision: values.decision,
        note: values.note.slice(0, 200),
        documentId: subject?.type === 'document' ? subject.id : undefined,
      },
    });
  });
}
