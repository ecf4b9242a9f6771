// Members of a workspace: managed by the projectleider (and the beheerder), never one's own role or
// membership, never someone whose role here is higher than one's own, and never a role above one's own.
// The beheerder is not bound by rank: administration is their task.
import type { Role } from '../../../db/schema.ts';
import { effectiveRole, outranks, type WorkspaceRef } from '../permissions.ts';
import { needs, refuse, type PolicyActor, type Refusal } from './types.ts';

export interface MemberRecord {
  workspace: WorkspaceRef;
  /** The member acted on, with the role that counts for them here. */
  member: { userId: string; role: Role | null };
}

export const NOT_YOURSELF = 'U kunt uw eigen rol niet wijzigen. Vraag een andere projectleider of de beheerder.';
export const HIGHER_MEMBER = 'U kunt niets wijzigen aan iemand met een hogere rol dan de uwe.';
export const HIGHER_ROLE = 'U kunt geen rol geven die hoger is dan uw eigen rol.';

/** True when `role` is above the actor's own role here; the beheerder is not bound by rank. */
export function aboveActor(actor: PolicyActor, workspace: WorkspaceRef, role: Role | null): boolean {
  return !actor.isAdmin && outranks(role, effectiveRole(actor, workspace));
}

function above(actor: PolicyActor, workspace: WorkspaceRef, role: Role | null, refusal: Refusal): Refusal | null {
  return aboveActor(actor, workspace, role) ? refusal : null;
}

function manage(actor: PolicyActor, workspace: WorkspaceRef): Refusal | null {
  return needs(actor, workspace, 'members.manage');
}

function touch(actor: PolicyActor, { workspace, member }: MemberRecord): Refusal | null {
  return (
    manage(actor, workspace) ??
    (member.userId === actor.id ? refuse(400, NOT_YOURSELF) : null) ??
    above(actor, workspace, member.role, refuse(403, HIGHER_MEMBER))
  );
}

export const membershipPolicy = {
  'membership.set-role': (actor: PolicyActor, record: MemberRecord & { role: Role }): Refusal | null =>
    touch(actor, record) ?? above(actor, record.workspace, record.role, refuse(403, HIGHER_ROLE)),
  'membership.remove': touch,
  'invitation.create': (actor: PolicyActor, { workspace, role }: { workspace: WorkspaceRef; role: Role }): Refusal | null =>
    manage(actor, workspace) ?? above(actor, workspace, role, refuse(403, HIGHER_ROLE)),
  'invitation.revoke': (actor: PolicyActor, { workspace }: { workspace: WorkspaceRef }): Refusal | null =>
    manage(actor, workspace),
};
