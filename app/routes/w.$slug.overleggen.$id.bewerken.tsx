// Change a meeting: its details, participants and minutes — while its minutes are not vastgesteld
// (policy meeting.change: 409 after).
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireMeeting } from '../http/meeting-guard.server.ts';
import { authorize } from '../auth/policies/index.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { Section } from '../components/ui/layout.tsx';
import { meetingSchema } from '../features/meetings/meeting-forms.ts';
import { MeetingForm } from '../features/meetings/meeting-form.tsx';
import { updateMeeting } from '../features/meetings/meetings.server.ts';
import { meetingChoices } from '../features/meetings/meeting-choices.server.ts';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Overleggen', to: `/w/${params.slug}/overleggen` },
  { label: data.meeting.title, to: `/w/${params.slug}/overleggen/${data.meeting.id}` },
  { label: 'Bewerken' },
]);

async function load({ context, request, params }: LoaderFunctionArgs) {
  const access = await requireMeeting(context, request, params);
  authorize(access.actor, 'meeting.change', { workspace: access.ref, meeting: access.meeting });
  return access;
}

export async function loader(args: LoaderFunctionArgs) {
  const { workspace, meeting } = await load(args);
  const choices = await meetingChoices(args.context.db, workspace);
  // An agenda archived after it was chosen stays offered, so saving the form does not drop it.
  const documents =
    meeting.agendaDocumentId && !choices.documents.some((d) => d.value === meeting.agendaDocumentId)
      ? [
          ...choices.documents,
          { value: meeting.agendaDocumentId, label: `${meeting.agendaTitle} (gearchiveerd)`, group: 'Archief' },
        ]
      : choices.documents;
  return {
    slug: workspace.slug,
    meeting: { id: meeting.id, title: meeting.title },
    documents,
    members: choices.members,
    defaultValue: {
      kind: meeting.kind,
      title: meeting.title,
      date: meeting.date,
      startTime: meeting.startTime ?? '',
      endTime: meeting.endTime ?? '',
      location: meeting.location,
      agendaDocumentId: meeting.agendaDocumentId ?? '',
      participantIds: meeting.participants.map((p) => p.id),
      minutes: meeting.minutes,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { workspace, user, meeting } = await load(args);
  const submission = parseWithZod(await readForm(args.request), { schema: meetingSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const saved = await updateMeeting(args.context.db, workspace, meeting, submission.value, user.id);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.fieldErrors }), { status: 400 });
  return redirect(`/w/${workspace.slug}/overleggen/${meeting.id}?melding=opgeslagen`);
}

export default function EditMeeting() {
  const { slug, meeting, documents, members, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Section id="overleg-bewerken" title={`Bewerken: ${meeting.title}`} narrow>
      <MeetingForm
        id={`overleg-${meeting.id}`}
        lastResult={lastResult}
        defaultValue={defaultValue}
        documents={documents}
        members={members}
        submitLabel="Wijzigingen opslaan"
        cancelTo={`/w/${slug}/overleggen/${meeting.id}`}
      />
    </Section>
  );
}
