// Comment actions on a document, and its threads as JSON. The document page's panel posts here;
// the page's own loader shows the result.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { requireDocument } from '../auth/guards.server.ts';
import type { Ability } from '../auth/permissions.ts';
import { decodeAnchorPosition } from '../lib/anchors.ts';
import { commentBody } from '../lib/comment-forms.ts';
import type { CommentActionResult } from '../lib/comment-types.ts';
import {
  addReply,
  createThread,
  deleteComment,
  editComment,
  getComment,
  getThread,
  hideComment,
  setThreadStatus,
  type NewComment,
} from '../models/comments.server.ts';
import {
  checkMentions,
  documentSubject,
  documentThreads,
  mentionableMembers,
  quoteForAnchor,
} from '../models/document-threads.server.ts';
import { openRoundFor, responseLocked } from '../models/review-rounds.server.ts';
import { readForm } from '../http/form-body.server.ts';

const INTENT_ABILITY: Record<string, Ability> = {
  create: 'comment.create',
  reply: 'comment.create',
  edit: 'comment.create',
  delete: 'comment.create',
  resolve: 'comment.create', // and: their own thread, or comment.process
  reopen: 'comment.create',
  hide: 'comment.hide',
};

const idField = z.string().uuid();

// A resource route answers with plain JSON responses (with single fetch, data() here would lose its status).
const json = (body: CommentActionResult, status = 200) => Response.json(body, { status });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { document } = await requireDocument(context, request, params, 'workspace.view');
  return Response.json({ threads: await documentThreads(context, document) });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const ability = INTENT_ABILITY[intent];
  const refuse = (errors: { body?: string[]; form?: string[] }, status = 400) => json({ ok: false, intent, errors }, status);
  if (!ability) {
    await requireDocument(context, request, params, 'workspace.view'); // a stranger still gets 404
    return refuse({ form: ['Onbekende actie.'] });
  }
  const { document, workspace, user, abilities } = await requireDocument(context, request, params, ability);
  if (document.archivedAt)
    return refuse({ form: ['Dit document staat in het archief; er kan niet meer op worden gereageerd.'] }, 409);

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
    if (!thread) return refuse({ form: ['Deze opmerking bestaat niet (meer).'] }, 404);
    if (thread.status === 'resolved')
      return refuse({ form: ['Deze opmerking is afgehandeld. Heropen haar om te reageren.'] }, 409);
    const read = await readComment();
    if ('error' in read) return refuse({ body: [read.error] });
    await addReply(context.db, thread, read.comment);
    return done({ threadId: thread.id });
  }

  if (intent === 'resolve' || intent === 'reopen') {
    const threadId = idField.safeParse(form.get('threadId'));
    const thread = threadId.success ? await getThread(context.db, subject, threadId.data) : undefined;
    if (!thread) return refuse({ form: ['Deze opmerking bestaat niet (meer).'] }, 404);
    if (thread.created_by !== user.id && !abilities.includes('comment.process')) {
      return refuse({ form: ['Alleen wie de opmerking plaatste, een redacteur of de projectleider handelt haar af.'] }, 403);
    }
    await setThreadStatus(context.db, subject, thread, intent === 'resolve' ? 'resolved' : 'open', user.id);
    return done({ threadId: thread.id });
  }

  // edit, delete, hide: one comment
  const commentId = idField.safeParse(form.get('commentId'));
  const comment = commentId.success ? await getComment(context.db, subject, commentId.data) : undefined;
  if (!comment || comment.deleted_at || comment.hidden_at) return refuse({ form: ['Deze opmerking bestaat niet (meer).'] }, 404);
  if (intent === 'hide') {
    await hideComment(context.db, subject, comment, user.id);
    return done({ threadId: comment.thread_id });
  }
  if (comment.author_id !== user.id) return refuse({ form: ['U kunt alleen uw eigen opmerkingen wijzigen.'] }, 403);
  const locked = await responseLocked(context.db, comment);
  if (locked) return refuse({ form: [locked] }, 409);
  if (intent === 'delete') {
    await deleteComment(context.db, subject, comment, user.id);
    return done({ threadId: comment.thread_id });
  }
  const read = await readComment();
  if ('error' in read) return refuse({ body: [read.error] });
  await editComment(context.db, comment, read.comment);
  return done({ threadId: comment.thread_id });
}
