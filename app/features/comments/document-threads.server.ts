// Comment threads on a document's text: what the document page shows and what the comment
// actions check. Anchors are read against the document as it is now, on the server, so the quote
// of a new thread comes from the document itself and never from the browser.
import type { AppLoadContext } from '@remix-run/node';
import type { Workspace } from '../../../db/schema.ts';
import type { WorkspaceRef } from '../../auth/permissions.ts';
import { commentButtons, threadButtons, type PolicyActor } from '../../auth/policies/index.ts';
import { docFromState, resolveAnchor, type Anchor } from '../documents/anchors.ts';
import { findMentions, type Mentionable } from './mentions.ts';
import type { DocumentThread, ThreadView } from './comment-types.ts';
import { listThreads, type CommentSubject } from './comments.server.ts';
import type { DocumentMeta } from '../documents/documents.server.ts';
import { listMembers } from '../../core/memberships.server.ts';
import { pluralWord } from '../../lib/plural.ts';

/** The longest quote kept with a thread; the anchor itself covers the whole selection. */
export const MAX_QUOTE = 500;

export function documentSubject(document: Pick<DocumentMeta, 'id' | 'workspaceId'>): CommentSubject {
  return { type: 'document', id: document.id, workspaceId: document.workspaceId };
}

/**
 * The document's threads, each with whether its words are still in the text, and with what the
 * reader may do with each thread and comment (the comment policy's answer: the buttons to show).
 */
export async function documentThreads(
  context: AppLoadContext,
  document: DocumentMeta,
  reader: { actor: PolicyActor; workspace: WorkspaceRef }
): Promise<DocumentThread[]> {
  const threads = await listThreads(context.db, documentSubject(document));
  const record = { workspace: reader.workspace, document };
  const withButtons = (t: ThreadView, anchorState: DocumentThread['anchorState']): DocumentThread => ({
    ...t,
    anchorState,
    can: threadButtons(reader.actor, record, t),
    comments: t.comments.map((c) => ({
      ...c,
      can: commentButtons(reader.actor, record, {
        ...c,
        deleted: c.state === 'deleted',
        hidden: c.state === 'hidden',
      }),
    })),
  });
  if (!threads.some((t) => t.anchor)) return threads.map((t) => withButtons(t, 'none'));
  const doc = docFromState(await context.collab.readState(document.id));
  try {
    return threads.map((t) =>
      withButtons(t, t.anchor ? (resolveAnchor(doc, t.anchor).status === 'ok' ? 'ok' : 'deleted') : 'none')
    );
  } finally {
    doc.destroy();
  }
}

/** Checks a new anchor against the current text: the quote, or a Dutch message. */
export async function quoteForAnchor(
  context: AppLoadContext,
  document: DocumentMeta,
  anchor: Anchor
): Promise<{ quote: string } | { error: string }> {
  const doc = docFromState(await context.collab.readState(document.id));
  try {
    const range = resolveAnchor(doc, anchor);
    if (range.status !== 'ok') {
      return { error: 'De geselecteerde tekst staat niet (meer) in het document. Selecteer de tekst opnieuw.' };
    }
    const quote = range.text.length > MAX_QUOTE ? `${range.text.slice(0, MAX_QUOTE - 1)}…` : range.text;
    return { quote };
  } finally {
    doc.destroy();
  }
}

/** Who may be mentioned: the workspace's members (its own and, for a gemeente, the region's). */
export async function mentionableMembers(context: AppLoadContext, workspace: Workspace): Promise<Mentionable[]> {
  const members = await listMembers(context.db, workspace);
  return members.map((m) => ({ id: m.userId, name: m.name }));
}

/** The mentioned members, or a Dutch message naming who is not a member. */
export function checkMentions(body: string, members: readonly Mentionable[]): { userIds: string[] } | { error: string } {
  const { userIds, unknown } = findMentions(body, members);
  if (unknown.length > 0) {
    const names = [...new Set(unknown)].map((u) => `‘${u}’`).join(', ');
    return {
      error: `${names} ${pluralWord(unknown.length, 'is', 'zijn')} geen lid van deze werkruimte. Noem alleen leden, of laat het @-teken weg.`,
    };
  }
  return { userIds };
}
