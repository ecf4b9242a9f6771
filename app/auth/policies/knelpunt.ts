// Knelpunten: a region shows those of its gemeenten too, but each is changed in its own workspace only.
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, type PolicyActor, type Refusal } from './types.ts';

export interface KnelpuntRecord {
  workspace: WorkspaceRef;
  /** undefined when the id named none. */
  knelpunt: { workspaceId: string } | undefined;
}

export const knelpuntPolicy = {
  'knelpunt.edit': (actor: PolicyActor, { workspace, knelpunt }: KnelpuntRecord): Refusal | null =>
    needs(actor, workspace, 'analysis.edit') ?? ownedBy(knelpunt, workspace),
};
