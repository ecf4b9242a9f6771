import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireDocument } from '../http/guards.server.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CompactSelect, TextField } from '../components/ui/fields.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { versionSchema } from '../features/documents/document-forms.ts';
import { formatDateTime } from '../lib/time.ts';
import { listVersions, recordVersion } from '../features/documents/documents.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Documenten', to: `/w/${params.slug}/documenten` },
  { label: data.title, to: data.base },
  { label: 'Versies' },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { document, abilities, workspace } = await requireDocument(context, request, params, 'workspace.view');
  return {
    base: `/w/${workspace.slug}/documenten/${document.id}`,
    title: document.title,
    canEdit: abilities.includes('document.edit'),
    versions: await listVersions(context.db, document.id),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { document, user } = await requireDocument(context, request, params, 'document.edit');
  const submission = parseWithZod(await readForm(request), { schema: versionSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), recorded: null }, { status: 400 });
  const state = await context.collab.readState(document.id);
  await recordVersion(context.db, document, { name: submission.value.name, state }, user.id);
  return { result: submission.reply({ resetForm: true }), recorded: submission.value.name };
}

export default function Versions() {
  const { base, title, canEdit, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({ id: 'versie', schema: versionSchema, lastResult: actionData?.result });
  const choices = [{ value: 'huidig', label: 'De huidige tekst' }, ...versions.map((v) => ({ value: v.id, label: v.name }))];
  return (
    <>
      <p className="utrecht-paragraph">
        <Link to={base} className="utrecht-link">
          Terug naar {title}
        </Link>
      </p>
      <Section id="versies-titel" title={`Versies van ${title}`}>
        {actionData?.recorded ? <Alert kind="ok">Versie “{actionData.recorded}” is vastgelegd.</Alert> : null}
        <p className="utrecht-paragraph muted">
          Een versie is een vaste momentopname met een naam. Hij verandert nooit meer; verspreiding (stap 4) stuurt altijd een
          versie.
        </p>
        {versions.length === 0 ? (
          <p className="utrecht-paragraph">Er zijn nog geen versies.</p>
        ) : (
          <DataTable caption="Vastgelegde versies" columns={['Naam', 'Vastgelegd', 'Door']}>
            {versions.map((v) => (
              <tr key={v.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={`${base}/versies/${v.id}`} className="utrecht-link">
                    {v.name}
                  </Link>
                </th>
                <td className="utrecht-table__cell">{formatDateTime(v.createdAt)}</td>
                <td className="utrecht-table__cell">{v.createdByName ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {versions.length > 0 ? (
        <Section id="vergelijken-titel" title="Vergelijken">
          <Form method="get" action={`${base}/vergelijk`} className="inline-form">
            <CompactSelect id="van" name="van" label="Oude tekst" defaultValue={versions[0].id} options={choices} />
            <span aria-hidden="true">met</span>
            <CompactSelect id="naar" name="naar" label="Nieuwe tekst" defaultValue="huidig" options={choices} />
            <Button variant="secondary">Vergelijken</Button>
          </Form>
        </Section>
      ) : null}
      {canEdit ? (
        <Section id="vastleggen-titel" title="Versie vastleggen" narrow>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField
              field={fields.name}
              label="Naam van de versie"
              autoComplete="off"
              description="Bijvoorbeeld: Concept voor ambtelijk overleg 20 september"
            />
            <Button>Versie vastleggen</Button>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
