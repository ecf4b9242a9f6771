import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { requireAdmin } from '../http/guards.server.ts';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CompactSelect, SelectField, TextField } from '../components/ui/fields.tsx';
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from '../core/labels.ts';
import { oneLineText } from '../core/validation.ts';
import {
  createOrganisation,
  listOrganisations,
  organisationNameTaken,
  updateOrganisation,
} from '../features/accounts/organisations.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Organisaties' }));

const schema = z.object({
  id: z.string().optional(),
  name: oneLineText('Vul een naam in.').min(2, 'Een naam heeft minstens 2 tekens.').max(120, 'Een naam is hoogstens 120 tekens.'),
  kind: z.enum(ORGANISATION_KINDS, { error: 'Kies een soort uit de lijst.' }),
});
const KIND_OPTIONS = ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }));

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return { organisations: await listOrganisations(context.db) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const admin = requireAdmin(context, request);
  const submission = parseWithZod(await readForm(request), { schema });
  const editing = submission.payload.id !== undefined;
  // A row edit reports in the row's alert; the create form shows its errors at its fields.
  const fail = (errors: Record<string, string[]>, status = 400) =>
    editing
      ? data({ result: undefined, message: undefined, error: Object.values(errors).flat().join(' ') }, { status })
      : data({ result: submission.reply({ fieldErrors: errors }), message: undefined, error: undefined }, { status });
  if (submission.status !== 'success') {
    return fail(Object.fromEntries(Object.entries(submission.error ?? {}).map(([k, v]) => [k, v ?? []])));
  }
  const { id, name, kind } = submission.value;
  if (await organisationNameTaken(context.db, name, id)) return fail({ name: ['Er is al een organisatie met deze naam.'] });
  if (id) {
    if (!(await updateOrganisation(context.db, id, { name, kind }, admin.id)))
      return fail({ id: ['Deze organisatie bestaat niet.'] }, 404);
    return { result: undefined, message: `${name} is bijgewerkt.`, error: undefined };
  }
  await createOrganisation(context.db, { name, kind }, admin.id);
  return { result: submission.reply({ resetForm: true }), message: `${name} is toegevoegd.`, error: undefined };
}

export default function AdminOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'organisatie',
    schema,
    lastResult: actionData?.result,
  });
  return (
    <>
      <Section id="organisaties-titel" title="Organisaties">
        {actionData?.message ? <Alert kind="ok">{actionData.message}</Alert> : null}
        {actionData?.error ? <Alert kind="error">{actionData.error}</Alert> : null}
        <DataTable caption="Organisaties" columns={['Naam en soort', 'Gebruikers']}>
          {organisations.map((o) => (
            <tr key={o.id} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={o.id} />
                  <label className="visually-hidden" htmlFor={`naam-${o.id}`}>
                    Naam van {o.name}
                  </label>
                  <input
                    id={`naam-${o.id}`}
                    name="name"
                    defaultValue={o.name}
                    required
                    maxLength={120}
                    className="utrecht-textbox utrecht-textbox--html-input"
                  />
                  <CompactSelect
                    id={`soort-${o.id}`}
                    name="kind"
                    label={`Soort van ${o.name}`}
                    defaultValue={o.kind}
                    options={KIND_OPTIONS}
                  />
                  <Button variant="secondary">
                    Opslaan<span className="visually-hidden"> {o.name}</span>
                  </Button>
                </Form>
              </td>
              <td className="utrecht-table__cell">{o.userCount}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
      <Section id="nieuwe-organisatie-titel" title="Organisatie toevoegen" narrow>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label="Naam" autoComplete="organization" />
          <SelectField field={fields.kind} label="Soort" options={KIND_OPTIONS} placeholder="Kies een soort" />
          <Button>Organisatie toevoegen</Button>
        </Form>
      </Section>
    </>
  );
}
