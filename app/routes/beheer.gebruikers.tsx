import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { requireAdmin } from '../http/guards.server.ts';
import { allowed, check } from '../auth/policies/index.ts';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CompactSelect, SelectField, TextField } from '../components/ui/fields.tsx';
import { emailField, nameField } from '../core/validation.ts';
import { listOrganisations } from '../features/accounts/organisations.server.ts';
import {
  createPasswordToken,
  createUser,
  getUserByEmail,
  getUserById,
  listUsers,
  updateUserByAdmin,
} from '../features/accounts/users.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { plural } from '../lib/plural.ts';

export const handle = crumbs(() => ({ label: 'Gebruikers' }));

const createSchema = z.object({ name: nameField, email: emailField, organisationId: z.string().optional() });

type ActionResult =
  | { intent: 'create'; result: SubmissionResult<string[]>; link?: string; name?: string }
  | { intent: 'row'; ok: boolean; message: string; link?: string };

export async function loader({ context, request }: LoaderFunctionArgs) {
  const admin = requireAdmin(context, request);
  const [users, organisations] = await Promise.all([listUsers(context.db), listOrganisations(context.db)]);
  return {
    // Per user what the beheerder may do: not block themself or take away their own rights.
    users: users.map((u) => ({
      ...u,
      can: {
        setAdmin: allowed(admin, 'user.set-admin', { target: u }),
        block: allowed(admin, 'user.block', { target: u }),
      },
    })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  const formData = await readForm(request);
  const intent = formData.get('intent');
  const organisationIds = (await listOrganisations(context.db)).map((o) => o.id);
  const passwordLink = async (userId: string) =>
    new URL(`/wachtwoord-instellen/${await createPasswordToken(context.db, userId, admin.id)}`, request.url).href;
  const rowError = (message: string, status = 400) => data<ActionResult>({ intent: 'row', ok: false, message }, { status });

  if (intent === 'create') {
    const submission = parseWithZod(formData, { schema: createSchema });
    if (submission.status !== 'success')
      return data<ActionResult>({ intent: 'create', result: submission.reply() }, { status: 400 });
    const { name, email, organisationId } = submission.value;
    const fieldErrors: Record<string, string[]> = {};
    if (organisationId && !organisationIds.includes(organisationId))
      fieldErrors.organisationId = ['Kies een organisatie uit de lijst.'];
    if (await getUserByEmail(context.db, email)) fieldErrors.email = ['Er is al een gebruiker met dit e-mailadres.'];
    if (Object.keys(fieldErrors).length > 0) {
      return data<ActionResult>({ intent: 'create', result: submission.reply({ fieldErrors }) }, { status: 400 });
    }
    const user = await createUser(context.db, { name, email, organisationId: organisationId ?? null }, admin.id);
    return {
      intent: 'create',
      result: submission.reply({ resetForm: true }),
      link: await passwordLink(user.id),
      name,
    } satisfies ActionResult;
  }

  const userId = String(formData.get('userId') ?? '');
  const target = await getUserById(context.db, userId);
  if (!target) return rowError('Deze gebruiker bestaat niet.', 404);

  switch (intent) {
    case 'organisation': {
      const organisationId = String(formData.get('organisationId') ?? '');
      if (organisationId && !organisationIds.includes(organisationId)) return rowError('Kies een organisatie uit de lijst.');
      await updateUserByAdmin(context.db, userId, { organisationId: organisationId || null }, admin.id);
      return { intent: 'row', ok: true, message: `De organisatie van ${target.name} is bijgewerkt.` } satisfies ActionResult;
    }
    case 'admin': {
      const refusal = check(admin, 'user.set-admin', { target });
      if (refusal) return rowError(refusal.message, refusal.status);
      const isAdmin = target.is_admin !== 1;
      await updateUserByAdmin(context.db, userId, { isAdmin }, admin.id);
      return {
        intent: 'row',
        ok: true,
        message: `${target.name} is ${isAdmin ? 'nu' : 'geen'} beheerder${isAdmin ? '' : ' meer'}.`,
      } satisfies ActionResult;
    }
    case 'disable': {
      const refusal = check(admin, 'user.block', { target });
      if (refusal) return rowError(refusal.message, refusal.status);
      const disabled = target.disabled_at === null;
      await updateUserByAdmin(context.db, userId, { disabled }, admin.id);
      return {
        intent: 'row',
        ok: true,
        message: `${target.name} is ${disabled ? 'geblokkeerd en overal uitgelogd' : 'weer actief'}.`,
      } satisfies ActionResult;
    }
    case 'password-link':
      return {
        intent: 'row',
        ok: true,
        message: `Stuur deze link naar ${target.name}; hij werkt één keer en zeven dagen lang:`,
        link: await passwordLink(userId),
      } satisfies ActionResult;
    default:
      return rowError('Onbekende handeling.');
  }
}

export default function AdminUsers() {
  const { users, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const createData = actionData?.intent === 'create' ? actionData : undefined;
  const rowData = actionData?.intent === 'row' ? actionData : undefined;
  const [form, fields] = useZodForm({
    id: 'gebruiker-maken',
    schema: createSchema,
    lastResult: createData?.result,
  });
  return (
    <>
      <Section id="gebruikers-titel" title="Gebruikers">
        {rowData ? (
          <Alert kind={rowData.ok ? 'ok' : 'error'}>
            {rowData.message}
            {rowData.link ? <output className="copy-link">{rowData.link}</output> : null}
          </Alert>
        ) : null}
        <DataTable caption="Gebruikers" columns={['Naam', 'Organisatie', 'Status', 'Acties']}>
          {users.map((u) => (
            <tr key={u.id} className="utrecht-table__row" data-user={u.email}>
              <th scope="row" className="utrecht-table__header-cell">
                {u.name}
                <div className="muted">{u.email}</div>
              </th>
              <td className="utrecht-table__cell">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="organisation" />
                  <input type="hidden" name="userId" value={u.id} />
                  <CompactSelect
                    id={`org-${u.id}`}
                    name="organisationId"
                    label={`Organisatie van ${u.name}`}
                    defaultValue={u.organisationId ?? ''}
                    options={organisations}
                    placeholder="Geen organisatie"
                  />
                  <Button variant="secondary">
                    Opslaan<span className="visually-hidden"> organisatie van {u.name}</span>
                  </Button>
                </Form>
              </td>
              <td className="utrecht-table__cell">
                {u.disabled ? 'Geblokkeerd' : u.hasPassword ? 'Actief' : 'Nog geen wachtwoord'}
                {u.isAdmin ? ' · beheerder' : ''}
                <div className="muted">{plural(u.membershipCount, 'werkruimte', 'werkruimten')}</div>
              </td>
              <td className="utrecht-table__cell">
                <div className="row-actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value="password-link" />
                    <input type="hidden" name="userId" value={u.id} />
                    <Button variant="secondary">
                      Wachtwoordlink<span className="visually-hidden"> voor {u.name}</span>
                    </Button>
                  </Form>
                  {u.can.setAdmin ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="admin" />
                      <input type="hidden" name="userId" value={u.id} />
                      <Button variant="secondary">
                        {u.isAdmin ? 'Beheerrechten intrekken' : 'Beheerder maken'}
                        <span className="visually-hidden"> {u.name}</span>
                      </Button>
                    </Form>
                  ) : null}
                  {u.can.block ? (
                    <>
                      <Form method="post">
                        <input type="hidden" name="intent" value="disable" />
                        <input type="hidden" name="userId" value={u.id} />
                        <Button variant={u.disabled ? 'secondary' : 'danger'}>
                          {u.disabled ? 'Deblokkeren' : 'Blokkeren'}
                          <span className="visually-hidden"> {u.name}</span>
                        </Button>
                      </Form>
                    </>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      </Section>
      <Section id="nieuw-titel" title="Gebruiker toevoegen" narrow>
        {createData?.link ? (
          <Alert kind="ok">
            {createData.name} is toegevoegd. Stuur deze link om een wachtwoord te kiezen; hij werkt één keer en zeven dagen lang:
            <output className="copy-link">{createData.link}</output>
          </Alert>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label="Naam" autoComplete="off" />
          <TextField field={fields.email} label="E-mailadres" type="email" autoComplete="off" />
          <SelectField field={fields.organisationId} label="Organisatie" options={organisations} placeholder="Geen organisatie" />
          <Button>Gebruiker toevoegen</Button>
        </Form>
      </Section>
    </>
  );
}
