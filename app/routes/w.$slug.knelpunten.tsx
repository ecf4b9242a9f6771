import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { allowed, authorize } from '../auth/policies/index.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CheckboxGroup, CompactSelect, SelectField, TextareaField, TextField } from '../components/ui/fields.tsx';
import { Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { KNELPUNT_STATUS_LABELS, knelpuntSchema, LEVEL_LABELS } from '../features/analysis/knelpunt-forms.ts';
import { getKnelpuntWorkspace, listKnelpunten, saveKnelpunt } from '../features/analysis/knelpunten.server.ts';
import { listIndicators, listTargetGroups } from '../features/analysis/indicators.server.ts';
import { regionOf } from '../core/workspaces.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Knelpunten' }));

const STATUS_OPTIONS = Object.entries(KNELPUNT_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, abilities, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  const { gemeenten } = await regionOf(context.db, workspace);
  const scope = workspace.kind === 'regio' ? [workspace.id, ...gemeenten.map((g) => g.id)] : [workspace.id];
  const [knelpunten, groups, indicators] = await Promise.all([
    listKnelpunten(context.db, scope),
    listTargetGroups(context.db),
    listIndicators(context.db),
  ]);
  // Each knelpunt is changed in its own workspace only (a region shows its gemeenten' too).
  const editable = knelpunten.map((k) => ({ ...k, canEdit: allowed(actor, 'knelpunt.edit', { workspace: ref, knelpunt: k }) }));
  return {
    knelpunten: editable,
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    indicators: indicators.map((i) => ({ value: i.id, label: i.name })),
    isRegion: workspace.kind === 'regio',
    canEdit: abilities.includes('analysis.edit'),
    saved: new URL(request.url).searchParams.has('opgeslagen'),
    // ?bewerk=<id>: the form below edits that knelpunt (one this user may edit: of this workspace's own).
    editing: editable.find((k) => k.id === new URL(request.url).searchParams.get('bewerk') && k.canEdit) ?? null,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const formData = await readForm(request);
  if (formData.get('intent') === 'status') {
    const id = String(formData.get('id') ?? '');
    const status = knelpuntSchema.shape.status.safeParse(formData.get('status'));
    authorize(actor, 'knelpunt.edit', { workspace: ref, knelpunt: await getKnelpuntWorkspace(context.db, id) });
    if (!status.success) return data({ result: null, statusError: 'Kies een status uit de lijst.' }, { status: 400 });
    const [current] = (await listKnelpunten(context.db, [workspace.id])).filter((k) => k.id === id);
    await saveKnelpunt(
      context.db,
      workspace.id,
      { ...current!, status: status.data, indicatorIds: current!.indicators.map((i) => i.id) },
      user.id,
      id
    );
    return redirect(`/w/${workspace.slug}/knelpunten?opgeslagen`);
  }
  const submission = parseWithZod(formData, { schema: knelpuntSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), statusError: null }, { status: 400 });
  const [groups, indicators] = await Promise.all([listTargetGroups(context.db), listIndicators(context.db)]);
  if (!groups.some((g) => g.id === submission.value.targetGroupId)) {
    return data(
      {
        result: submission.reply({ fieldErrors: { targetGroupId: ['Kies een aandachtsgroep uit de lijst.'] } }),
        statusError: null,
      },
      { status: 400 }
    );
  }
  if (submission.value.indicatorIds.some((id) => !indicators.some((i) => i.id === id))) {
    return data(
      { result: submission.reply({ fieldErrors: { indicatorIds: ['Kies cijfers uit de lijst.'] } }), statusError: null },
      { status: 400 }
    );
  }
  const editId = String(formData.get('id') ?? '');
  if (editId) {
    authorize(actor, 'knelpunt.edit', { workspace: ref, knelpunt: await getKnelpuntWorkspace(context.db, editId) });
  }
  await saveKnelpunt(context.db, workspace.id, submission.value, user.id, editId || undefined);
  return redirect(`/w/${workspace.slug}/knelpunten?opgeslagen`);
}

export default function Knelpunten() {
  const { knelpunten, groups, indicators, isRegion, canEdit, saved, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    id: editing ? `knelpunt-${editing.id}` : 'knelpunt',
    schema: knelpuntSchema,
    lastResult: actionData?.result,
    defaultValue: editing
      ? {
          title: editing.title,
          targetGroupId: editing.targetGroupId,
          level: editing.level,
          status: editing.status,
          description: editing.description,
          indicatorIds: editing.indicators.map((i) => i.id),
        }
      : undefined,
  });
  const byGroup = groups
    .map((g) => ({ ...g, items: knelpunten.filter((k) => k.targetGroupId === g.value) }))
    .filter((g) => g.items.length > 0);
  return (
    <>
      <h2 className="utrecht-heading-2">Knelpunten</h2>
      <p className="utrecht-paragraph">
        Waar wringt het, per aandachtsgroep, en is dat lokaal of regionaal?{' '}
        {isRegion ? 'Hier staan de knelpunten van de regio en van alle gemeenten.' : ''}{' '}
        <Link to="../analyse" relative="path" className="utrecht-link">
          Naar de cijfers
        </Link>
      </p>
      {saved ? <Alert kind="ok">Het knelpunt is opgeslagen.</Alert> : null}
      {actionData?.statusError ? <Alert kind="error">{actionData.statusError}</Alert> : null}
      {byGroup.length === 0 ? <p className="utrecht-paragraph">Er zijn nog geen knelpunten vastgelegd.</p> : null}
      {byGroup.map((group) => (
        <Section key={group.value} id={`groep-${group.value}`} title={group.label}>
          {(['regionaal', 'lokaal'] as const).map((level) => {
            const items = group.items.filter((k) => k.level === level);
            if (items.length === 0) return null;
            return (
              <div key={level}>
                <h3 className="utrecht-heading-3">{LEVEL_LABELS[level]}</h3>
                <ul className="knelpunten">
                  {items.map((k) => (
                    <li key={k.id} className="knelpunten__item">
                      <strong>{k.title}</strong>
                      {isRegion ? <span className="muted"> · {k.workspaceName}</span> : null} ·{' '}
                      <span>{KNELPUNT_STATUS_LABELS[k.status]}</span>
                      {k.description ? <p className="utrecht-paragraph">{k.description}</p> : null}
                      {k.indicators.length > 0 ? (
                        <p className="utrecht-paragraph">
                          Cijfers:{' '}
                          {k.indicators.map((i, index) => (
                            <span key={i.id}>
                              {index > 0 ? ', ' : ''}
                              <Link
                                to={`../analyse/bronnen?indicator=${encodeURIComponent(i.id)}`}
                                relative="path"
                                className="utrecht-link"
                              >
                                {i.name}
                              </Link>
                            </span>
                          ))}
                        </p>
                      ) : null}
                      {k.canEdit ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="status" />
                          <input type="hidden" name="id" value={k.id} />
                          <CompactSelect
                            id={`status-${k.id}`}
                            name="status"
                            label={`Status van ${k.title}`}
                            defaultValue={k.status}
                            options={STATUS_OPTIONS}
                          />
                          <Button variant="secondary">
                            Status opslaan<span className="visually-hidden"> van {k.title}</span>
                          </Button>{' '}
                          <Link to={`?bewerk=${k.id}#knelpunt-formulier`} className="utrecht-link">
                            Bewerken<span className="visually-hidden"> {k.title}</span>
                          </Link>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </Section>
      ))}
      {canEdit ? (
        <Section id="knelpunt-formulier" title={editing ? `Knelpunt bewerken: ${editing.title}` : 'Knelpunt vastleggen'} narrow>
          <Form method="post" {...getFormProps(form)} key={editing?.id ?? 'nieuw'}>
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.title} label="Titel" autoComplete="off" />
            <SelectField
              field={fields.targetGroupId}
              label="Aandachtsgroep"
              options={groups}
              placeholder="Kies een aandachtsgroep"
            />
            <SelectField
              field={fields.level}
              label="Niveau"
              options={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
              placeholder="Kies lokaal of regionaal"
            />
            <SelectField field={fields.status} label="Status" options={STATUS_OPTIONS} />
            <TextareaField field={fields.description} label="Beschrijving" />
            <CheckboxGroup field={fields.indicatorIds} legend="Cijfers die het laten zien" options={indicators} />
            <Button>Knelpunt opslaan</Button>{' '}
            {editing ? (
              <Link to="." className="utrecht-link">
                Annuleren
              </Link>
            ) : null}
          </Form>
        </Section>
      ) : null}
    </>
  );
}
