import type { Kysely } from 'kysely';
import type { Database, Workspace } from '../../db/schema.ts';
import { can, effectiveRole, type Actor, type WorkspaceRef } from '../auth/permissions.ts';

export function toWorkspaceRef(workspace: Workspace): WorkspaceRef {
  return { id: workspace.id, kind: workspace.kind, parentId: workspace.parent_id };
}

export async function getWorkspaceBySlug(db: Kysely<Database>, slug: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The region first, then the gemeenten by name. */
export async function listWorkspaces(db: Kysely<Database>): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('name').execute();
  return rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'regio' ? -1 : 1));
}

/** The workspaces this actor may see, each with the role that counts there. */
export async function listVisibleWorkspaces(db: Kysely<Database>, actor: Actor) {
  const workspaces = await listWorkspaces(db);
  return workspaces
    .filter((w) => can(actor, toWorkspaceRef(w), 'workspace.view'))
    .map((w) => ({ ...w, role: effectiveRole(actor, toWorkspaceRef(w)) }));
}
