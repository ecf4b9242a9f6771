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

/** The region of a workspace (itself, or a gemeente's parent) and its gemeenten by name. */
export async function regionOf(db: Kysely<Database>, workspace: Workspace) {
  const region =
    workspace.kind === 'regio'
      ? workspace
      : await db.selectFrom('workspaces').selectAll().where('id', '=', workspace.parent_id!).executeTakeFirstOrThrow();
  const gemeenten = await db
    .selectFrom('workspaces')
    .select(['id', 'name', 'slug', 'cbs_code as cbsCode'])
    .where('parent_id', '=', region.id)
    .orderBy('name')
    .execute();
  return { region, gemeenten };
}

/** The gemeenten a workspace imports figures for: all of the region's, or a gemeente's own. */
export async function importScope(db: Kysely<Database>, workspace: Workspace) {
  const { gemeenten } = await regionOf(db, workspace);
  return workspace.kind === 'regio' ? gemeenten : gemeenten.filter((g) => g.id === workspace.id);
}
