// What every policy shares: who asks, and how a refusal is said. Pure: no database, no request.
import { can, type Ability, type Actor, type WorkspaceRef } from '../permissions.ts';

/** The user who asks: the permissions module's actor, with their id (for "own" and "not yourself"). */
export interface PolicyActor extends Actor {
  id: string;
}

/** Why something is refused: the HTTP status and the Dutch message the routes answer with. */
export interface Refusal {
  status: 400 | 403 | 404 | 409;
  message: string;
}

/** A policy for one action: null when allowed, else the refusal. */
export type Rule<R, A = PolicyActor> = (actor: A, record: R) => Refusal | null;

export const NOT_FOUND: Refusal = { status: 404, message: 'Niet gevonden' };
export const FORBIDDEN: Refusal = { status: 403, message: 'Geen toegang' };

export function refuse(status: Refusal['status'], message: string): Refusal {
  return { status, message };
}

/**
 * The base of every record policy: a workspace the actor may not see answers 404 (its existence stays
 * hidden), an ability the role lacks answers 403 — as `requireAbility` does.
 */
export function needs(actor: Actor, workspace: WorkspaceRef, ability: Ability): Refusal | null {
  if (!can(actor, workspace, 'workspace.view')) return NOT_FOUND;
  return can(actor, workspace, ability) ? null : FORBIDDEN;
}

/** A record that belongs to another workspace than the one in the URL answers 404, like one that does not exist. */
export function ownedBy(record: { workspaceId: string } | undefined, workspace: WorkspaceRef): Refusal | null {
  return record && record.workspaceId === workspace.id ? null : NOT_FOUND;
}
