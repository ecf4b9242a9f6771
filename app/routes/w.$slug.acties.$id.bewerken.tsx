import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { authorize } from '../auth/policies/index.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { BackLink } from '../components/ui/layout.tsx';
import { actionSchema, toActionValues } from '../features/actions/action-forms.ts';
import { ActionForm } from '../features/actions/action-parts.tsx';
import { getAction, listActionKnelpunten, loadActionChoices, updateCheckedAction } from '../features/actions/actions.server.ts';
import { headingRefValue } from '../features/documents/plan-headings.ts';

export const handle = crumbs<typeof loader>(({ params, data }) => [
  { label: 'Acties', to: `/w/${params.slug}/acties` },
  { label: data.action.title, to: `/w/${params.slug}/acties/${params.id}` },
  { label: 'Bewerken' },
]);

async function editable(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { context, request, params } = args;
  const access = await requireAbility(context, request, params.slug, 'workspace.view');
  const action = await getAction(context.db, params.id ?? '');
  authorize(access.actor, 'action.edit', { workspace: access.ref, action });
  return { ...access, action: action! };
}

export async function loader(args: LoaderFunctionArgs) {
  const { workspace, action } = await editable(args);
  const [choices, knelpunten] = await Promise.all([
    loadActionChoices(args.context.db, args.context.collab.readState, workspace),
    listActionKnelpunten(args.context.db, [action.id]),
  ]);
  return {
    choices,
    action: { id: action.id, title: action.title },
    defaultValue: {
      title: action.title,
      description: action.description,
      level: action.level,
      ownerOrganisationId: action.ownerOrganisationId ?? '',
      ownerUserId: action.ownerUserId ?? '',
      targetGroupId: action.targetGroupId ?? '',
      knelpuntIds: knelpunten.map((k) => k.id),
      heading:
        action.documentId && action.heading ? headingRefValue({ documentId: action.documentId, heading: action.heading }) : '',
      dueDate: action.dueDate ?? '',
      priority: action.priority,
      woondealId: action.woondealId ?? '',
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { workspace, user, action } = await editable(args);
  const submission = parseWithZod(await readForm(args.request), { schema: actionSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const saved = await updateCheckedAction(
    args.context.db,
    args.context.collab.readState,
    workspace,
    action,
    toActionValues(submission.value),
    user.id
  );
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 });
  return redirect(`/w/${workspace.slug}/acties/${action.id}?opgeslagen`);
}

export default function EditAction() {
  const { choices, action: current, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page-narrow">
      <BackLink to="..">Terug naar de actie</BackLink>
      <h2 className="utrecht-heading-2">Actie bewerken: {current.title}</h2>
      <ActionForm
        id={`actie-${current.id}`}
        choices={choices}
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        submitLabel="Wijzigingen opslaan"
      />
    </div>
  );
}
