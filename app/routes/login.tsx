import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { attemptLogin, retryMessage } from '../features/accounts/login.server.ts';
import { sessionCookie } from '../auth/session.server.ts';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Button, FormErrors } from '../components/ui/feedback.tsx';
import { TextField } from '../components/ui/fields.tsx';
import { emailField, MAX_PASSWORD, safeRedirect } from '../core/validation.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Inloggen' }));

const schema = z.object({
  email: emailField,
  password: z.string({ error: 'Vul uw wachtwoord in.' }).max(MAX_PASSWORD, 'Dit wachtwoord is te lang.'),
  terug: z.string().optional(),
});

// One message for every failed log-in: it never tells whether an address has an account.
const LOGIN_FAILED = 'E-mailadres of wachtwoord klopt niet.';

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('terug')));
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 });
  }
  const result = await attemptLogin(context.db, {
    email: submission.value.email,
    password: submission.value.password,
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  });
  if (!result.ok) {
    const message =
      result.reason === 'rate_limited' ? `Te veel mislukte pogingen. ${retryMessage(result.retryAfterSeconds)}` : LOGIN_FAILED;
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), {
      status: result.reason === 'rate_limited' ? 429 : 401,
    });
  }
  return redirect(safeRedirect(submission.value.terug), {
    headers: { 'Set-Cookie': sessionCookie(result.token, result.expiresAt, context.secureCookies) },
  });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({
    id: 'login',
    schema,
    lastResult,
  });
  return (
    <div className="page-narrow">
      <h1 className="utrecht-heading-1">Inloggen</h1>
      <p className="utrecht-paragraph">Log in om met uw gemeente en de regio aan de woonzorgvisie te werken.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="terug" value={searchParams.get('terug') ?? '/'} />
        <TextField field={fields.email} label="E-mailadres" type="email" autoComplete="username" />
        <TextField field={fields.password} label="Wachtwoord" type="password" autoComplete="current-password" />
        <Button disabled={navigation.state === 'submitting'}>Inloggen</Button>
      </Form>
      <p className="utrecht-paragraph muted">
        Nog geen account? U krijgt toegang via een uitnodiging van de projectleider van uw werkruimte. Wachtwoord vergeten? Vraag
        de beheerder om een nieuwe link.
      </p>
    </div>
  );
}
