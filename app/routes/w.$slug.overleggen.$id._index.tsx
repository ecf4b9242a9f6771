// One meeting: who took part, the agenda, the minutes and the besluitenlijst. The projectleider adds and
// changes decisions and marks an earlier meeting's minutes vastgesteld here; a redacteur makes an action
// from a decision. Once this meeting's minutes are vastgesteld, only making an action remains.
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { notFound } from '../http/guards.server.ts';
import { requireMeeting } from '../http/meeting-guard.server.ts';
import { allowed, authorize } from '../auth/policies/index.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { SelectField, TextareaField, TextField } from '../components/ui/fields.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { ACTION_STATUS_LABELS, MEETING_KIND_LABELS } from '../core/labels.ts';
import { listMembers } from '../core/memberships.server.ts';
import { adoptSchema, decisionSchema } from '../features/meetings/meeting-forms.ts';
import { formatLongDate, minutesStatus, timeRange } from '../features/meetings/meeting-text.ts';
import {
  addDecision,
  adoptMinutes,
  decisionToAction,
  getDecision,
  getMeetingRecord,
  listAdoptable,
  removeDecision,
  updateDecision,
} from '../features/meetings/meetings.server.ts';
import { formatDate } from '../lib/time.ts';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Overleggen', to: `/w/${params.slug}/overleggen` },
  { label: data.meeting.title },
]);

const MESSAGES: Record<string, string> = {
  opgeslagen: 'Het overleg is opgeslagen.',
  besluit: 'Het besluit is opgeslagen.',
  verwijderd: 'Het besluit is van de besluitenlijst gehaald.',
  actie: 'De actie is gemaakt, met de status ‘besloten’.',
  'actie-bestond': 'Van dit besluit was al een actie gemaakt.',
  vastgesteld: 'Het verslag is vastgesteld in dit overleg.',
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref, abilities, meeting } = await requireMeeting(context, request, params);
  const record = { workspace: ref, meeting };
  const canChange = allowed(actor, 'meeting.change', record);
  const canManage = abilities.includes('meeting.manage');
  const url = new URL(request.url);
  const [members, adoptable] = await Promise.all([
    canChange ? listMembers(context.db, workspace) : [],
    canManage ? listAdoptable(context.db, meeting) : [],
  ]);
  const message = url.searchParams.get('melding');
  return {
    slug: workspace.slug,
    meeting,
    canChange,
    canMakeAction: allowed(actor, 'meeting.decisionToAction', record),
    owners: members.map((m) => ({ value: m.userId, label: m.organisationName ? `${m.name} (${m.organisationName})` : m.name })),
    adoptable: adoptable.map((m) => ({
      value: m.id,
      label: `${m.title} (${MEETING_KIND_LABELS[m.kind].toLowerCase()}, ${formatDate(m.date)})`,
    })),
    // ?besluit=<id>: the form below changes that decision.
    editing: canChange ? (meeting.decisions.find((d) => d.id === url.searchParams.get('besluit')) ?? null) : null,
    message: message ? (MESSAGES[message] ?? null) : null,
    messageAction: message === 'actie' || message === 'actie-bestond' ? url.searchParams.get('actie') : null,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user, actor, ref, meeting } = await requireMeeting(context, request, params);
  const record = { workspace: ref, meeting };
  const here = `/w/${workspace.slug}/overleggen/${meeting.id}`;
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const decisionId = String(form.get('decisionId') ?? '');

  if (intent === 'decision') {
    authorize(actor, 'meeting.change', record);
    if (decisionId && !(await getDecision(context.db, meeting.id, decisionId))) throw notFound();
    const submission = parseWithZod(form, { schema: decisionSchema });
    if (submission.status !== 'success') return data({ form: 'decision', result: submission.reply() }, { status: 400 });
    const saved = decisionId
      ? await updateDecision(context.db, workspace, meeting.id, decisionId, submission.value, user.id)
      : await addDecision(context.db, workspace, meeting.id, submission.value, user.id);
    if (!saved.ok) {
      return data({ form: 'decision', result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 });
    }
    return redirect(`${here}?melding=besluit#besluitenlijst`);
  }

  if (intent === 'remove') {
    authorize(actor, 'meeting.change', record);
    const decision = await getDecision(context.db, meeting.id, decisionId);
    if (!decision) throw notFound();
    await removeDecision(context.db, workspace.id, meeting.id, decision, user.id);
    return redirect(`${here}?melding=verwijderd#besluitenlijst`);
  }

  if (intent === 'action') {
    authorize(actor, 'meeting.decisionToAction', record);
    if (!(await getDecision(context.db, meeting.id, decisionId))) throw notFound();
    const made = await decisionToAction(context.db, workspace, meeting.id, decisionId, user.id);
    return redirect(`${here}?melding=${made.created ? 'actie' : 'actie-bestond'}&actie=${made.actionId}#besluitenlijst`);
  }

  if (intent === 'adopt') {
    authorize(actor, 'meeting.create', { workspace: ref }); // the projectleider's, before anything is looked up
    const submission = parseWithZod(form, { schema: adoptSchema });
    if (submission.status !== 'success') return data({ form: 'adopt', result: submission.reply() }, { status: 400 });
    const earlier = await getMeetingRecord(context.db, submission.value.meetingId);
    if (!earlier || earlier.workspaceId !== workspace.id) {
      return data(
        { form: 'adopt', result: submission.reply({ fieldErrors: { meetingId: ['Kies een eerder overleg uit de lijst.'] } }) },
        { status: 400 }
      );
    }
    authorize(actor, 'meeting.adopt', { workspace: ref, meeting: earlier, in: meeting });
    await adoptMinutes(context.db, earlier, meeting, user.id);
    return redirect(`${here}?melding=vastgesteld#vastgesteld-hier`);
  }

  return data({ form: null, result: null }, { status: 400 });
}

function DecisionForm() {
  const { owners, editing, meeting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const number = editing ? meeting.decisions.findIndex((d) => d.id === editing.id) + 1 : 0;
  const [form, fields] = useZodForm({
    id: editing ? `besluit-${editing.id}` : 'besluit',
    schema: decisionSchema,
    lastResult: actionData?.form === 'decision' ? actionData.result : undefined,
    defaultValue: editing ? { text: editing.text, ownerId: editing.ownerId ?? '', dueDate: editing.dueDate ?? '' } : undefined,
  });
  return (
    <Section id="besluit-formulier" title={editing ? `Besluit ${number} wijzigen` : 'Besluit toevoegen'} narrow>
      <Form method="post" {...getFormProps(form)} key={editing?.id ?? 'nieuw'}>
        <input type="hidden" name="intent" value="decision" />
        {editing ? <input type="hidden" name="decisionId" value={editing.id} /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField field={fields.text} label="Besluit" rows={3} />
        <SelectField field={fields.ownerId} label="Eigenaar" options={owners} placeholder="Geen eigenaar" />
        <TextField field={fields.dueDate} label="Streefdatum (niet verplicht)" type="date" />
        <div className="button-row">
          <Button>{editing ? 'Besluit opslaan' : 'Besluit toevoegen'}</Button>
          {editing ? (
            <Link to="?" className="utrecht-link">
              Annuleren
            </Link>
          ) : null}
        </div>
      </Form>
    </Section>
  );
}

function AdoptForm() {
  const { adoptable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'vaststellen',
    schema: adoptSchema,
    lastResult: actionData?.form === 'adopt' ? actionData.result : undefined,
  });
  return (
    <Section id="verslag-vaststellen" title="Verslag vaststellen" narrow>
      <p className="utrecht-paragraph">
        Stel in dit overleg het verslag van een eerder overleg vast. Daarna kunnen dat overleg, het verslag en de besluitenlijst
        niet meer worden gewijzigd.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="adopt" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField field={fields.meetingId} label="Verslag van" options={adoptable} placeholder="Kies een eerder overleg" />
        <Button>Verslag vaststellen</Button>
      </Form>
    </Section>
  );
}

export default function MeetingPage() {
  const { slug, meeting, canChange, canMakeAction, adoptable, message, messageAction } = useLoaderData<typeof loader>();
  const when = [formatLongDate(meeting.date), timeRange(meeting)].filter(Boolean).join(', ');
  const columns = ['Nr.', 'Besluit', 'Eigenaar', 'Streefdatum', 'Actie', ...(canChange ? ['Wijzigen'] : [])];
  return (
    <>
      <h2 className="utrecht-heading-2">{meeting.title}</h2>
      <p className="utrecht-paragraph">
        {MEETING_KIND_LABELS[meeting.kind]} · {when}
        {meeting.location ? ` · ${meeting.location}` : ''}
      </p>
      {message ? (
        <Alert kind="ok">
          {message}{' '}
          {messageAction ? (
            <Link to={`/w/${slug}/acties/${messageAction}`} className="utrecht-link">
              Naar de actie
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {meeting.adoptedAt ? (
        <Alert kind="info">
          Het verslag is vastgesteld
          {meeting.adoptedInMeetingId ? (
            <>
              {' '}
              op {formatDate(meeting.adoptedInDate)} in{' '}
              <Link to={`/w/${slug}/overleggen/${meeting.adoptedInMeetingId}`} className="utrecht-link">
                {meeting.adoptedInTitle}
              </Link>
            </>
          ) : null}
          . Dit overleg, het verslag en de besluitenlijst kunnen daarom niet meer worden gewijzigd. Van een besluit kan nog wel
          een actie worden gemaakt.
        </Alert>
      ) : null}
      <div className="button-row">
        {canChange ? (
          <Link to="bewerken" className="utrecht-link">
            Overleg bewerken
          </Link>
        ) : null}
        <a href={`/w/${slug}/overleggen/${meeting.id}/besluitenlijst.docx`} className="utrecht-link" download>
          Besluitenlijst downloaden (Word)
        </a>
      </div>

      <Section id="deelnemers" title="Deelnemers">
        {meeting.participants.length > 0 ? (
          <ul className="utrecht-unordered-list">
            {meeting.participants.map((p) => (
              <li key={p.id} className="utrecht-unordered-list__item">
                {p.name}
                {p.organisationName ? <span className="muted"> ({p.organisationName})</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="utrecht-paragraph">Er zijn geen deelnemers vastgelegd.</p>
        )}
      </Section>

      <Section id="agenda" title="Agenda">
        <p className="utrecht-paragraph">
          {meeting.agendaDocumentId ? (
            <>
              <Link to={`/w/${slug}/documenten/${meeting.agendaDocumentId}`} className="utrecht-link">
                {meeting.agendaTitle}
              </Link>
              {meeting.agendaArchived ? <span className="muted"> (gearchiveerd)</span> : null}
            </>
          ) : (
            'Er is geen agenda gekoppeld.'
          )}
        </p>
      </Section>

      <Section id="verslag" title="Verslag">
        <p className="utrecht-paragraph">
          <strong>Status:</strong> {minutesStatus(meeting)}
        </p>
        {meeting.minutes ? (
          <p className="utrecht-paragraph meeting-text">{meeting.minutes}</p>
        ) : (
          <p className="utrecht-paragraph">Er is nog geen verslag geschreven.</p>
        )}
        {meeting.adoptedHere.length > 0 ? (
          <>
            <h3 id="vastgesteld-hier" className="utrecht-heading-3">
              In dit overleg vastgesteld
            </h3>
            <ul className="utrecht-unordered-list">
              {meeting.adoptedHere.map((m) => (
                <li key={m.id} className="utrecht-unordered-list__item">
                  Het verslag van{' '}
                  <Link to={`/w/${slug}/overleggen/${m.id}`} className="utrecht-link">
                    {m.title}
                  </Link>{' '}
                  ({formatDate(m.date)})
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="besluitenlijst" title="Besluitenlijst">
        {meeting.decisions.length > 0 ? (
          <DataTable caption="Besluitenlijst" columns={columns}>
            {meeting.decisions.map((d, index) => (
              <tr key={d.id} className="utrecht-table__row" data-decision={d.id}>
                <td className="utrecht-table__cell">{index + 1}</td>
                <td className="utrecht-table__cell meeting-text decision-text">{d.text}</td>
                <td className="utrecht-table__cell">{d.ownerName ?? <span className="muted">Geen</span>}</td>
                <td className="utrecht-table__cell">{d.dueDate ? formatDate(d.dueDate) : <span className="muted">Geen</span>}</td>
                <td className="utrecht-table__cell">
                  {d.actionId ? (
                    <>
                      <Link to={`/w/${slug}/acties/${d.actionId}`} className="utrecht-link">
                        Actie<span className="visually-hidden"> van besluit {index + 1}</span>
                      </Link>
                      {d.actionStatus ? (
                        <span className="muted"> ({ACTION_STATUS_LABELS[d.actionStatus].toLowerCase()})</span>
                      ) : null}
                    </>
                  ) : canMakeAction ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="action" />
                      <input type="hidden" name="decisionId" value={d.id} />
                      <Button variant="secondary">
                        Maak actie<span className="visually-hidden"> van besluit {index + 1}</span>
                      </Button>
                    </Form>
                  ) : (
                    <span className="muted">Nog geen actie</span>
                  )}
                </td>
                {canChange ? (
                  <td className="utrecht-table__cell">
                    <div className="row-actions">
                      <Link to={`?besluit=${d.id}#besluit-formulier`} className="utrecht-link">
                        Wijzig<span className="visually-hidden"> besluit {index + 1}</span>
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="decisionId" value={d.id} />
                        <Button variant="subtle">
                          Verwijder<span className="visually-hidden"> besluit {index + 1}</span>
                        </Button>
                      </Form>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="utrecht-paragraph">Er zijn nog geen besluiten vastgelegd.</p>
        )}
      </Section>

      {canChange ? <DecisionForm /> : null}
      {adoptable.length > 0 ? <AdoptForm /> : null}
    </>
  );
}
