// Comment threads as the server reads them and the pages show them (plain JSON, no server modules).

export type CommentState = 'visible' | 'deleted' | 'hidden';
import type { CommentDecision, ThreadStatus } from '../../db/schema.ts';
import type { Anchor } from './anchors.ts';

export interface CommentView {
  id: string;
  authorId: string | null;
  authorName: string;
  organisationName: string | null;
  /** Null when the comment was deleted by its author or hidden by a projectleider. */
  body: string | null;
  state: CommentState;
  createdAt: string;
  editedAt: string | null;
  roundId: string | null;
  decision: CommentDecision | null;
  decisionNote: string | null;
}

export interface ThreadView {
  id: string;
  anchor: Anchor | null;
  quote: string;
  status: ThreadStatus;
  createdBy: string | null;
  createdAt: string;
  resolvedByName: string | null;
  resolvedAt: string | null;
  comments: CommentView[];
}

/** A thread on a document's text, with whether its words are still there. */
export interface DocumentThread extends ThreadView {
  anchorState: 'ok' | 'deleted' | 'none';
}

/** What the comment route answers a page that posted to it. */
export type CommentActionResult =
  | { ok: true; intent: string; threadId?: string }
  | { ok: false; intent: string; errors: { body?: string[]; form?: string[] } };
