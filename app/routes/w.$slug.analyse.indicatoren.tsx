// What the monitor measures: the indicators, their definitions and small-number thresholds. Redacteuren add
// indicators for figures that CBS does not have (a partner's registration, the region's own model).
import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { requireAbility } from '../http/guards.server.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CheckboxField, SelectField, TextareaField, TextField } from '../components/ui/fields.tsx';
import { BackLink, DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import {
  addIndicator,
  keyFromName,
  listIndicators,
  listTargetGroups,
  setThreshold,
} from '../features/analysis/indicators.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { multiLineText, oneLineText } from '../core/validation.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [{ label: 'Analyse', to: `/w/${params.slug}/analyse` }, { label: 'Indicatoren' }]);

const UNITS = { aantal: 'Aantal', procent: 'Procent', euro: 'Euro', per_1000: 'Per 1.000' } as const;
const threshold = z
  .string({ error: 'Vul een drempel in.' })
  .trim()
  .regex(/^\d{1,3}$/, 'De drempel is een heel getal.')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 100, 'De drempel ligt tussen 1 en 100.');

const indicatorSchema = z.object({
  name: oneLineText('Vul een naam in.').min(3, 'Een naam heeft minstens 3 tekens.').max(100, 'Een naam is hoogstens 100 tekens.'),
  unit: z.enum(['aantal', 'procent', 'euro', 'per_1000'], { error: 'Kies een eenheid.' }),
  targetGroupId: z.string().optional(),
  definition: multiLineText().max(1000, 'De definitie is hoogstens 1.000 tekens.').default(''),
  source: oneLineText().max(80, 'De bron is hoogstens 80 tekens.').default(''),
  isCount: z.array(z.string()).default([]),
  threshold: threshold,
});

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { abilities, workspace } = await requireAbility(context, request, params.slug, 'workspace.view');
  const [indicators, groups] = await Promise.all([listIndicators(context.db), listTargetGroups(context.db)]);
  return {
    indicators,
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    canEdit: abilities.includes('indicators.define'),
    regional: workspace.kind === 'regio',
    saved: new URL(request.url).searchParams.get('opgeslagen'),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  // What an indicator means and below which count it is hidden holds for the whole region.
  const { workspace, user } = await requireAbility(context, request, params.slug, 'indicators.define');
  const formData = await readForm(request);
  const back = (name: string) => redirect(`/w/${workspace.slug}/analyse/indicatoren?opgeslagen=${encodeURIComponent(name)}`);
  if (formData.get('intent') === 'threshold') {
    const value = threshold.safeParse(formData.get('threshold'));
    if (!value.success) return data({ result: null, thresholdError: value.error.issues[0]!.message }, { status: 400 });
    const id = String(formData.get('id') ?? '');
    if (!(await setThreshold(context.db, id, value.data, { actorId: user.id, workspaceId: workspace.id })))
      return data({ result: null, thresholdError: 'Deze indicator bestaat niet.' }, { status: 404 });
    return back(id);
  }
  const submission = parseWithZod(formData, { schema: indicatorSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), thresholdError: null }, { status: 400 });
  const values = submission.value;
  const groups = await listTargetGroups(context.db);
  if (values.targetGroupId && !groups.some((g) => g.id === values.targetGroupId)) {
    return data(
      {
        result: submission.reply({ fieldErrors: { targetGroupId: ['Kies een aandachtsgroep uit de lijst.'] } }),
        thresholdError: null,
      },
      { status: 400 }
    );
  }
  const id = await addIndicator(
    context.db,
    {
      name: values.name,
      unit: values.unit,
      targetGroupId: values.targetGroupId || null,
      definition: values.definition,
      source: values.source,
      isCount: values.isCount.includes('on'),
      threshold: values.threshold,
    },
    { actorId: user.id, workspaceId: workspace.id }
  );
  if (!id) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { name: [`Er is al een indicator met de code ‘${keyFromName(values.name)}’. Kies een andere naam.`] },
        }),
        thresholdError: null,
      },
      { status: 400 }
    );
  }
  return back(id);
}

export default function Indicators() {
  const { indicators, groups, canEdit, regional, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: 'indicator',
    schema: indicatorSchema,
    lastResult: actionData?.result,
    defaultValue: { unit: 'aantal', threshold: '10', isCount: 'on' },
  });
  const groupName = new Map(groups.map((g) => [g.value, g.label]));
  return (
    <>
      <BackLink>Terug naar de analyse</BackLink>
      <h2 className="utrecht-heading-2">Indicatoren</h2>
      <p className="utrecht-paragraph">
        Wat de monitor meet. In een CSV-bestand noemt u een indicator bij zijn code of naam. Bij aantallen personen worden
        aantallen onder de drempel afgeschermd voor wie geen lid is van de gemeente zelf.
      </p>
      {regional ? null : (
        <p className="utrecht-paragraph">
          Indicatoren en drempels gelden voor de hele regio: die stelt de regio vast, onder Analyse in de regionale werkruimte.
        </p>
      )}
      {saved ? <Alert kind="ok">Opgeslagen: {saved}.</Alert> : null}
      {actionData?.thresholdError ? <Alert kind="error">{actionData.thresholdError}</Alert> : null}
      <DataTable caption="Indicatoren" columns={['Indicator', 'Code', 'Aandachtsgroep', 'Eenheid', 'Drempel', 'Definitie']}>
        {indicators.map((i) => (
          <tr key={i.id} className="utrecht-table__row">
            <th scope="row" className="utrecht-table__header-cell">
              {i.name}
            </th>
            <td className="utrecht-table__cell">
              <code>{i.id}</code>
            </td>
            <td className="utrecht-table__cell">{i.targetGroupId ? groupName.get(i.targetGroupId) : '–'}</td>
            <td className="utrecht-table__cell">{UNITS[i.unit as keyof typeof UNITS] ?? i.unit}</td>
            <td className="utrecht-table__cell">
              {!i.isCount ? (
                'geen'
              ) : canEdit ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="threshold" />
                  <input type="hidden" name="id" value={i.id} />
                  <label className="visually-hidden" htmlFor={`drempel-${i.id}`}>
                    Drempel voor {i.name}
                  </label>
                  <input
                    id={`drempel-${i.id}`}
                    name="threshold"
                    type="number"
                    min={1}
                    max={100}
                    defaultValue={i.threshold}
                    className="utrecht-textbox utrecht-textbox--html-input threshold-input"
                  />
                  <Button variant="secondary">
                    Opslaan<span className="visually-hidden"> drempel voor {i.name}</span>
                  </Button>
                </Form>
              ) : (
                i.threshold
              )}
            </td>
            <td className="utrecht-table__cell">{i.definition || '–'}</td>
          </tr>
        ))}
      </DataTable>
      {canEdit ? (
        <Section id="nieuwe-indicator-titel" title="Indicator toevoegen" narrow>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.name} label="Naam" autoComplete="off" />
            <SelectField
              field={fields.unit}
              label="Eenheid"
              options={Object.entries(UNITS).map(([value, label]) => ({ value, label }))}
            />
            <SelectField field={fields.targetGroupId} label="Aandachtsgroep" options={groups} placeholder="Geen (algemeen)" />
            <TextareaField field={fields.definition} label="Definitie" rows={2} />
            <TextField field={fields.source} label="Gebruikelijke bron" autoComplete="off" />
            <CheckboxField field={fields.isCount} label="Een aantal personen: afschermen en per 1.000 inwoners tonen" />
            <TextField field={fields.threshold} label="Drempel voor afscherming" type="text" />
            <Button>Indicator toevoegen</Button>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
