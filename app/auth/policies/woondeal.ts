// Woondeals are the region's register: kept in the region's workspace, read (and linked to by actions)
// from its gemeenten too.
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, type PolicyActor, type Refusal } from './types.ts';

export interface WoondealRecord {
  workspace: WorkspaceRef;
  /** undefined when the id named none. */
  woondeal: { workspaceId: string } | undefined;
}

export const woondealPolicy = {
  'woondeal.create': (actor: PolicyActor, { workspace }: { workspace: WorkspaceRef }): Refusal | null =>
    needs(actor, workspace, 'woondeal.manage'),
  'woondeal.change': (actor: PolicyActor, { workspace, woondeal }: WoondealRecord): Refusal | null =>
    needs(actor, workspace, 'woondeal.manage') ?? ownedBy(woondeal, workspace),
};
