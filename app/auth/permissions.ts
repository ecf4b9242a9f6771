// The one authorization table. Pure: no database, no request. Every "may this user do this"
// in routes and in the collaboration server is answered here or, for a particular record (its owner,
// its state, its workspace), by the policies in ./policies/, which build on `can`. No role name is
// compared elsewhere.
import type { Role, WorkspaceKind } from '../../db/schema.ts';

export type { Role };

/** Roles from least to most. */
export const ROLES = ['lezer', 'commentator', 'redacteur', 'projectleider'] as const satisfies readonly Role[];

/** The least role that grants each ability in a workspace. */
export const ABILITY_MIN_ROLE = {
  'workspace.view': 'lezer',
  'members.view': 'lezer',
  'comment.create': 'commentator',
  'document.edit': 'redacteur',
  'comment.process': 'redacteur', // resolve other people's threads, record processing decisions
  'analysis.edit': 'redacteur',
  'indicators.define': 'redacteur', // definitions and small-number thresholds: regional, see REGION_ONLY
  'action.edit': 'redacteur',
  'step.update': 'projectleider',
  'checklist.manage': 'projectleider', // adapt and tick the steps' checklists
  'meeting.manage': 'projectleider', // meetings, their besluitenlijst and minutes
  'woondeal.manage': 'projectleider', // the region's register of woondeal agreements: see REGION_ONLY
  'members.manage': 'projectleider',
  'audit.view': 'projectleider',
  'distribution.manage': 'projectleider',
  'comment.hide': 'projectleider',
  'review.manage': 'projectleider',
} as const satisfies Record<string, Role>;

export type Ability = keyof typeof ABILITY_MIN_ROLE;
export const ABILITIES = Object.keys(ABILITY_MIN_ROLE) as Ability[];

/** What the global beheerder may do in every workspace, with or without a membership. */
const ADMIN_ABILITIES: ReadonlySet<Ability> = new Set<Ability>([
  'workspace.view',
  'members.view',
  'members.manage',
  'audit.view',
  'indicators.define',
]);

/**
 * Settings that hold for the whole region (what an indicator means, below which count it is hidden):
 * granted only in the region's workspace, never through a gemeente's own.
 */
const REGION_ONLY: ReadonlySet<Ability> = new Set<Ability>(['indicators.define', 'woondeal.manage']);

/** A region membership counts in every gemeente of the region, as this role. */
export const REGION_ROLE_IN_GEMEENTE: Readonly<Record<Role, Role>> = {
  projectleider: 'projectleider',
  redacteur: 'lezer', // each gemeente writes its own plan
  commentator: 'commentator',
  lezer: 'lezer',
};

export interface Actor {
  isAdmin: boolean;
  memberships: ReadonlyArray<{ workspaceId: string; role: Role }>;
}

export interface WorkspaceRef {
  id: string;
  kind: WorkspaceKind;
  parentId: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when role `a` is strictly higher than role `b` (no role counts as the lowest of all). */
export function outranks(a: Role | null, b: Role | null): boolean {
  return (a === null ? -1 : roleRank(a)) > (b === null ? -1 : roleRank(b));
}

function higher(a: Role | null, b: Role | null): Role | null {
  if (!a) return b;
  if (!b) return a;
  return roleRank(a) >= roleRank(b) ? a : b;
}

/** The role that counts in a workspace: its own membership or the inherited region one, whichever is higher. */
export function effectiveRole(actor: Actor, workspace: WorkspaceRef): Role | null {
  const own = actor.memberships.find((m) => m.workspaceId === workspace.id)?.role ?? null;
  if (workspace.kind !== 'gemeente' || !workspace.parentId) return own;
  const region = actor.memberships.find((m) => m.workspaceId === workspace.parentId)?.role;
  return higher(own, region ? REGION_ROLE_IN_GEMEENTE[region] : null);
}

export function roleCan(role: Role | null, ability: Ability): boolean {
  return role !== null && roleRank(role) >= roleRank(ABILITY_MIN_ROLE[ability]);
}

export function can(actor: Actor, workspace: WorkspaceRef, ability: Ability): boolean {
  if (REGION_ONLY.has(ability) && workspace.kind !== 'regio') return false;
  if (actor.isAdmin && ADMIN_ABILITIES.has(ability)) return true;
  return roleCan(effectiveRole(actor, workspace), ability);
}

export function abilitiesIn(actor: Actor, workspace: WorkspaceRef): Ability[] {
  return ABILITIES.filter((ability) => can(actor, workspace, ability));
}

/**
 * Small-number protection: a gemeente's exact figures are for members of its own workspace only — not
 * through the region, not for the beheerder. Everyone else sees them protected.
 */
export function seesExactFigures(actor: Actor, gemeente: Pick<WorkspaceRef, 'id'>): boolean {
  return actor.memberships.some((m) => m.workspaceId === gemeente.id);
}

/** Application-wide administration (users, organisations): the beheerder only. */
export function canAdminister(actor: Pick<Actor, 'isAdmin'>): boolean {
  return actor.isAdmin;
}
