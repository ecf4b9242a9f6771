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
import { createCheckedAction, loadActionChoices } from '../features/actions/actions.server.ts';

export const handle = crumbs(({ params }) => [{ label: 'Acties', to: `/w/${params.slug}/acties` }, { label: 'Nieuwe actie' }]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  authorize(actor, 'action.create', { workspace: ref });
  return { choices: await loadActionChoices(context.db, context.collab.readState, workspace) };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  authorize(actor, 'action.create', { workspace: ref });
  const submission = parseWithZod(await readForm(request), { schema: actionSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const saved = await createCheckedAction(
    context.db,
    context.collab.readState,
    workspace,
    toActionValues(submission.value),
    user.id
  );
  if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 });
  return redirect(`/w/${workspace.slug}/acties/${saved.id}?opgeslagen`);
}

export default function NewAction() {
  const { choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page-narrow">
      <BackLink to="..">Terug naar de acties</BackLink>
      <h2 className="utrecht-heading-2">Nieuwe actie</h2>
      <ActionForm
        id="actie"
        choices={choices}
        lastResult={actionData?.result}
        defaultValue={{ priority: 'normaal' }}
        submitLabel="Actie opslaan"
      />
    </div>
  );
}
