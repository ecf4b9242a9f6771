import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { requireAdmin } from '../http/guards.server.ts';

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return redirect('/beheer/gebruikers');
}
