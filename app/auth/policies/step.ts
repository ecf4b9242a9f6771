// The four steps of a workspace and their checklists: the projectleider's. A checklist item is changed
// in its own workspace only.
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, type PolicyActor, type Refusal } from './types.ts';

export interface ChecklistItemRecord {
  workspace: WorkspaceRef;
  /** undefined when the id named none. */
  item: { workspaceId: string } | undefined;
}

export const stepPolicy = {
  'step.update': (actor: PolicyActor, { workspace }: { workspace: WorkspaceRef }): Refusal | null =>
    needs(actor, workspace, 'step.update'),
  /** Add an item to a step's checklist. */
  'checklist.add': (actor: PolicyActor, { workspace }: { workspace: WorkspaceRef }): Refusal | null =>
    needs(actor, workspace, 'checklist.manage'),
  /** Tick, untick, rename, point at a heading, move or remove an item. */
  'checklist.change': (actor: PolicyActor, { workspace, item }: ChecklistItemRecord): Refusal | null =>
    needs(actor, workspace, 'checklist.manage') ?? ownedBy(item, workspace),
};
