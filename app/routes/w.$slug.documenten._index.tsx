import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { DocumentCells } from '../features/documents/document-cells.tsx';
import { Button, FormErrors } from '../components/ui/feedback.tsx';
import { SelectField, TextField } from '../components/ui/fields.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { documentSchema, STEP_OPTIONS } from '../features/documents/document-forms.ts';
import { DOCUMENT_STATUS_LABELS, STEP_NAMES } from '../core/labels.ts';
import { TEMPLATE_LABELS } from '../features/documents/templates.ts';
import { formatDateTime } from '../lib/time.ts';
import { createDocument, listDocuments } from '../features/documents/documents.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Documenten' }));

const createSchema = documentSchema.pick({ title: true, step: true, template: true });
const TEMPLATE_OPTIONS = Object.entries(TEMPLATE_LABELS).map(([value, label]) => ({ value, label }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, abilities } = await requireAbility(context, request, params.slug, 'workspace.view');
  const step = Number(new URL(request.url).searchParams.get('stap'));
  const onlyStep = [1, 2, 3, 4].includes(step) ? step : null;
  const documents = await listDocuments(context.db, workspace.id);
  return {
    slug: workspace.slug,
    canEdit: abilities.includes('document.edit'),
    onlyStep,
    documents: onlyStep ? documents.filter((d) => d.step === onlyStep) : documents,
    archivedCount: (await listDocuments(context.db, workspace.id, { archived: true })).length,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'document.edit');
  const submission = parseWithZod(await readForm(request), { schema: createSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const id = await createDocument(context.db, { workspaceId: workspace.id, ...submission.value }, user.id);
  return redirect(`/w/${workspace.slug}/documenten/${id}`);
}

export default function Documents() {
  const { slug, canEdit, onlyStep, documents, archivedCount } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'document-maken',
    schema: createSchema,
    lastResult,
    defaultValue: { step: String(onlyStep ?? 2), template: 'woonzorgvisie' },
  });
  return (
    <>
      <Section id="documenten-titel" title={onlyStep ? `Documenten bij stap ${onlyStep}: ${STEP_NAMES[onlyStep]}` : 'Documenten'}>
        {onlyStep ? (
          <p className="utrecht-paragraph">
            <Link to={`/w/${slug}/documenten`} className="utrecht-link">
              Alle documenten van deze werkruimte
            </Link>
          </p>
        ) : null}
        {documents.length === 0 ? (
          <p className="utrecht-paragraph">
            {onlyStep ? 'Bij deze stap zijn nog geen documenten.' : 'Er zijn nog geen documenten in deze werkruimte.'}
          </p>
        ) : (
          <DataTable caption="Documenten" columns={['Titel', 'Stap', 'Status', 'Laatst opgeslagen']}>
            {documents.map((d) => (
              <tr key={d.id} className="utrecht-table__row">
                <DocumentCells slug={slug} document={d} />
                <td className="utrecht-table__cell">{DOCUMENT_STATUS_LABELS[d.status]}</td>
                <td className="utrecht-table__cell">{formatDateTime(d.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {archivedCount > 0 ? (
          <p className="utrecht-paragraph">
            <Link to={`/w/${slug}/documenten/archief`} className="utrecht-link">
              Archief ({archivedCount})
            </Link>
          </p>
        ) : null}
      </Section>
      {canEdit ? (
        <Section id="nieuw-document-titel" title="Nieuw document" narrow>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField
              field={fields.title}
              label="Titel"
              autoComplete="off"
              description="Bijvoorbeeld: Woonzorgvisie Enschede (concept)"
            />
            <SelectField field={fields.step} label="Stap" options={STEP_OPTIONS} />
            <SelectField field={fields.template} label="Begin met" options={TEMPLATE_OPTIONS} />
            <Button>Document maken</Button>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
