// A notification opens with a POST (from the list, or the button here): that marks it read and goes to
// what it is about, whose page checks access again. A GET only shows it: reading changes nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { notFound, requireUser } from '../http/guards.server.ts';
import type { SessionUser } from '../auth/session.server.ts';
import { Alert, Button } from '../components/ui/feedback.tsx';
import { safeRedirect } from '../core/validation.ts';
import { getNotification, markRead } from '../core/notifications.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => [
  { label: 'Werkruimten', to: '/' },
  { label: 'Meldingen', to: '/meldingen' },
  { label: 'Melding' },
]);

async function load(context: LoaderFunctionArgs['context'], user: SessionUser, id: string | undefined) {
  const found = id && /^[0-9a-f-]{36}$/.test(id) ? await getNotification(context.db, user, id) : undefined;
  if (!found) throw notFound();
  return found;
}

// After losing access to its workspace, nothing of the notification is shown, and nobody is sent on.
const noAccess = () => data({ accessible: false as const }, { status: 403, statusText: 'Geen toegang' });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const found = await load(context, user, params.id);
  if (!found.accessible) return noAccess();
  return { accessible: true as const, text: found.text, workspaceName: found.workspaceName, read: found.read };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const found = await load(context, user, params.id);
  if (!found.accessible) return noAccess();
  await markRead(context.db, user.id, params.id!);
  return redirect(safeRedirect(found.url, '/meldingen'));
}

export default function NotificationPage() {
  const view = useLoaderData<typeof loader>();
  return (
    <div className="page-narrow">
      <h1 className="utrecht-heading-1">Melding</h1>
      {!view.accessible ? (
        <Alert kind="warning">
          U heeft geen toegang meer tot de werkruimte van deze melding. Vraag de projectleider van die werkruimte als u weer
          toegang nodig heeft.
        </Alert>
      ) : (
        <>
          <p className="utrecht-paragraph">
            {view.text} ({view.workspaceName}){view.read ? ' · gelezen' : null}
          </p>
          <Form method="post">
            <Button>Openen</Button>
          </Form>
        </>
      )}
      <p className="utrecht-paragraph">
        <Link to="/meldingen" className="utrecht-link">
          Naar alle meldingen
        </Link>
      </p>
    </div>
  );
}
