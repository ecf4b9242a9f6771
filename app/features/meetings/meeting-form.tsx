// The form of a meeting, for a new one and to change one: kind, title, date and time, place, agenda,
// participants and the minutes.
import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { Button, FormErrors } from '../../components/ui/feedback.tsx';
import { CheckboxGroup, SelectField, TextareaField, TextField, type SelectOption } from '../../components/ui/fields.tsx';
import { useZodForm } from '../../components/ui/use-zod-form.ts';
import { MEETING_KIND_LABELS, MEETING_KINDS } from '../../core/labels.ts';
import { meetingSchema } from './meeting-forms.ts';

const KIND_OPTIONS = MEETING_KINDS.map((kind) => ({ value: kind, label: MEETING_KIND_LABELS[kind] }));

export function MeetingForm({
  id,
  lastResult,
  defaultValue,
  documents,
  members,
  submitLabel,
  cancelTo,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  documents: SelectOption[];
  members: Array<{ value: string; label: string }>;
  submitLabel: string;
  cancelTo: string;
}) {
  const [form, fields] = useZodForm({ id, schema: meetingSchema, lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField field={fields.kind} label="Soort overleg" options={KIND_OPTIONS} placeholder="Kies het soort overleg" />
      <TextField field={fields.title} label="Titel" autoComplete="off" />
      <TextField field={fields.date} label="Datum" type="date" />
      <TextField
        field={fields.startTime}
        label="Begintijd (niet verplicht)"
        description="Als uu:mm, bijvoorbeeld 09:30."
        autoComplete="off"
      />
      <TextField
        field={fields.endTime}
        label="Eindtijd (niet verplicht)"
        description="Als uu:mm, bijvoorbeeld 11:00."
        autoComplete="off"
      />
      <TextField field={fields.location} label="Locatie (niet verplicht)" autoComplete="off" />
      <SelectField
        field={fields.agendaDocumentId}
        label="Agenda"
        description="Een document van deze werkruimte."
        options={documents}
        placeholder="Geen agenda"
      />
      <CheckboxGroup field={fields.participantIds} legend="Deelnemers" options={members} />
      <TextareaField
        field={fields.minutes}
        label="Verslag"
        rows={8}
        description="Tot het verslag in een volgend overleg is vastgesteld, kunt u het aanpassen."
      />
      <div className="button-row">
        <Button>{submitLabel}</Button>
        <Link to={cancelTo} className="utrecht-link">
          Annuleren
        </Link>
      </div>
    </Form>
  );
}
