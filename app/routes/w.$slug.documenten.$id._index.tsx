import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireDocument } from '../auth/guards.server.ts';
import { DocumentEditor } from '../components/editor/document-editor.tsx';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { SelectField, TextField } from '../components/ui/fields.tsx';
import { Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { colorFor } from '../lib/colors.ts';
import { DOCUMENT_STATUS_OPTIONS, documentSchema, STEP_OPTIONS } from '../lib/document-forms.ts';
import { DOCUMENT_STATUS_LABELS, STEP_NAMES } from '../lib/labels.ts';
import { setArchived, updateDocumentMeta } from '../models/documents.server.ts';

const metaSchema = documentSchema.pick({ title: true, status: true, step: true });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.document.title ?? 'Document'} – Thuisplan` }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { document, abilities, user } = await requireDocument(context, request, params, 'workspace.view');
  return {
    document,
    canEdit: abilities.includes('document.edit'),
    user: { id: user.id, name: user.name, color: colorFor(user.id) },
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { document, user, workspace } = await requireDocument(context, request, params, 'document.edit');
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'archive' || intent === 'unarchive') {
    await setArchived(context.db, document, intent === 'archive', user.id);
    context.collab.closeDocumentConnections(document.id); // open editors reconnect: read-only when archived
    return redirect(intent === 'archive' ? `/w/${workspace.slug}/documenten` : `/w/${workspace.slug}/documenten/${document.id}`);
  }
  const submission = parseWithZod(formData, { schema: metaSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 });
  await updateDocumentMeta(context.db, document, submission.value, user.id);
  return { result: submission.reply(), saved: true };
}

export default function DocumentPage() {
  const { document, canEdit, user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'document-gegevens',
    schema: metaSchema,
    lastResult: actionData?.result,
    defaultValue: { title: document.title, status: document.status, step: String(document.step) },
  });
  const archived = document.archivedAt !== null;
  return (
    <>
      <h2 className="utrecht-heading-2">{document.title}</h2>
      <p className="utrecht-paragraph muted">
        Stap {document.step}: {STEP_NAMES[document.step]} · {DOCUMENT_STATUS_LABELS[document.status]} ·{' '}
        <Link to="versies" relative="path" className="utrecht-link">
          Versies
        </Link>
      </p>
      {archived ? <Alert kind="warning">Dit document staat in het archief en kan niet worden bewerkt.</Alert> : null}
      {!canEdit ? (
        <p className="utrecht-paragraph muted">U leest mee; alleen redacteuren en projectleiders schrijven in dit document.</p>
      ) : null}
      <DocumentEditor documentId={document.id} user={user} canEdit={canEdit && !archived} label={`Tekst van ${document.title}`} />

      {canEdit ? (
        <Section id="gegevens-titel" title="Gegevens van het document" narrow>
          {actionData?.saved ? <Alert kind="ok">De gegevens zijn opgeslagen.</Alert> : null}
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="meta" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.title} label="Titel" autoComplete="off" />
            <SelectField field={fields.status} label="Status" options={DOCUMENT_STATUS_OPTIONS} />
            <SelectField field={fields.step} label="Stap" options={STEP_OPTIONS} />
            <Button>Gegevens opslaan</Button>
          </Form>
          <Form method="post" className="section">
            <input type="hidden" name="intent" value={archived ? 'unarchive' : 'archive'} />
            <Button variant={archived ? 'secondary' : 'danger'}>
              {archived ? 'Terughalen uit het archief' : 'Naar het archief'}
            </Button>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
