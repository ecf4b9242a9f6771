import type { Kysely } from 'kysely';
import type { Database, Role } from '../../../db/schema.ts';
import { generateToken, hashToken } from '../../auth/tokens.server.ts';
import { daysFromNow, nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { getOwnMembership, grantMembership } from '../../core/memberships.server.ts';
import { hashPassword } from '../../auth/password.server.ts';
import { outranks } from '../../auth/permissions.ts';
import { createUser, normaliseEmail } from './users.server.ts';

export const INVITATION_DAYS = 7;

/** Creates a single-use invitation; the token is returned once and only its hash is kept. */
export async function createInvitation(
  db: Kysely<Database>,
  values: { workspaceId: string; email: string; role: Role },
  actorId: string
): Promise<{ id: string; token: string }> {
  const token = generateToken();
  const id = crypto.randomUUID();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('invitations')
      .values({
        id,
        token_hash: hashToken(token),
        email: normaliseEmail(values.email),
        workspace_id: values.workspaceId,
        role: values.role,
        invited_by: actorId,
        created_at: nowIso(),
        expires_at: daysFromNow(INVITATION_DAYS).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      })
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: values.workspaceId,
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: id,
      details: { email: normaliseEmail(values.email), role: values.role },
    });
  });
  return { id, token };
}

export interface OpenInvitation {
  id: string;
  email: string;
  role: Role;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  invitedByName: string;
  expiresAt: string;
}

/** The invitation for this token if it can still be used: not accepted, not revoked, not expired. */
export async function findOpenInvitation(db: Kysely<Database>, token: string): Promise<OpenInvitation | undefined> {
  return db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .innerJoin('users', 'users.id', 'invitations.invited_by')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.workspace_id as workspaceId',
      'workspaces.slug as workspaceSlug',
      'workspaces.name as workspaceName',
      'users.name as invitedByName',
      'invitations.expires_at as expiresAt',
    ])
    .where('invitations.token_hash', '=', hashToken(token))
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', nowIso())
    .executeTakeFirst();
}

/**
 * Accepts the invitation once: marks it used (a second accept finds nothing to mark),
 * creates the account when needed and grants the role. Returns the user id, or null.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  account: { existingUserId: string } | { name: string; password: string }
): Promise<string | null> {
  const passwordHash = 'password' in account ? await hashPassword(account.password) : undefined;
  return inTransaction(db, async (trx) => {
    const invitation = await findOpenInvitation(trx, token);
    if (!invitation) return null;
    const claimed = await trx
      .updateTable('invitations')
      .set({ accepted_at: nowIso() })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;

    const userId =
      'existingUserId' in account
        ? account.existingUserId
        : (await createUser(trx, { email: invitation.email, name: account.name, passwordHash }, null)).id;
    await trx.updateTable('invitations').set({ accepted_by: userId }).where('id', '=', invitation.id).execute();
    // Other open invitations for this address and workspace are spent by this one.
    await trx
      .updateTable('invitations')
      .set({ revoked_at: nowIso() })
      .where('workspace_id', '=', invitation.workspaceId)
      .where('email', '=', invitation.email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    await writeAudit(trx, {
      actorId: userId,
      workspaceId: invitation.workspaceId,
      action: 'invitation.accept',
      entityType: 'invitation',
      entityId: invitation.id,
      details: { email: invitation.email, role: invitation.role },
    });
    // An old invitation never lowers a role given since.
    const current = await getOwnMembership(trx, invitation.workspaceId, userId);
    if (outranks(invitation.role, current?.role ?? null)) {
      await grantMembership(trx, { workspaceId: invitation.workspaceId, userId, role: invitation.role }, userId);
    }
    return userId;
  });
}

export async function listPendingInvitations(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.invited_by')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.created_at as createdAt',
      'invitations.expires_at as expiresAt',
      'users.name as invitedByName',
    ])
    .where('invitations.workspace_id', '=', workspaceId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', nowIso())
    .orderBy('invitations.created_at', 'desc')
    .execute();
}

export async function revokeInvitation(
  db: Kysely<Database>,
  values: { workspaceId: string; invitationId: string },
  actorId: string
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('invitations')
      .set({ revoked_at: nowIso() })
      .where('id', '=', values.invitationId)
      .where('workspace_id', '=', values.workspaceId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await writeAudit(trx, {
      actorId,
      workspaceId: values.workspaceId,
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: values.invitationId,
    });
    return true;
  });
}
