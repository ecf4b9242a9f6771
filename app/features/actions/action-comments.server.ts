// Comments on an action: the comment model's threads with subject "actie", one thread per comment, no
// anchor in a text. Commentators write them (policy action.comment); everyone who sees the action reads them.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { createThread, listThreads, type CommentSubject } from '../comments/comments.server.ts';
import type { ActionView } from './actions.server.ts';

function subjectOf(action: Pick<ActionView, 'id' | 'workspaceId'>): CommentSubject {
  return { type: 'actie', id: action.id, workspaceId: action.workspaceId };
}

export interface ActionComment {
  id: string;
  authorName: string;
  organisationName: string | null;
  body: string;
  createdAt: string;
}

/** The visible comments on an action, oldest first (deleted or hidden ones never leave the server). */
export async function listActionComments(
  db: Kysely<Database>,
  action: Pick<ActionView, 'id' | 'workspaceId'>
): Promise<ActionComment[]> {
  const threads = await listThreads(db, subjectOf(action));
  return threads.flatMap((t) =>
    t.comments
      .filter((c) => c.state === 'visible' && c.body !== null)
      .map((c) => ({
        id: c.id,
        authorName: c.authorName,
        organisationName: c.organisationName,
        body: c.body!,
        createdAt: c.createdAt,
      }))
  );
}

/** A comment on the action as a whole (audited as comment.create on the action). */
export async function commentOnAction(
  db: Kysely<Database>,
  action: Pick<ActionView, 'id' | 'workspaceId' | 'title'>,
  author: { id: string; name: string },
  body: string,
  url: string
): Promise<string> {
  const { commentId } = await createThread(db, {
    subject: subjectOf(action),
    link: { title: action.title, url },
    author,
    body,
    mentionIds: [],
    roundId: null,
    anchor: null,
    quote: '',
  });
  return commentId;
}
