// What follows a change, in one table. Every audited action has its row; a change's consequences run
// after its transaction commits (transaction.server.ts), whichever route, job or script made it — no
// route closes sockets, announces or mails by itself. Pure: no database, no sockets.
import type { AuditAction, AuditEntry } from './audit.server.ts';

export type Consequence =
  /** The user's open editors reconnect and are authorised anew (one session only, when given). */
  | { kind: 'close-user'; userId: string; sessionId?: string }
  /** Every open editor of the document reconnects (archived: read-only). */
  | { kind: 'close-document'; documentId: string }
  /** Open editors of the document reload its comments. */
  | { kind: 'announce-comments'; documentId: string }
  /** The notifications the change made are e-mailed to those who want that. */
  | { kind: 'mail-notifications' };

type Row = (entry: AuditEntry) => Consequence[];

const nothing: Row = () => [];
const closeSubjectUser: Row = (e) => (e.entityId ? [{ kind: 'close-user', userId: e.entityId }] : []);
const closeDocument: Row = (e) => (e.entityId ? [{ kind: 'close-document', documentId: e.entityId }] : []);
/** A comment's change shows in the document's open comment panels, and its mentions and replies are mailed. */
const commentChanged: Row = (e) => {
  const documentId = e.entityType === 'document' ? e.entityId : (e.details?.documentId as string | undefined);
  return [...(documentId ? [{ kind: 'announce-comments' as const, documentId }] : []), { kind: 'mail-notifications' }];
};
const mail: Row = () => [{ kind: 'mail-notifications' }];

export const CONSEQUENCES: { readonly [A in AuditAction]: Row } = {
  'session.create': nothing,
  'session.end': (e) =>
    e.entityId ? [{ kind: 'close-user', userId: e.entityId, sessionId: e.details?.sessionId as string }] : [],
  'session.revoke_all': closeSubjectUser,
  'user.create': nothing,
  'user.password': closeSubjectUser, // every session ended: also through a beheerder's link
  'user.password_link': nothing,
  // Organisation or name: nothing changes in what they may do; beheerder or blocked: it does.
  'user.update': (e) => ('isAdmin' in (e.details ?? {}) || 'disabled' in (e.details ?? {}) ? closeSubjectUser(e) : []),
  'organisation.create': nothing,
  'organisation.update': nothing,
  'membership.add': closeSubjectUser, // their open editors get the new rights
  'membership.role': closeSubjectUser,
  'membership.remove': closeSubjectUser,
  'invitation.create': nothing,
  'invitation.revoke': nothing,
  'invitation.accept': nothing,
  'step.update': nothing,
  'document.create': nothing,
  'document.update': nothing,
  'document.archive': closeDocument,
  'document.unarchive': closeDocument,
  'version.create': nothing,
  'version.restore': nothing, // the restored text reaches open editors through the collaboration server itself
  'comment.create': commentChanged,
  'comment.reply': commentChanged,
  'comment.edit': commentChanged,
  'comment.delete': commentChanged,
  'comment.hide': commentChanged,
  'comment.resolve': commentChanged,
  'comment.reopen': commentChanged,
  'comment.decide': commentChanged,
  // Invitees who had no rights in the workspace reconnect as commentators.
  'review.open': (e) => [
    ...((e.details?.grantedUserIds as string[] | undefined) ?? []).map((userId) => ({ kind: 'close-user' as const, userId })),
    { kind: 'mail-notifications' },
  ],
  'review.close': mail,
  'review.remind': mail,
  'import.preview': nothing,
  'import.apply': nothing,
  'import.discard': nothing,
  'refresh.start': nothing,
  'refresh.apply': nothing,
  'refresh.discard': nothing,
  'knelpunt.create': nothing,
  'knelpunt.update': nothing,
  'target_group.create': nothing,
  'indicator.create': nothing,
  'indicator.threshold': nothing,
  'indicator.source': nothing,
  'action.create': nothing,
  'action.update': nothing,
  'action.status': nothing,
  'action.progress': nothing,
  'checklist.add': nothing,
  'checklist.update': nothing,
  'checklist.remove': nothing,
  'checklist.tick': nothing,
  'checklist.untick': nothing,
  'meeting.create': nothing,
  'meeting.update': nothing,
  'meeting.adopt': nothing,
  'decision.create': nothing,
  'decision.update': nothing,
  'decision.remove': nothing,
  'decision.action': nothing,
  'woondeal.create': nothing,
  'woondeal.update': nothing,
  'calendar.renew': nothing,
};

/** The consequences of a committed change, each once. */
export function consequencesOf(entries: readonly AuditEntry[]): Consequence[] {
  const seen = new Map<string, Consequence>();
  for (const entry of entries) for (const c of CONSEQUENCES[entry.action](entry)) seen.set(JSON.stringify(c), c);
  return [...seen.values()];
}
