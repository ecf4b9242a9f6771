// Comments on a document: commenting needs the commentator role and a document that is not archived;
// a resolved thread takes no replies; its author, a redacteur or the projectleider resolves or reopens
// it; only the author edits or deletes a comment (not once it is processed in a review round); a
// projectleider hides one. A deleted or hidden comment is gone for everyone.
import type { ThreadStatus } from '../../../db/schema.ts';
import { can } from '../permissions.ts';
import type { DocumentRecord } from './document.ts';
import { responseLock, type ResponseRecord } from './review-round.ts';
import { needs, ownedBy, refuse, type PolicyActor, type Refusal } from './types.ts';

export type CommentOnDocument = DocumentRecord;

export interface ThreadRecord {
  createdBy: string | null;
  status: ThreadStatus;
}

export interface CommentRecord extends ResponseRecord {
  authorId: string | null;
  deleted: boolean;
  hidden: boolean;
}

/** The thread or comment acted on; undefined when the id named none on this document. */
export type WithThread = CommentOnDocument & { thread: ThreadRecord | undefined };
export type WithComment = CommentOnDocument & { comment: CommentRecord | undefined };

export const ARCHIVED_NO_COMMENTS = 'Dit document staat in het archief; er kan niet meer op worden gereageerd.';
export const GONE = 'Deze opmerking bestaat niet (meer).';
export const THREAD_RESOLVED = 'Deze opmerking is afgehandeld. Heropen haar om te reageren.';
export const RESOLVE_OWN_OR_PROCESS = 'Alleen wie de opmerking plaatste, een redacteur of de projectleider handelt haar af.';
export const EDIT_OWN = 'U kunt alleen uw eigen opmerkingen wijzigen.';

function onDocument(actor: PolicyActor, { workspace, document }: CommentOnDocument, ability: 'comment.create' | 'comment.hide') {
  return (
    needs(actor, workspace, 'workspace.view') ??
    ownedBy(document, workspace) ??
    needs(actor, workspace, ability) ??
    (document.archivedAt ? refuse(409, ARCHIVED_NO_COMMENTS) : null)
  );
}

function create(actor: PolicyActor, record: CommentOnDocument): Refusal | null {
  return onDocument(actor, record, 'comment.create');
}

function reply(actor: PolicyActor, record: WithThread): Refusal | null {
  const { thread } = record;
  return (
    create(actor, record) ??
    (!thread ? refuse(404, GONE) : null) ??
    (thread?.status === 'afgehandeld' ? refuse(409, THREAD_RESOLVED) : null)
  );
}

function resolve(actor: PolicyActor, record: WithThread): Refusal | null {
  const { thread } = record;
  if (!thread) return create(actor, record) ?? refuse(404, GONE);
  const mayProcess = thread.createdBy === actor.id || can(actor, record.workspace, 'comment.process');
  return create(actor, record) ?? (mayProcess ? null : refuse(403, RESOLVE_OWN_OR_PROCESS));
}

function visible(comment: CommentRecord | undefined): Refusal | null {
  return !comment || comment.deleted || comment.hidden ? refuse(404, GONE) : null;
}

function change(actor: PolicyActor, record: WithComment): Refusal | null {
  const { comment } = record;
  return (
    create(actor, record) ??
    visible(comment) ??
    (comment!.authorId !== actor.id ? refuse(403, EDIT_OWN) : null) ??
    responseLock(comment!)
  );
}

function hide(actor: PolicyActor, record: WithComment): Refusal | null {
  return onDocument(actor, record, 'comment.hide') ?? visible(record.comment);
}

export const commentPolicy = {
  'comment.create': create,
  'comment.reply': reply,
  'comment.resolve': resolve,
  'comment.reopen': resolve,
  'comment.edit': change,
  'comment.delete': change,
  'comment.hide': hide,
};

/** The buttons a thread shows this actor, from the same policies the comment route asks. */
export function threadButtons(actor: PolicyActor, record: CommentOnDocument, thread: ThreadRecord) {
  const on = { ...record, thread };
  return {
    reply: reply(actor, on) === null,
    // One button: "Afhandelen" on an open thread, "Heropenen" on a resolved one.
    resolve: resolve(actor, on) === null,
  };
}

/** The buttons a comment shows this actor. Hiding one's own comment is possible, but offered as deleting. */
export function commentButtons(actor: PolicyActor, record: CommentOnDocument, comment: CommentRecord) {
  const on = { ...record, comment };
  const edit = change(actor, on) === null;
  return { edit, delete: edit, hide: hide(actor, on) === null && comment.authorId !== actor.id };
}
