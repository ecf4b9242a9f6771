import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { limitPasswordLinkPost, retryMessage } from '../features/accounts/login.server.ts';
import { createSession, sessionCookie } from '../auth/session.server.ts';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { NewPasswordFields } from '../components/ui/fields.tsx';
import { withConfirmation } from '../core/validation.ts';
import { findPasswordToken, redeemPasswordToken } from '../features/accounts/users.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Wachtwoord instellen' }));

const schema = withConfirmation({});
const GONE = 'Deze link is verlopen of al gebruikt. Vraag de beheerder om een nieuwe.';

export async function loader({ context, params }: LoaderFunctionArgs) {
  const found = params.token ? await findPasswordToken(context.db, params.token) : undefined;
  if (!found) return data({ valid: false as const }, { status: 410 });
  return { valid: true as const, email: found.email, name: found.name };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const wait = await limitPasswordLinkPost(context.clientIp);
  if (wait !== null) {
    return data(
      { result: undefined, error: `Te veel pogingen. ${retryMessage(wait)}` },
      { status: 429, headers: { 'Retry-After': String(wait) } }
    );
  }
  // The link first: a bogus one is refused before the form is read, let alone a password hashed.
  if (!params.token || !(await findPasswordToken(context.db, params.token))) {
    return data({ result: undefined, error: GONE }, { status: 410 });
  }
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password', 'confirm'] }), error: undefined }, { status: 400 });
  }
  const userId = await redeemPasswordToken(context.db, params.token, submission.value.password);
  if (!userId) return data({ result: undefined, error: GONE }, { status: 410 });
  const session = await createSession(context.db, userId, request.headers.get('user-agent'));
  return redirect('/', { headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt, context.secureCookies) } });
}

export default function SetPassword() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'wachtwoord-instellen',
    schema,
    lastResult: actionData?.result,
  });
  return (
    <div className="page-narrow">
      <h1 className="utrecht-heading-1">Wachtwoord instellen</h1>
      {actionData?.error ? <Alert kind="error">{actionData.error}</Alert> : null}
      {!view.valid ? (
        actionData?.error ? null : (
          <Alert kind="warning">{GONE}</Alert>
        )
      ) : (
        <>
          <p className="utrecht-paragraph">
            Kies een wachtwoord voor {view.name} ({view.email}).
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <NewPasswordFields password={fields.password} confirm={fields.confirm} label="Nieuw wachtwoord" />
            <Button>Wachtwoord opslaan</Button>
          </Form>
        </>
      )}
    </div>
  );
}
