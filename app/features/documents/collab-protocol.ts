// What the editor page and the collaboration server say to each other beyond Hocuspocus's own protocol.

/** The provider's token `user:<id>` names the user the page was opened for. */
export const USER_TOKEN_PREFIX = 'user:';

/**
 * Why a connection is refused (Hocuspocus passes it to the provider as the reason), so the page can
 * tell an ended session (log in again; the edits wait in the browser) from a real loss of access.
 */
export type RefusalReason = 'session-ended' | 'other-user' | 'no-access';

/** Stateless topics of the saved-state protocol (decision record 0005). */
export const SAVED_REQUEST = 'saved?';
export const SAVED_ANSWER = 'saved';
/** Tells the open pages of a document that its comments changed. */
export const COMMENTS_CHANGED = 'comments';

export interface SavedRequest {
  topic: typeof SAVED_REQUEST;
  id: number;
  /** base64 of Y.encodeStateVector of the client's document. */
  sv: string;
}
export interface SavedAnswer {
  topic: typeof SAVED_ANSWER;
  id: number;
  /**
   * true: everything the client had when it asked is stored. false (only to a read-only connection):
   * the client has changes the server will never store; they exist only in that browser.
   */
  stored: boolean;
  /** base64 of Y.encodeStateVector of the stored document. */
  sv: string;
}
