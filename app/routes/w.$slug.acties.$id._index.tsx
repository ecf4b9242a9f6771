import { getFormProps, getInputProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { allowed, authorize } from '../auth/policies/index.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CompactSelect, Field, labelledOptions, SelectField, TextareaField } from '../components/ui/fields.tsx';
import { BackLink, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { ACTION_STATUS_LABELS, PRIORITY_LABELS } from '../core/labels.ts';
import { ACTION_LEVEL_LABELS, moveSchema, progressSchema } from '../features/actions/action-forms.ts';
import { OverdueMark, ProgressFigure } from '../features/actions/action-parts.tsx';
import { allowedNextStatuses, isActionOverdue } from '../features/actions/action-status.ts';
import {
  addProgressUpdate,
  getAction,
  listActionKnelpunten,
  listProgressUpdates,
  moveAction,
} from '../features/actions/actions.server.ts';
import { commentOnAction, listActionComments } from '../features/actions/action-comments.server.ts';
import { commentBody } from '../features/comments/comment-forms.ts';
import { headingExists, headingHref } from '../features/documents/plan-headings.ts';
import { listPlanHeadings } from '../features/documents/plan-headings.server.ts';
import { z } from '../lib/zod.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';

export const handle = crumbs<typeof loader>(({ params, data }) => [
  { label: 'Acties', to: `/w/${params.slug}/acties` },
  { label: data.action.title },
]);

const commentSchema = z.object({ body: commentBody });

async function visible(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { context, request, params } = args;
  const access = await requireAbility(context, request, params.slug, 'workspace.view');
  const action = await getAction(context.db, params.id ?? '');
  authorize(access.actor, 'action.view', { workspace: access.ref, action });
  return { ...access, action: action! };
}

export async function loader(args: LoaderFunctionArgs) {
  const { context, request } = args;
  const { workspace, actor, ref, action } = await visible(args);
  const [knelpunten, updates, comments, plans] = await Promise.all([
    listActionKnelpunten(context.db, [action.id]),
    listProgressUpdates(context.db, action.id),
    listActionComments(context.db, action),
    action.documentId ? listPlanHeadings(context.db, context.collab.readState, action.workspaceId) : Promise.resolve([]),
  ]);
  const ref_ = action.documentId && action.heading ? { documentId: action.documentId, heading: action.heading } : null;
  return {
    slug: workspace.slug,
    action,
    overdue: isActionOverdue(action),
    heading: ref_
      ? { text: ref_.heading, href: headingHref(action.workspaceSlug, ref_), found: headingExists(plans, ref_) }
      : null,
    meetingHref: action.meetingId ? `/w/${action.workspaceSlug}/overleggen/${action.meetingId}` : null,
    knelpunten,
    updates,
    comments,
    otherWorkspace: action.workspaceId !== workspace.id,
    canEdit: allowed(actor, 'action.edit', { workspace: ref, action }),
    canComment: allowed(actor, 'action.comment', { workspace: ref, action }),
    saved: new URL(request.url).searchParams.has('opgeslagen'),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { context, request } = args;
  const { workspace, user, actor, ref, action } = await visible(args);
  const formData = await readForm(request);
  const intent = String(formData.get('intent') ?? '');
  const back = `/w/${workspace.slug}/acties/${action.id}`;
  if (intent === 'opmerking') {
    authorize(actor, 'action.comment', { workspace: ref, action });
    const submission = parseWithZod(formData, { schema: commentSchema });
    if (submission.status !== 'success') return data({ intent, result: submission.reply(), message: null }, { status: 400 });
    await commentOnAction(context.db, action, { id: user.id, name: user.name }, submission.value.body, back);
    return redirect(`${back}#opmerkingen`);
  }
  authorize(actor, 'action.edit', { workspace: ref, action });
  if (intent === 'status') {
    const submission = parseWithZod(formData, { schema: moveSchema });
    if (submission.status !== 'success') return data({ intent, result: submission.reply(), message: null }, { status: 400 });
    const moved = await moveAction(context.db, action, submission.value.status, user.id);
    if (!moved.ok) return data({ intent, result: null, message: moved.message }, { status: 400 });
    return redirect(`${back}?opgeslagen`);
  }
  if (intent === 'voortgang') {
    const submission = parseWithZod(formData, { schema: progressSchema });
    if (submission.status !== 'success') return data({ intent, result: submission.reply(), message: null }, { status: 400 });
    const added = await addProgressUpdate(context.db, action, submission.value, user.id);
    if (!added.ok) {
      return data(
        { intent, result: submission.reply({ fieldErrors: { status: [added.message] } }), message: null },
        { status: 400 }
      );
    }
    return redirect(`${back}#voortgang`);
  }
  return data({ intent, result: null, message: 'Onbekende handeling. Er is niets veranderd.' }, { status: 400 });
}

export default function ActionDetail() {
  const {
    slug,
    action: a,
    overdue,
    heading,
    meetingHref,
    knelpunten,
    updates,
    comments,
    otherWorkspace,
    canEdit,
    canComment,
    saved,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [progressForm, progressFields] = useZodForm({
    id: 'voortgang-formulier',
    schema: progressSchema,
    lastResult: actionData?.intent === 'voortgang' ? actionData.result : null,
  });
  const [commentForm, commentFields] = useZodForm({
    id: 'opmerking-formulier',
    schema: commentSchema,
    lastResult: actionData?.intent === 'opmerking' ? actionData.result : null,
  });
  const next = labelledOptions(allowedNextStatuses(a.status), ACTION_STATUS_LABELS);
  const owner = [a.ownerUserName, a.ownerOrganisationName].filter(Boolean).join(', ');
  return (
    <>
      <BackLink to={`/w/${slug}/acties`}>Terug naar de acties</BackLink>
      <h2 className="utrecht-heading-2">{a.title}</h2>
      {saved ? <Alert kind="ok">De actie is opgeslagen.</Alert> : null}
      {actionData?.message ? <Alert kind="error">{actionData.message}</Alert> : null}
      {otherWorkspace ? (
        <p className="utrecht-paragraph">
          Deze actie is van {a.workspaceName}.{' '}
          <Link to={`/w/${a.workspaceSlug}/acties/${a.id}`} className="utrecht-link">
            Open haar in {a.workspaceName}
          </Link>{' '}
          om haar te wijzigen of erop te reageren.
        </p>
      ) : null}
      {canEdit ? (
        <p className="row-actions">
          <Link to="bewerken" className="utrecht-button utrecht-button--secondary-action">
            Actie bewerken
          </Link>
        </p>
      ) : null}

      <dl className="facts">
        <dt>Status</dt>
        <dd>{ACTION_STATUS_LABELS[a.status]}</dd>
        <dt>Voortgang</dt>
        <dd>
          <ProgressFigure value={a.progress} label="Voortgang" />
        </dd>
        <dt>Niveau</dt>
        <dd>{ACTION_LEVEL_LABELS[a.level]}</dd>
        <dt>Eigenaar</dt>
        <dd>{owner || 'Niemand'}</dd>
        <dt>Aandachtsgroep</dt>
        <dd>{a.targetGroupName ?? 'Geen'}</dd>
        <dt>Streefdatum</dt>
        <dd>
          {a.dueDate ? formatDate(a.dueDate) : 'Geen'}
          {overdue ? (
            <>
              {' '}
              <OverdueMark />
            </>
          ) : null}
        </dd>
        <dt>Prioriteit</dt>
        <dd>{PRIORITY_LABELS[a.priority]}</dd>
        <dt>Kop in het plan</dt>
        <dd>
          {heading ? (
            <>
              <a href={heading.href} className="utrecht-link">
                {a.documentTitle ? `${a.documentTitle}: ` : ''}
                {heading.text}
              </a>
              {heading.found ? null : <span className="muted"> (kop niet meer gevonden)</span>}
            </>
          ) : (
            'Geen'
          )}
        </dd>
        <dt>Woondeal</dt>
        <dd>{a.woondealName ?? 'Geen'}</dd>
        <dt>Besloten in</dt>
        <dd>
          {meetingHref ? (
            <Link to={meetingHref} className="utrecht-link">
              {a.meetingTitle}
              {a.meetingDate ? ` (${formatDate(a.meetingDate)})` : ''}
            </Link>
          ) : (
            'Geen overleg'
          )}
        </dd>
        <dt>Werkruimte</dt>
        <dd>{a.workspaceName}</dd>
        <dt>Laatst gewijzigd</dt>
        <dd>{formatDateTime(a.updatedAt)}</dd>
      </dl>
      {a.description ? <p className="utrecht-paragraph pre-wrap">{a.description}</p> : null}

      <Section id="knelpunten" title="Knelpunten waar de actie op antwoordt">
        {knelpunten.length > 0 ? (
          <ul className="utrecht-unordered-list">
            {knelpunten.map((k) => (
              <li key={k.id}>
                <Link to={`/w/${a.workspaceSlug}/knelpunten`} className="utrecht-link">
                  {k.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="utrecht-paragraph">Geen knelpunten gekoppeld.</p>
        )}
      </Section>

      {canEdit ? (
        <Section id="status-wijzigen" title="Status wijzigen">
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="id" value={a.id} />
            <CompactSelect
              id="nieuwe-status"
              name="status"
              label="Nieuwe status"
              defaultValue={next[0]?.value ?? ''}
              options={next}
            />
            <Button variant="secondary">Status wijzigen</Button>
          </Form>
        </Section>
      ) : null}

      <Section id="voortgang" title="Voortgangsberichten">
        {updates.length > 0 ? (
          <ol className="timeline">
            {updates.map((u) => (
              <li key={u.id} className="timeline__item">
                <p className="timeline__meta">
                  <strong>{u.authorName}</strong> · <time dateTime={u.createdAt}>{formatDateTime(u.createdAt)}</time>
                  {u.progress !== null ? ` · voortgang ${u.progress} %` : ''}
                  {u.status ? ` · status ${ACTION_STATUS_LABELS[u.status]}` : ''}
                </p>
                <p className="utrecht-paragraph pre-wrap">{u.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="utrecht-paragraph">Nog geen voortgangsberichten.</p>
        )}
        {canEdit ? (
          <Form method="post" {...getFormProps(progressForm)} className="page-narrow">
            <h3 className="utrecht-heading-3">Voortgangsbericht toevoegen</h3>
            <input type="hidden" name="intent" value="voortgang" />
            <FormErrors id={progressForm.errorId} errors={progressForm.errors} />
            <TextareaField field={progressFields.body} label="Wat is er gebeurd?" />
            <Field
              id={progressFields.progress.id}
              label="Nieuwe voortgang in % (optioneel)"
              description={`Nu ${a.progress} %. Een heel getal van 0 tot en met 100.`}
              errors={progressFields.progress.errors}
            >
              {(control) => (
                <input
                  {...getInputProps(progressFields.progress, { type: 'number' })}
                  {...control}
                  key={progressFields.progress.key}
                  inputMode="numeric"
                  className="utrecht-textbox utrecht-textbox--html-input progress-input"
                />
              )}
            </Field>
            <SelectField
              field={progressFields.status}
              label="Nieuwe status (optioneel)"
              options={next}
              placeholder={`Blijft ${ACTION_STATUS_LABELS[a.status]}`}
            />
            <Button>Voortgangsbericht plaatsen</Button>
          </Form>
        ) : null}
      </Section>

      <Section id="opmerkingen" title="Opmerkingen">
        {comments.length > 0 ? (
          <ol className="timeline">
            {comments.map((c) => (
              <li key={c.id} id={`opmerking-${c.id}`} className="timeline__item">
                <p className="timeline__meta">
                  <strong>{c.authorName}</strong>
                  {c.organisationName ? ` (${c.organisationName})` : ''} ·{' '}
                  <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
                </p>
                <p className="utrecht-paragraph pre-wrap">{c.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="utrecht-paragraph">Nog geen opmerkingen.</p>
        )}
        {canComment ? (
          <Form method="post" {...getFormProps(commentForm)} className="page-narrow">
            <input type="hidden" name="intent" value="opmerking" />
            <FormErrors id={commentForm.errorId} errors={commentForm.errors} />
            <TextareaField field={commentFields.body} label="Uw opmerking" />
            <Button>Opmerking plaatsen</Button>
          </Form>
        ) : null}
      </Section>
    </>
  );
}
