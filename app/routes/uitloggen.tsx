import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { blankSessionCookie, invalidateSession } from '../auth/session.server.ts';
import { writeAudit } from '../models/audit.server.ts';

export async function loader() {
  return redirect('/');
}

export async function action({ context }: ActionFunctionArgs) {
  if (context.session) {
    await invalidateSession(context.db, context.session.id);
    context.collab.closeUserConnections(context.session.userId, context.session.id);
    await writeAudit(context.db, {
      actorId: context.session.userId,
      action: 'session.end',
      entityType: 'user',
      entityId: context.session.userId,
    });
  }
  return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie(context.secureCookies) } });
}
