import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { requireUser } from '../http/guards.server.ts';
import { checkPassword } from '../features/accounts/login.server.ts';
import { blankSessionCookie, createSession, listSessions, sessionCookie } from '../auth/session.server.ts';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { NewPasswordFields, PlainCheckbox, TextField } from '../components/ui/fields.tsx';
import { formatDateTime } from '../lib/time.ts';
import { MAX_PASSWORD, withConfirmation } from '../core/validation.ts';
import { setEmailNotifications } from '../core/notifications.server.ts';
import { getUserById, logOutEverywhere, setPassword } from '../features/accounts/users.server.ts';
import { CalendarAddress } from '../features/calendar/calendar-address.tsx';
import { calendarFeedSince, feedPath, renewCalendarFeed } from '../features/calendar/calendar-feed.server.ts';
import { authorize } from '../auth/policies/index.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => [{ label: 'Werkruimten', to: '/' }, { label: 'Mijn account' }]);

const passwordSchema = withConfirmation({
  current: z.string({ error: 'Vul uw huidige wachtwoord in.' }).max(MAX_PASSWORD, 'Dit wachtwoord is te lang.'),
});

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorize(user, 'calendarFeed.manage', { userId: user.id });
  const [sessions, stored, calendarSince] = await Promise.all([
    listSessions(context.db, user.id),
    getUserById(context.db, user.id),
    calendarFeedSince(context.db, user.id),
  ]);
  return {
    calendarSince,
    user: { name: user.name, email: user.email },
    emailNotifications: stored?.email_notifications === 1,
    mailConfigured: context.mailer !== null,
    sessions: sessions.map(({ id, ...s }) => ({ ...s, current: id === context.session?.id })),
    changed: new URL(request.url).searchParams.has('gewijzigd'),
    notificationsSaved: new URL(request.url).searchParams.get('meldingen'),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readForm(request);
  if (formData.get('intent') === 'email-notifications') {
    const enabled = formData.get('enabled') === 'on';
    await setEmailNotifications(context.db, user.id, enabled);
    return redirect(`/account?meldingen=${enabled ? 'aan' : 'uit'}`);
  }
  if (formData.get('intent') === 'calendar-renew') {
    authorize(user, 'calendarFeed.manage', { userId: user.id });
    const token = await renewCalendarFeed(context.db, user.id);
    // Not a redirect: the address is in this one answer only (a URL or a cookie would keep it around).
    return data(
      { calendarUrl: `${new URL(request.url).origin}${feedPath(token)}` },
      { headers: { 'Cache-Control': 'no-store' } }
    );
  }
  if (formData.get('intent') === 'logout-everywhere') {
    await logOutEverywhere(context.db, user.id);
    return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie(context.secureCookies) } });
  }
  const submission = parseWithZod(formData, { schema: passwordSchema });
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['current', 'password', 'confirm'] }), { status: 400 });
  }
  const check = await checkPassword(context.db, { email: user.email, password: submission.value.current, ip: context.clientIp });
  if (!check.ok) {
    const limited = check.reason === 'rate_limited';
    const message = limited ? 'Te veel mislukte pogingen. Probeer het later opnieuw.' : 'Uw huidige wachtwoord klopt niet.';
    return data(submission.reply({ fieldErrors: { current: [message] }, hideFields: ['current', 'password', 'confirm'] }), {
      status: limited ? 429 : 400,
    });
  }
  // A new password ends every session, this one included; the user continues in a fresh one.
  await setPassword(context.db, user.id, submission.value.password);
  const session = await createSession(context.db, user.id, request.headers.get('user-agent'));
  return redirect('/account?gewijzigd', {
    headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt, context.secureCookies) },
  });
}

export default function Account() {
  const { user, sessions, changed, emailNotifications, mailConfigured, notificationsSaved, calendarSince } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const calendarUrl = actionData && 'calendarUrl' in actionData ? actionData.calendarUrl : null;
  const lastResult = actionData && !('calendarUrl' in actionData) ? actionData : undefined;
  const [form, fields] = useZodForm({
    id: 'wachtwoord',
    schema: passwordSchema,
    lastResult,
  });
  return (
    <>
      <h1 className="utrecht-heading-1">Mijn account</h1>
      <p className="utrecht-paragraph">
        {user.name} · {user.email}
      </p>
      <Section id="wachtwoord-titel" title="Wachtwoord wijzigen" narrow>
        {changed ? <Alert kind="ok">Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.</Alert> : null}
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.current} label="Huidig wachtwoord" type="password" autoComplete="current-password" />
          <NewPasswordFields password={fields.password} confirm={fields.confirm} label="Nieuw wachtwoord" />
          <Button>Wachtwoord wijzigen</Button>
        </Form>
      </Section>
      <Section id="meldingen-titel" title="Meldingen per e-mail" narrow>
        <p className="utrecht-paragraph">
          U krijgt een melding in Thuisplan als iemand u noemt, op uw opmerking reageert of u uitnodigt voor een reviewronde.
          {mailConfigured ? ' Wilt u die meldingen ook per e-mail?' : ' Deze installatie verstuurt (nog) geen e-mail.'}
        </p>
        {notificationsSaved ? (
          <Alert kind="ok">
            {notificationsSaved === 'aan' ? 'U krijgt meldingen ook per e-mail.' : 'U krijgt geen meldingen meer per e-mail.'}
          </Alert>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="email-notifications" />
          <PlainCheckbox
            id="meldingen-per-e-mail"
            name="enabled"
            defaultChecked={emailNotifications}
            label="Stuur mij meldingen ook per e-mail"
          />
          <Button variant="secondary">Voorkeur opslaan</Button>
        </Form>
      </Section>
      <Section id="agenda-titel" title="Agenda-abonnement" narrow>
        <p className="utrecht-paragraph">
          Zet de streefdatums van uw stappen en acties en de overleggen waaraan u deelneemt in uw eigen agenda. U krijgt een
          geheim adres; uw agenda-app haalt daar regelmatig de nieuwste stand op. In Outlook:{' '}
          <em>Agenda toevoegen → Abonneren via internet</em>, en plak daar het adres.
        </p>
        <p className="utrecht-paragraph">
          Wie het adres heeft, ziet deze afspraken zonder in te loggen. Deel het dus niet. Vernieuwt u het adres, dan werkt het
          oude niet meer.
        </p>
        {calendarUrl ? (
          <CalendarAddress url={calendarUrl} />
        ) : calendarSince ? (
          <p className="utrecht-paragraph">U hebt een agenda-adres sinds {formatDateTime(calendarSince)}.</p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="calendar-renew" />
          <Button variant="secondary">
            {calendarSince ? (
              <>
                Vernieuwen<span className="visually-hidden"> (nieuw agenda-adres maken)</span>
              </>
            ) : (
              'Agenda-adres maken'
            )}
          </Button>
        </Form>
      </Section>
      <Section id="sessies-titel" title="Waar u bent ingelogd">
        <DataTable caption="Waar u bent ingelogd" columns={['Browser', 'Ingelogd op', 'Verloopt']}>
          {sessions.map((s, index) => (
            <tr key={index} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                {s.userAgent ?? 'Onbekend'}
                {s.current ? <strong> (dit apparaat)</strong> : null}
              </td>
              <td className="utrecht-table__cell">{formatDateTime(s.createdAt)}</td>
              <td className="utrecht-table__cell">{formatDateTime(s.expiresAt)}</td>
            </tr>
          ))}
        </DataTable>
        <Form method="post">
          <input type="hidden" name="intent" value="logout-everywhere" />
          <Button variant="secondary">Log uit op alle apparaten</Button>
        </Form>
      </Section>
    </>
  );
}
