// Comment actions on a document, and its threads as JSON. The document page's panel posts here;
// the page's own loader shows the result.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from '../lib/zod.ts';
import type { ThreadStatus } from '../../db/schema.ts';
import { requireDocument } from '../http/guards.server.ts';
import { check, type Refusal } from '../auth/policies/index.ts';
import { decodeAnchorPosition } from '../features/documents/anchors.ts';
import { commentBody } from '../features/comments/comment-forms.ts';
import type { CommentActionResult } from '../features/comments/comment-types.ts';
import {
  addReply,
  createThread,
  deleteComment,
  editComment,
  getComment,
  getThread,
  hideComment,
  setThreadStatus,
  type CommentRow,
  type NewComment,
} from '../features/comments/comments.server.ts';
import {
  checkMentions,
  documentSubject,
  documentThreads,
  mentionableMembers,
  quoteForAnchor,
} from '../features/comments/document-threads.server.ts';
import { openRoundFor } from '../features/review-rounds/review-rounds.server.ts';
import { readForm } from '../http/form-body.server.ts';

// Who may do what to which thread or comment is the comment policy's answer (app/auth/policies/comment.ts).
const INTENTS = ['create', 'reply', 'edit', 'delete', 'resolve', 'reopen', 'hide'] as const;

const idField = z.string().uuid();

// A resource route answers with plain JSON responses (with single fetch, data() here would lose its status).
const json = (body: CommentActionResult, status = 200) => Response.json(body, { status });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { document, actor, ref } = await requireDocument(context, request, params, 'workspace.view');
  return Response.json({ threads: await documentThreads(context, document, { actor, workspace: ref }) });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const refuse = (errors: { body?: string[]; form?: string[] }, status = 400) => json({ ok: false, intent, errors }, status);
  const { document, workspace, user, actor, ref } = await requireDocument(context, request, params, 'workspace.view'); // a stranger gets 404
  if (!(INTENTS as readonly string[]).includes(intent)) return refuse({ form: ['Onbekende actie.'] });
  const refused = (refusal: Refusal) => refuse({ form: [refusal.message] }, refusal.status);
  const onDocument = { workspace: ref, document };

  const subject = documentSubject(document);
  const link = { title: document.title, url: `/w/${workspace.slug}/documenten/${document.id}` };
  const author = { id: user.id, name: user.name };
  // Open comment panels hear of the change and mentions are mailed after the commit (consequences.ts).
  const done = (result: { threadId?: string } = {}) => {
    return json({ ok: true, intent, threadId: result.threadId });
  };

  // A new comment, reply or edit: its text, the members it mentions, and the open round it answers.
  const readComment = async (): Promise<{ comment: NewComment } | { error: string }> => {
    const body = commentBody.safeParse(form.get('body') ?? '');
    if (!body.success) return { error: body.error.issues[0]!.message };
    const mentions = checkMentions(body.data, await mentionableMembers(context, workspace));
    if ('error' in mentions) return mentions;
    const round = await openRoundFor(context.db, document.id, user);
    return { comment: { subject, link, author, body: body.data, mentionIds: mentions.userIds, roundId: round?.id ?? null } };
  };

  if (intent === 'create') {
    const refusal = check(actor, 'comment.create', onDocument);
    if (refusal) return refused(refusal);
    const start = String(form.get('anchorStart') ?? '');
    const end = String(form.get('anchorEnd') ?? '');
    let anchor = null;
    let quote = '';
    if (start || end) {
      if (!decodeAnchorPosition(start) || !decodeAnchorPosition(end)) {
        return refuse({ form: ['De geselecteerde tekst staat niet (meer) in het document. Selecteer de tekst opnieuw.'] });
      }
      anchor = { start, end };
      const checked = await quoteForAnchor(context, document, anchor);
      if ('error' in checked) return refuse({ form: [checked.error] });
      quote = checked.quote;
    }
    const read = await readComment();
    if ('error' in read) return refuse({ body: [read.error] });
    return done(await createThread(context.db, { ...read.comment, anchor, quote }));
  }

  if (intent === 'reply') {
    const threadId = idField.safeParse(form.get('threadId'));
    const thread = threadId.success ? await getThread(context.db, subject, threadId.data) : undefined;
    const refusal = check(actor, 'comment.reply', { ...onDocument, thread: thread && threadRecord(thread) });
    if (refusal || !thread) return refused(refusal!);
    const read = await readComment();
    if ('error' in read) return refuse({ body: [read.error] });
    await addReply(context.db, thread, read.comment);
    return done({ threadId: thread.id });
  }

  if (intent === 'resolve' || intent === 'reopen') {
    const threadId = idField.safeParse(form.get('threadId'));
    const thread = threadId.success ? await getThread(context.db, subject, threadId.data) : undefined;
    const refusal = check(actor, intent === 'resolve' ? 'comment.resolve' : 'comment.reopen', {
      ...onDocument,
      thread: thread && threadRecord(thread),
    });
    if (refusal || !thread) return refused(refusal!);
    await setThreadStatus(context.db, subject, thread, intent === 'resolve' ? 'afgehandeld' : 'open', user.id);
    return done({ threadId: thread.id });
  }

  // edit, delete, hide: one comment
  const commentId = idField.safeParse(form.get('commentId'));
  const comment = commentId.success ? await getComment(context.db, subject, commentId.data) : undefined;
  const refusal = check(actor, intent === 'hide' ? 'comment.hide' : intent === 'delete' ? 'comment.delete' : 'comment.edit', {
    ...onDocument,
    comment: comment && commentRecord(comment),
  });
  if (refusal || !comment) return refused(refusal!);
  if (intent === 'hide') {
    await hideComment(context.db, subject, comment, user.id);
    return done({ threadId: comment.thread_id });
  }
  if (intent === 'delete') {
    await deleteComment(context.db, subject, comment, user.id);
    return done({ threadId: comment.thread_id });
  }
  const read = await readComment();
  if ('error' in read) return refuse({ body: [read.error] });
  await editComment(context.db, comment, read.comment);
  return done({ threadId: comment.thread_id });
}

/** What the comment policy reads of a thread and a comment row. */
function threadRecord(thread: { created_by: string | null; status: ThreadStatus }) {
  return { createdBy: thread.created_by, status: thread.status };
}

function commentRecord(comment: CommentRow) {
  return {
    authorId: comment.author_id,
    deleted: comment.deleted_at !== null,
    hidden: comment.hidden_at !== null,
    roundStatus: comment.round_status,
    decision: comment.decision,
  };
}
