// Opening a notification marks it read and goes to what it is about (whose page checks access again).
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { notFound, requireUser } from '../auth/guards.server.ts';
import { safeRedirect } from '../lib/validation.ts';
import { openNotification } from '../models/notifications.server.ts';

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const url = params.id ? await openNotification(context.db, user.id, params.id) : undefined;
  if (!url) throw notFound();
  return redirect(safeRedirect(url, '/meldingen'));
}
