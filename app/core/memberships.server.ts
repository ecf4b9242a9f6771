import type { Kysely } from 'kysely';
import type { Database, Role, Workspace } from '../../db/schema.ts';
import { REGION_ROLE_IN_GEMEENTE, effectiveRole, outranks } from '../auth/permissions.ts';
import type { PolicyActor } from '../auth/policies/index.ts';
import { nowIso } from '../lib/time.ts';
import { writeAudit } from './audit.server.ts';
import { inTransaction } from './transaction.server.ts';

/** Everything the permissions module and the policies need to know about a user. */
export async function loadActor(db: Kysely<Database>, user: { id: string; isAdmin: boolean }): Promise<PolicyActor> {
  const memberships = await db
    .selectFrom('memberships')
    .select(['workspace_id as workspaceId', 'role'])
    .where('user_id', '=', user.id)
    .execute();
  return { id: user.id, isAdmin: user.isAdmin, memberships };
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  organisationName: string | null;
  /** The role given in this workspace itself, if any. */
  ownRole: Role | null;
  /** The role given in the region, as it counts here. */
  regionRole: Role | null;
  role: Role;
  /** True when the role that counts here comes from the region. */
  viaRegion: boolean;
}

/** Everyone with a role in the workspace: its own members and, for a gemeente, the region's. */
export async function listMembers(db: Kysely<Database>, workspace: Workspace): Promise<Member[]> {
  const workspaceIds = workspace.parent_id ? [workspace.id, workspace.parent_id] : [workspace.id];
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id as userId',
      'users.name',
      'users.email',
      'organisations.name as organisationName',
      'memberships.workspace_id as workspaceId',
      'memberships.role',
    ])
    .where('memberships.workspace_id', 'in', workspaceIds)
    .where('users.disabled_at', 'is', null)
    .execute();

  const byUser = new Map<string, Member>();
  for (const row of rows) {
    const member = byUser.get(row.userId) ?? {
      userId: row.userId,
      name: row.name,
      email: row.email,
      organisationName: row.organisationName,
      ownRole: null,
      regionRole: null,
      role: row.role,
      viaRegion: false,
    };
    if (row.workspaceId === workspace.id) member.ownRole = row.role;
    else member.regionRole = REGION_ROLE_IN_GEMEENTE[row.role];
    byUser.set(row.userId, member);
  }
  const ref = { id: workspace.id, kind: workspace.kind, parentId: workspace.parent_id };
  for (const member of byUser.values()) {
    const memberships = rows.filter((r) => r.userId === member.userId).map((r) => ({ workspaceId: r.workspaceId, role: r.role }));
    member.role = effectiveRole({ isAdmin: false, memberships }, ref) ?? member.role;
    member.viaRegion = outranks(member.regionRole, member.ownRole);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export async function getOwnMembership(db: Kysely<Database>, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Adds the user, or sets the role when they are already a member. */
export async function grantMembership(
  db: Kysely<Database>,
  values: { workspaceId: string; userId: string; role: Role },
  actorId: string | null
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const existing = await getOwnMembership(trx, values.workspaceId, values.userId);
    if (existing) {
      await trx
        .updateTable('memberships')
        .set({ role: values.role })
        .where('workspace_id', '=', values.workspaceId)
        .where('user_id', '=', values.userId)
        .execute();
    } else {
      await trx
        .insertInto('memberships')
        .values({ workspace_id: values.workspaceId, user_id: values.userId, role: values.role, created_at: nowIso() })
        .execute();
    }
    await writeAudit(trx, {
      actorId,
      workspaceId: values.workspaceId,
      action: existing ? 'membership.role' : 'membership.add',
      entityType: 'user',
      entityId: values.userId,
      details: existing ? { from: existing.role, to: values.role } : { role: values.role },
    });
  });
}

export async function removeMembership(
  db: Kysely<Database>,
  values: { workspaceId: string; userId: string },
  actorId: string
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await getOwnMembership(trx, values.workspaceId, values.userId);
    if (!existing) return false;
    await trx
      .deleteFrom('memberships')
      .where('workspace_id', '=', values.workspaceId)
      .where('user_id', '=', values.userId)
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: values.workspaceId,
      action: 'membership.remove',
      entityType: 'user',
      entityId: values.userId,
      details: { role: existing.role },
    });
    return true;
  });
}
