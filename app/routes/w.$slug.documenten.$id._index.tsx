import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useParams, useRevalidator, useSearchParams } from '@remix-run/react';
import { useCallback, useMemo, useState } from 'react';
import { requireDocument } from '../http/guards.server.ts';
import { allowed } from '../auth/policies/index.ts';
import { CommentPanel } from '../features/comments/comment-panel.tsx';
import { DocumentEditor } from '../features/documents/editor/document-editor.tsx';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { SelectField, TextField } from '../components/ui/fields.tsx';
import { Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { colorFor } from '../lib/colors.ts';
import { DOCUMENT_STATUS_OPTIONS, documentSchema, STEP_OPTIONS } from '../features/documents/document-forms.ts';
import type { Anchor } from '../features/documents/anchors.ts';
import { DOCUMENT_STATUS_LABELS, STEP_NAMES } from '../core/labels.ts';
import { formatDate } from '../lib/time.ts';
import { documentThreads, mentionableMembers } from '../features/comments/document-threads.server.ts';
import { openRoundFor } from '../features/review-rounds/review-rounds.server.ts';
import { setArchived, updateDocumentMeta } from '../features/documents/documents.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Documenten', to: `/w/${params.slug}/documenten` },
  { label: data.document.title },
]);

const metaSchema = documentSchema.pick({ title: true, status: true, step: true });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { document, user, workspace, actor, ref } = await requireDocument(context, request, params, 'workspace.view');
  const [threads, members, round] = await Promise.all([
    documentThreads(context, document, { actor, workspace: ref }),
    mentionableMembers(context, workspace),
    openRoundFor(context.db, document.id, user),
  ]);
  const record = { workspace: ref, document };
  return {
    document,
    can: {
      /** Title, status, step, archive: also for an archived document. */
      manage: allowed(actor, 'document.manage', record),
      /** The text itself: not in an archived document. */
      write: allowed(actor, 'document.write', record),
      comment: allowed(actor, 'comment.create', record),
    },
    user: { id: user.id, name: user.name, color: colorFor(user.id) },
    threads,
    members,
    round,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { document, user, workspace } = await requireDocument(context, request, params, 'document.edit');
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'archive' || intent === 'unarchive') {
    await setArchived(context.db, document, intent === 'archive', user.id); // open editors reconnect: read-only when archived
    return redirect(intent === 'archive' ? `/w/${workspace.slug}/documenten` : `/w/${workspace.slug}/documenten/${document.id}`);
  }
  const submission = parseWithZod(formData, { schema: metaSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 });
  await updateDocumentMeta(context.db, document, submission.value, user.id);
  return { result: submission.reply(), saved: true };
}

export default function DocumentPage() {
  const params = useParams();
  // ?kop=<heading>: a link from a checklist item or an action opens the document at that heading.
  const [searchParams] = useSearchParams();
  const openAtHeading = searchParams.get('kop');
  const { document, can, user, threads, members, round } = useLoaderData<typeof loader>();
  const archived = document.archivedAt !== null;
  const [selection, setSelection] = useState<{ anchor: Anchor; quote: string } | null>(null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  // Which threads' words the editor finds in the live text; until it has synced, the server's view counts.
  const [anchored, setAnchored] = useState<ReadonlySet<string> | null>(null);
  const liveThreads = useMemo(
    () =>
      anchored
        ? threads.map((t) => (t.anchor ? { ...t, anchorState: anchored.has(t.id) ? ('ok' as const) : ('deleted' as const) } : t))
        : threads,
    [threads, anchored]
  );
  const revalidator = useRevalidator();
  const revalidate = revalidator.revalidate;
  // Every anchored thread is followed in the text; only open ones are highlighted.
  const anchoredThreads = useMemo(
    () => threads.filter((t) => t.anchor).map((t) => ({ id: t.id, anchor: t.anchor!, open: t.status === 'open' })),
    [threads]
  );
  const showThread = useCallback((threadId: string) => {
    setActiveThreadId(threadId);
    globalThis.document?.getElementById(`draad-${threadId}`)?.scrollIntoView({ block: 'nearest' });
  }, []);
  const comments = useMemo(
    () => ({
      canComment: can.comment,
      threads: anchoredThreads,
      activeThreadId,
      onSelection: setSelection,
      onThreadClick: showThread,
      onChanged: () => revalidate(),
      onAnchored: (ids: string[]) => setAnchored(new Set(ids)),
    }),
    [anchoredThreads, activeThreadId, showThread, revalidate, can.comment]
  );
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'document-gegevens',
    schema: metaSchema,
    lastResult: actionData?.result,
    defaultValue: { title: document.title, status: document.status, step: String(document.step) },
  });
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
      {!can.manage ? (
        <p className="utrecht-paragraph muted">U leest mee; alleen redacteuren en projectleiders schrijven in dit document.</p>
      ) : null}
      {round ? (
        <Alert kind="info">
          U bent uitgenodigd voor de reviewronde ‘{round.title}’. Reageer uiterlijk op {formatDate(round.deadline)}: selecteer
          tekst en plaats uw opmerkingen.
        </Alert>
      ) : null}
      <div className="document-layout">
        <DocumentEditor
          documentId={document.id}
          title={document.title}
          user={user}
          canEdit={can.write}
          label={`Tekst van ${document.title}`}
          comments={comments}
          openAtHeading={openAtHeading}
        />
        <CommentPanel
          threads={liveThreads}
          members={members}
          canComment={can.comment}
          selection={selection}
          activeThreadId={activeThreadId}
          onActivate={setActiveThreadId}
          actionUrl={`/w/${params.slug}/documenten/${document.id}/opmerkingen`}
          closed={archived}
        />
      </div>

      {can.manage ? (
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
