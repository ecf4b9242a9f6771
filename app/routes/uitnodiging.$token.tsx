import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { createSession, sessionCookie } from '../auth/session.server.ts';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { NewPasswordFields, TextField } from '../components/ui/fields.tsx';
import { ROLE_LABELS } from '../core/labels.ts';
import { formatDateTime } from '../lib/time.ts';
import { nameField, withConfirmation } from '../core/validation.ts';
import { acceptInvitation, findOpenInvitation } from '../features/accounts/invitations.server.ts';
import { getUserByEmail } from '../features/accounts/users.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Uitnodiging' }));

const schema = withConfirmation({ name: nameField });
const GONE = 'Deze uitnodiging is verlopen, ingetrokken of al gebruikt. Vraag de projectleider om een nieuwe.';

async function loadInvitation({ context, params }: LoaderFunctionArgs) {
  const invitation = params.token ? await findOpenInvitation(context.db, params.token) : undefined;
  if (!invitation) return null;
  const existing = await getUserByEmail(context.db, invitation.email);
  return { invitation, existingUserId: existing?.id ?? null };
}

export async function loader(args: LoaderFunctionArgs) {
  const found = await loadInvitation(args);
  if (!found) return data({ state: 'gone' as const }, { status: 410 });
  const { invitation, existingUserId } = found;
  const user = args.context.user;
  const view = {
    workspaceName: invitation.workspaceName,
    role: invitation.role,
    email: invitation.email,
    invitedByName: invitation.invitedByName,
    expiresAt: invitation.expiresAt,
  };
  if (!existingUserId) return { state: 'new' as const, ...view };
  if (user?.id === existingUserId) return { state: 'accept' as const, ...view };
  return { state: user ? ('other-user' as const) : ('login' as const), ...view };
}

export async function action(args: ActionFunctionArgs) {
  const { context, request, params } = args;
  const found = await loadInvitation(args);
  if (!found || !params.token) return data({ result: undefined, error: GONE }, { status: 410 });

  let userId: string | null;
  if (found.existingUserId) {
    if (context.user?.id !== found.existingUserId) {
      return data({ result: undefined, error: 'Log eerst in met het account van dit e-mailadres.' }, { status: 403 });
    }
    userId = await acceptInvitation(context.db, params.token, { existingUserId: found.existingUserId });
  } else {
    const submission = parseWithZod(await readForm(request), { schema });
    if (submission.status !== 'success') {
      return data({ result: submission.reply({ hideFields: ['password', 'confirm'] }), error: undefined }, { status: 400 });
    }
    userId = await acceptInvitation(context.db, params.token, submission.value);
  }
  if (!userId) return data({ result: undefined, error: GONE }, { status: 410 });

  const headers = new Headers();
  if (context.user?.id !== userId) {
    const session = await createSession(context.db, userId, request.headers.get('user-agent'));
    headers.append('Set-Cookie', sessionCookie(session.token, session.expiresAt, context.secureCookies));
  }
  return redirect(`/w/${found.invitation.workspaceSlug}`, { headers });
}

export default function Invitation() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useZodForm({
    id: 'uitnodiging',
    schema,
    lastResult: actionData?.result,
  });

  if (view.state === 'gone') {
    return (
      <div className="page-narrow">
        <h1 className="utrecht-heading-1">Uitnodiging niet geldig</h1>
        <Alert kind="warning">{GONE}</Alert>
      </div>
    );
  }
  return (
    <div className="page-narrow">
      <h1 className="utrecht-heading-1">Uitnodiging voor {view.workspaceName}</h1>
      <p className="utrecht-paragraph">
        {view.invitedByName} nodigt {view.email} uit als {ROLE_LABELS[view.role].toLowerCase()}. De uitnodiging is geldig tot{' '}
        {formatDateTime(view.expiresAt)}.
      </p>
      {actionData?.error ? <Alert kind="error">{actionData.error}</Alert> : null}
      {view.state === 'new' ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label="Uw naam" autoComplete="name" />
          <NewPasswordFields password={fields.password} confirm={fields.confirm} />
          <Button>Account maken en uitnodiging accepteren</Button>
        </Form>
      ) : view.state === 'accept' ? (
        <Form method="post">
          <Button>Uitnodiging accepteren</Button>
        </Form>
      ) : view.state === 'login' ? (
        <p className="utrecht-paragraph">
          Er is al een account voor dit e-mailadres.{' '}
          <Link className="utrecht-link" to={`/login?terug=${encodeURIComponent(location.pathname)}`}>
            Log in
          </Link>{' '}
          om de uitnodiging te accepteren.
        </p>
      ) : (
        <Alert kind="warning">
          U bent ingelogd met een ander account. Log uit en log in als {view.email} om deze uitnodiging te accepteren.
        </Alert>
      )}
    </div>
  );
}
