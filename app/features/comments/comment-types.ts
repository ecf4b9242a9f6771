// Comment threads as the server reads them and the pages show them (plain JSON, no server modules).

export type CommentState = 'visible' | 'deleted' | 'hidden';
import type { CommentDecision, ReviewRoundStatus, ThreadStatus } from '../../../db/schema.ts';
import type { Anchor } from '../documents/anchors.ts';

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
  /** The state of the review round it answers (null: none): a response in a closed round is locked. */
  roundStatus: ReviewRoundStatus | null;
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

/** What the reader may do with a comment, as the comment policy answers it: the buttons to show. */
export interface CommentButtons {
  edit: boolean;
  delete: boolean;
  hide: boolean;
}

/** What the reader may do with a thread: reply, and resolve (or reopen, when it is resolved). */
export interface ThreadButtons {
  reply: boolean;
  resolve: boolean;
}

/** A thread on a document's text, with whether its words are still there, and what the reader may do. */
export interface DocumentThread extends Omit<ThreadView, 'comments'> {
  anchorState: 'ok' | 'deleted' | 'none';
  can: ThreadButtons;
  comments: Array<CommentView & { can: CommentButtons }>;
}

/** What the comment route answers a page that posted to it. */
export type CommentActionResult =
  { ok: true; intent: string; threadId?: string } | { ok: false; intent: string; errors: { body?: string[]; form?: string[] } };
