// The list of aandachtsgroepen: the programme's list to start with, extended by the beheerder.
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { requireAdmin } from '../http/guards.server.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { TextareaField, TextField } from '../components/ui/fields.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { addTargetGroup, listTargetGroups } from '../features/analysis/indicators.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { multiLineText, oneLineText } from '../core/validation.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Aandachtsgroepen' }));

const groupSchema = z.object({
  name: oneLineText('Vul een naam in.').min(3, 'Een naam heeft minstens 3 tekens.').max(80, 'Een naam is hoogstens 80 tekens.'),
  description: multiLineText().max(500, 'De omschrijving is hoogstens 500 tekens.').default(''),
});

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return { groups: await listTargetGroups(context.db) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireAdmin(context, request);
  const submission = parseWithZod(await readForm(request), { schema: groupSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), added: null }, { status: 400 });
  const groups = await listTargetGroups(context.db);
  if (groups.some((g) => g.name.toLocaleLowerCase('nl') === submission.value.name.toLocaleLowerCase('nl'))) {
    return data(
      { result: submission.reply({ fieldErrors: { name: ['Deze aandachtsgroep bestaat al.'] } }), added: null },
      { status: 400 }
    );
  }
  await addTargetGroup(context.db, submission.value, user.id);
  return { result: submission.reply({ resetForm: true }), added: submission.value.name };
}

export default function TargetGroups() {
  const { groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({ id: 'aandachtsgroep', schema: groupSchema, lastResult: actionData?.result });
  return (
    <>
      <Section id="groepen-titel" title="Aandachtsgroepen">
        <DataTable caption="Aandachtsgroepen" columns={['Naam', 'Omschrijving']}>
          {groups.map((g) => (
            <tr key={g.id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {g.name}
              </th>
              <td className="utrecht-table__cell">{g.description || '–'}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
      <Section id="groep-toevoegen-titel" title="Aandachtsgroep toevoegen" narrow>
        {actionData?.added ? <Alert kind="ok">‘{actionData.added}’ is toegevoegd.</Alert> : null}
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label="Naam" autoComplete="off" />
          <TextareaField field={fields.description} label="Omschrijving" rows={2} />
          <Button>Toevoegen</Button>
        </Form>
      </Section>
    </>
  );
}
