import { redirect } from '@remix-run/node';
import type { AppLoadContext } from '@remix-run/node';
import type { Role, Workspace } from '../../db/schema.ts';
import { getDocument } from '../features/documents/documents.server.ts';
import { getRound } from '../features/review-rounds/review-rounds.server.ts';
import { loadActor } from '../core/memberships.server.ts';
import { getWorkspaceBySlug, toWorkspaceRef } from '../core/workspaces.server.ts';
import { abilitiesIn, can, effectiveRole, type Ability, type WorkspaceRef } from '../auth/permissions.ts';
import { authorize, type PolicyActor } from '../auth/policies/index.ts';
import type { SessionUser } from '../auth/session.server.ts';

export function notFound(): Response {
  return new Response('Niet gevonden', { status: 404, statusText: 'Niet gevonden' });
}

export function forbidden(): Response {
  return new Response('Geen toegang', { status: 403, statusText: 'Geen toegang' });
}

/** The logged-in user, or a redirect to the log-in page that comes back here afterwards. */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  if (context.user) return context.user;
  const url = new URL(request.url);
  const back = request.method === 'GET' ? `${url.pathname}${url.search}` : '/';
  throw redirect(`/login?terug=${encodeURIComponent(back)}`);
}

export interface WorkspaceAccess {
  user: SessionUser;
  workspace: Workspace;
  role: Role | null;
  abilities: Ability[];
  /** Who asks and where, for the record policies (`allowed`, `authorize` in ./policies). */
  actor: PolicyActor;
  ref: WorkspaceRef;
}

/**
 * The workspace if the user may do `ability` in it. A workspace the user may not see answers 404
 * (its existence stays hidden); one they see but may not act in answers 403.
 */
export async function requireAbility(
  context: AppLoadContext,
  request: Request,
  slug: string | undefined,
  ability: Ability
): Promise<WorkspaceAccess> {
  const user = requireUser(context, request);
  const workspace = slug ? await getWorkspaceBySlug(context.db, slug) : undefined;
  if (!workspace) throw notFound();
  const actor = await loadActor(context.db, user);
  const ref = toWorkspaceRef(workspace);
  if (!can(actor, ref, 'workspace.view')) throw notFound();
  if (!can(actor, ref, ability)) throw forbidden();
  return { user, workspace, role: effectiveRole(actor, ref), abilities: abilitiesIn(actor, ref), actor, ref };
}

export function requireAdmin(context: AppLoadContext, request: Request): SessionUser {
  const user = requireUser(context, request);
  authorize(user, 'admin.view', {});
  return user;
}

/** A document of the workspace in the URL, if the user may do `ability` there; else 404/403 as above. */
export async function requireDocument(
  context: AppLoadContext,
  request: Request,
  params: { slug?: string; id?: string },
  ability: Ability
) {
  const access = await requireAbility(context, request, params.slug, ability);
  const document = params.id && /^[0-9a-f-]{36}$/.test(params.id) ? await getDocument(context.db, params.id) : undefined;
  if (!document) throw notFound();
  authorize(access.actor, 'document.view', { workspace: access.ref, document });
  return { ...access, document };
}

/** A review round of the workspace in the URL, if the user may do `ability` there; else 404/403 as above. */
export async function requireRound(
  context: AppLoadContext,
  request: Request,
  params: { slug?: string; id?: string },
  ability: Ability
) {
  const access = await requireAbility(context, request, params.slug, ability);
  const round =
    params.id && /^[0-9a-f-]{36}$/.test(params.id) ? await getRound(context.db, access.workspace.id, params.id) : undefined;
  if (!round) throw notFound();
  authorize(access.actor, 'review.view', { workspace: access.ref, round });
  return { ...access, round };
}
