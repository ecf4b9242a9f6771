// Advised actions: a region shows its gemeenten' actions too, but each is changed only in its own
// workspace; a commentator comments, a lezer reads.
import type { WorkspaceRef } from '../permissions.ts';
import { needs, NOT_FOUND, ownedBy, type PolicyActor, type Refusal } from './types.ts';

export interface ActionRecord {
  workspace: WorkspaceRef;
  /** undefined when the id named none. */
  action: { workspaceId: string; workspaceParentId: string | null } | undefined;
}

/** Seen from this workspace: its own actions, and in a region those of its gemeenten. */
function visibleFrom(workspace: WorkspaceRef, action: ActionRecord['action']): Refusal | null {
  if (!action) return NOT_FOUND;
  if (action.workspaceId === workspace.id) return null;
  return workspace.kind === 'regio' && action.workspaceParentId === workspace.id ? null : NOT_FOUND;
}

export const actionPolicy = {
  'action.view': (actor: PolicyActor, { workspace, action }: ActionRecord): Refusal | null =>
    needs(actor, workspace, 'workspace.view') ?? visibleFrom(workspace, action),
  'action.create': (actor: PolicyActor, { workspace }: { workspace: WorkspaceRef }): Refusal | null =>
    needs(actor, workspace, 'action.edit'),
  /** Its fields, its status (on the board too) and its voortgangsberichten. */
  'action.edit': (actor: PolicyActor, { workspace, action }: ActionRecord): Refusal | null =>
    needs(actor, workspace, 'workspace.view') ??
    visibleFrom(workspace, action) ??
    needs(actor, workspace, 'action.edit') ??
    ownedBy(action, workspace),
  'action.comment': (actor: PolicyActor, { workspace, action }: ActionRecord): Refusal | null =>
    needs(actor, workspace, 'workspace.view') ??
    visibleFrom(workspace, action) ??
    needs(actor, workspace, 'comment.create') ??
    ownedBy(action, workspace),
};
