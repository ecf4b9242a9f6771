import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { blankSessionCookie } from '../auth/session.server.ts';
import { logOut } from '../features/accounts/users.server.ts';

export async function loader() {
  return redirect('/');
}

export async function action({ context }: ActionFunctionArgs) {
  if (context.session) {
    await logOut(context.db, context.session);
  }
  return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie(context.secureCookies) } });
}
