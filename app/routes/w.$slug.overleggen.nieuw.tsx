// A new meeting: the projectleider's (policy meeting.create).
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { authorize } from '../auth/policies/index.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { Section } from '../components/ui/layout.tsx';
import { meetingSchema } from '../features/meetings/meeting-forms.ts';
import { MeetingForm } from '../features/meetings/meeting-form.tsx';
import { createMeeting } from '../features/meetings/meetings.server.ts';
import { meetingChoices } from '../features/meetings/meeting-choices.server.ts';

export const handle = crumbs(({ params }) => [
  { label: 'Overleggen', to: `/w/${params.slug}/overleggen` },
  { label: 'Nieuw overleg' },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  authorize(actor, 'meeting.create', { workspace: ref });
  return { slug: workspace.slug, ...(await meetingChoices(context.db, workspace)) };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  authorize(actor, 'meeting.create', { workspace: ref });
  const submission = parseWithZod(await readForm(request), { schema: meetingSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const saved = await createMeeting(context.db, workspace, submission.value, user.id);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.fieldErrors }), { status: 400 });
  return redirect(`/w/${workspace.slug}/overleggen/${saved.id}?melding=opgeslagen`);
}

export default function NewMeeting() {
  const { slug, documents, members } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Section id="nieuw-overleg" title="Nieuw overleg" narrow>
      <MeetingForm
        id="overleg"
        lastResult={lastResult}
        documents={documents}
        members={members}
        submitLabel="Overleg opslaan"
        cancelTo={`/w/${slug}/overleggen`}
      />
    </Section>
  );
}
