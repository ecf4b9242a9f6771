import type { AppLoadContext } from '@remix-run/node';
import { getMeeting } from '../features/meetings/meetings.server.ts';
import { authorize } from '../auth/policies/index.ts';
import { notFound, requireAbility } from './guards.server.ts';

/**
 * A meeting of the workspace in the URL that the user may see (policy meeting.view): an unknown id or
 * another workspace's meeting answers 404, a workspace the user may not see 404 too.
 */
export async function requireMeeting(context: AppLoadContext, request: Request, params: { slug?: string; id?: string }) {
  const access = await requireAbility(context, request, params.slug, 'workspace.view');
  const meeting = /^[0-9a-f-]{36}$/.test(params.id ?? '') ? await getMeeting(context.db, params.id!) : undefined;
  if (!meeting) throw notFound();
  authorize(access.actor, 'meeting.view', { workspace: access.ref, meeting });
  return { ...access, meeting };
}
