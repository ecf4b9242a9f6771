import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '../http/guards.server.ts';
import { Button } from '../components/ui/feedback.tsx';
import { formatDateTime } from '../lib/time.ts';
import { listNotifications, markAllRead } from '../core/notifications.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => [{ label: 'Werkruimten', to: '/' }, { label: 'Meldingen' }]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { notifications: await listNotifications(context.db, user) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  await markAllRead(context.db, user.id);
  return redirect('/meldingen');
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <>
      <h1 className="utrecht-heading-1">Meldingen</h1>
      <p className="utrecht-paragraph">
        {notifications.length === 0
          ? 'U heeft nog geen meldingen. U krijgt er een als iemand u noemt, op uw opmerking reageert of u uitnodigt voor een reviewronde.'
          : `${unread} ongelezen.`}{' '}
        Meldingen per e-mail zet u aan of uit onder{' '}
        <Link to="/account" className="utrecht-link">
          Mijn account
        </Link>
        .
      </p>
      {unread > 0 ? (
        <Form method="post">
          <Button variant="secondary">Alles als gelezen markeren</Button>
        </Form>
      ) : null}
      <ul className="notifications">
        {notifications.map((n) => (
          <li key={n.id} className={n.read ? 'notifications__item' : 'notifications__item notifications__item--unread'}>
            {/* A POST, because opening marks the notification read; a button, so it works by keyboard too. */}
            <Form method="post" action={`/meldingen/${n.id}`} className="notifications__open">
              <button type="submit" className="utrecht-link-button utrecht-link-button--html-button">
                {n.read ? null : <span className="notifications__new">Nieuw: </span>}
                {n.text}
              </button>
            </Form>
            <span className="muted">
              {' '}
              · {n.workspaceName} · {formatDateTime(n.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
