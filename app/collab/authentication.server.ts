import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { allowed } from '../auth/policies/index.ts';
import { USER_TOKEN_PREFIX, type RefusalReason } from '../features/documents/collab-protocol.ts';
import { readSessionToken, validateSessionToken, type SessionUser } from '../auth/session.server.ts';
import { loadActor } from '../core/memberships.server.ts';
import { toWorkspaceRef } from '../core/workspaces.server.ts';

export interface CollabContext {
  user: SessionUser;
  sessionId: string;
  workspaceId: string;
}

export class CollabRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

/**
 * Decides what a websocket connection may do with a document, with the same session cookie as the
 * pages and the same document policy: write, read only, or nothing (refused).
 * Archived documents are read-only for everyone.
 */
export async function authorizeConnection(
  db: Kysely<Database>,
  cookieHeader: string | null,
  documentId: string,
  /** The provider's token: `user:<id>` names the user the page was opened for; anything else names none. */
  providerToken = ''
): Promise<{ context: CollabContext; readOnly: boolean }> {
  const token = readSessionToken(cookieHeader);
  const session = token ? await validateSessionToken(db, token) : null;
  if (!session) throw new CollabRefused('session-ended');
  // Someone else logged in in this browser: a page's unsent edits never go out under another name.
  const expectedUserId = providerToken.startsWith(USER_TOKEN_PREFIX) ? providerToken.slice(USER_TOKEN_PREFIX.length) : null;
  if (expectedUserId !== null && expectedUserId !== session.user.id) throw new CollabRefused('other-user');
  const row = await db
    .selectFrom('documents')
    .innerJoin('workspaces', 'workspaces.id', 'documents.workspace_id')
    .select([
      'workspaces.id',
      'workspaces.kind',
      'workspaces.parent_id',
      'workspaces.slug',
      'workspaces.name',
      'workspaces.cbs_code',
      'workspaces.created_at',
      'documents.archived_at',
    ])
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw new CollabRefused('no-access');
  const workspace = toWorkspaceRef(row);
  const actor = await loadActor(db, session.user);
  const record = { workspace, document: { workspaceId: row.id, archivedAt: row.archived_at } };
  if (!allowed(actor, 'document.view', record)) throw new CollabRefused('no-access');
  const readOnly = !allowed(actor, 'document.write', record);
  return { context: { user: session.user, sessionId: session.session.id, workspaceId: row.id }, readOnly };
}
