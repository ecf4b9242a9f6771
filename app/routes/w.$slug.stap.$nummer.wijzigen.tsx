import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { notFound, requireAbility } from '../http/guards.server.ts';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CheckboxField, SelectField, TextareaField, TextField } from '../components/ui/fields.tsx';
import { STATUS_LABELS, STEP_NAMES, STEP_STATUSES } from '../core/labels.ts';
import { isValidIsoDate } from '../lib/time.ts';
import { multiLineText } from '../core/validation.ts';
import { listMembers } from '../core/memberships.server.ts';
import { getStep, updateStep } from '../features/steps/steps.server.ts';
import { listChecklist } from '../features/steps/checklists.server.ts';
import { plural } from '../lib/plural.ts';
import { Section } from '../components/ui/layout.tsx';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs<typeof loader>(({ data }) => [
  { label: `Stap ${data.step.number}: ${STEP_NAMES[data.step.number]}`, to: `/w/${data.slug}/stap/${data.step.number}` },
  { label: 'Wijzigen' },
]);

const MAX_NOTE = 2000;

function stepSchema(ownerIds: string[]) {
  return z.object({
    status: z.enum(STEP_STATUSES, { error: 'Kies een status uit de lijst.' }),
    ownerId: z
      .string()
      .optional()
      .refine((v) => v === undefined || ownerIds.includes(v), 'Kies een eigenaar uit de lijst.'),
    dueDate: z
      .string()
      .optional()
      .refine((v) => v === undefined || isValidIsoDate(v), 'Vul een geldige datum in (jjjj-mm-dd, bijvoorbeeld 2026-12-31).')
      .refine((v) => v === undefined || (v >= '2000-01-01' && v <= '2100-12-31'), 'Kies een datum tussen 2000 en 2100.'),
    note: multiLineText().max(MAX_NOTE, `De toelichting is hoogstens ${MAX_NOTE} tekens.`).optional(),
    /** Asked only when the step is set to "afgerond" while its checklist has open items. */
    confirmOpen: z.boolean().optional(),
  });
}

async function loadStep({ context, request, params }: LoaderFunctionArgs) {
  const access = await requireAbility(context, request, params.slug, 'step.update');
  if (!/^[1-4]$/.test(params.nummer ?? '')) throw notFound();
  const step = await getStep(context.db, access.workspace.id, Number(params.nummer));
  if (!step) throw notFound();
  const members = await listMembers(context.db, access.workspace);
  return { access, step, members };
}

export async function loader(args: LoaderFunctionArgs) {
  const { access, step, members } = await loadStep(args);
  return {
    slug: access.workspace.slug,
    step,
    owners: members.map((m) => ({ value: m.userId, label: `${m.name}${m.organisationName ? ` (${m.organisationName})` : ''}` })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { access, step, members } = await loadStep(args);
  const submission = parseWithZod(await readForm(args.request), { schema: stepSchema(members.map((m) => m.userId)) });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const v = submission.value;
  // Completing a step whose checklist still has open items: only after the projectleider confirms it.
  const open =
    v.status === 'afgerond' && step.status !== 'afgerond'
      ? (await listChecklist(args.context.db, access.workspace.id, step.number)).filter((i) => !i.checkedAt)
      : [];
  if (open.length > 0 && !v.confirmOpen) {
    const message = `Op de checklist van deze stap ${open.length === 1 ? 'staat' : 'staan'} nog ${plural(
      open.length,
      'open punt',
      'open punten'
    )}. Vink ‘Toch afronden met open punten’ aan om de stap toch af te ronden.`;
    return data(
      { ...submission.reply({ fieldErrors: { confirmOpen: [message] } }), openItems: open.map((i) => i.text) },
      { status: 400 }
    );
  }
  await updateStep(
    args.context.db,
    step,
    { status: v.status, ownerId: v.ownerId ?? null, dueDate: v.dueDate ?? null, note: v.note ?? '' },
    access.user.id,
    { openItems: open.length }
  );
  return redirect(`/w/${access.workspace.slug}?bijgewerkt=${step.number}`);
}

export default function EditStep() {
  const { slug, step, owners } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const openItems = lastResult && 'openItems' in lastResult ? (lastResult.openItems as string[]) : null;
  const schema = stepSchema(owners.map((o) => o.value));
  const [form, fields] = useZodForm({
    id: `stap-${step.number}`,
    schema,
    lastResult,
    defaultValue: { status: step.status, ownerId: step.ownerId ?? '', dueDate: step.dueDate ?? '', note: step.note },
  });
  return (
    <Section id="stap-titel" title={`Stap ${step.number}: ${STEP_NAMES[step.number]} wijzigen`} narrow>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {openItems ? (
          <Alert kind="warning">
            <p className="utrecht-paragraph">
              U zet de stap op afgerond, maar {plural(openItems.length, 'punt', 'punten')} van de checklist{' '}
              {openItems.length === 1 ? 'is' : 'zijn'} nog niet afgevinkt:
            </p>
            <ul className="utrecht-unordered-list">
              {openItems.map((text, index) => (
                <li key={index}>{text}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <SelectField
          field={fields.status}
          label="Status"
          options={STEP_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <SelectField field={fields.ownerId} label="Eigenaar" options={owners} placeholder="Geen eigenaar" />
        <TextField field={fields.dueDate} label="Streefdatum" type="date" description="Laat leeg als er geen streefdatum is." />
        <TextareaField field={fields.note} label="Toelichting" description={`Hoogstens ${MAX_NOTE} tekens.`} />
        {openItems ? <CheckboxField field={fields.confirmOpen} label="Toch afronden met open punten" /> : null}
        <div className="row-actions">
          <Button>Opslaan</Button>
          <Link to={`/w/${slug}/stap/${step.number}`} className="utrecht-link">
            Annuleren
          </Link>
        </div>
      </Form>
    </Section>
  );
}
