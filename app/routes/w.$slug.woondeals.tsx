import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { ActionStatus } from '../../db/schema.ts';
import { requireAbility } from '../http/guards.server.ts';
import { allowed, authorize } from '../auth/policies/index.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { TextareaField, TextField } from '../components/ui/fields.tsx';
import { Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../core/labels.ts';
import { regionOf, toWorkspaceRef } from '../core/workspaces.server.ts';
import { can } from '../auth/permissions.ts';
import { formatDate } from '../lib/time.ts';
import { SplitFigure } from '../features/woondeals/split-chart.tsx';
import { SHARE_LABELS, woondealSchema } from '../features/woondeals/woondeal-forms.ts';
import {
  countWoondealActions,
  createWoondeal,
  getWoondealWorkspace,
  listWoondealActions,
  listWoondeals,
  updateWoondeal,
} from '../features/woondeals/woondeals.server.ts';
import { readForm } from '../http/form-body.server.ts';

export const handle = crumbs(() => ({ label: 'Woondeals' }));

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  const { region, gemeenten } = await regionOf(context.db, workspace);
  const isRegion = workspace.kind === 'regio';
  // The region shows the actions of all its workspaces; a gemeente only its own.
  const scope = isRegion ? [workspace.id, ...gemeenten.map((g) => g.id)] : [workspace.id];
  const woondeals = await listWoondeals(context.db, region.id);
  const ids = woondeals.map((w) => w.id);
  const [actions, counts] = await Promise.all([
    listWoondealActions(context.db, ids, scope),
    countWoondealActions(context.db, ids, scope),
  ]);
  const canManage = allowed(actor, 'woondeal.create', { workspace: ref });
  const url = new URL(request.url);
  const editId = url.searchParams.get('bewerk');
  return {
    slug: workspace.slug,
    isRegion,
    regionName: region.name,
    // A member of a gemeente only does not see the region's workspace: no link to it then.
    regionSlug: can(actor, toWorkspaceRef(region), 'workspace.view') ? region.slug : null,
    woondeals: woondeals.map((w) => ({
      ...w,
      actions: actions.filter((a) => a.woondealId === w.id),
      counts: counts[w.id] ?? {},
    })),
    canManage,
    saved: url.searchParams.get('opgeslagen'),
    editing: canManage ? (woondeals.find((w) => w.id === editId) ?? null) : null,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  // woondeal.manage is granted in the region's workspace only: a gemeente's URL answers 403.
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'woondeal.manage');
  const formData = await readForm(request);
  const editId = String(formData.get('id') ?? '');
  if (editId) {
    authorize(actor, 'woondeal.change', { workspace: ref, woondeal: await getWoondealWorkspace(context.db, editId) });
  } else {
    authorize(actor, 'woondeal.create', { workspace: ref });
  }
  const submission = parseWithZod(formData, { schema: woondealSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  if (editId) await updateWoondeal(context.db, workspace.id, editId, submission.value, user.id);
  else await createWoondeal(context.db, workspace.id, submission.value, user.id);
  return redirect(`/w/${workspace.slug}/woondeals?opgeslagen=${editId ? 'gewijzigd' : 'nieuw'}`);
}

function statusSummary(counts: Partial<Record<ActionStatus, number>>): string {
  const parts = ACTION_STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${ACTION_STATUS_LABELS[s].toLowerCase()}`);
  const total = ACTION_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  if (total === 0) return '';
  return `${total} ${total === 1 ? 'actie' : 'acties'}: ${parts.join(', ')}`;
}

const asText = (value: number | null) => (value === null ? '' : String(value));

export default function Woondeals() {
  const { slug, isRegion, regionName, regionSlug, woondeals, canManage, saved, editing } = useLoaderData<typeof loader>();
  return (
    <>
      <h2 className="utrecht-heading-2">Woondeals</h2>
      <p className="utrecht-paragraph">
        De woondeals zijn de afspraken van de regio met Rijk en provincie over hoeveel en welke woningen erbij komen. Acties
        kunnen aangeven welke woondeal ze dienen.{' '}
        {isRegion ? (
          'Hier staan ook de acties van de gemeenten die een woondeal dienen.'
        ) : (
          <>
            De regio houdt het register bij
            {regionSlug ? (
              <>
                {' '}
                (
                <Link to={`/w/${regionSlug}/woondeals`} className="utrecht-link">
                  woondeals van {regionName}
                </Link>
                )
              </>
            ) : null}
            ; hier ziet u de acties van deze gemeente bij elke woondeal.
          </>
        )}
      </p>
      {saved ? (
        <Alert kind="ok">{saved === 'gewijzigd' ? 'De woondeal is gewijzigd.' : 'De woondeal is vastgelegd.'}</Alert>
      ) : null}
      {woondeals.length === 0 ? <p className="utrecht-paragraph">Er is nog geen woondeal vastgelegd.</p> : null}
      {woondeals.map((w) => {
        const summary = statusSummary(w.counts);
        return (
          <Section key={w.id} id={`woondeal-${w.id}`} title={w.name}>
            <dl className="woondeal-facts">
              {w.sourceDocument ? (
                <div>
                  <dt>Bron</dt>
                  <dd>{w.sourceDocument}</dd>
                </div>
              ) : null}
              {w.signedOn ? (
                <div>
                  <dt>Ondertekend op</dt>
                  <dd>{formatDate(w.signedOn)}</dd>
                </div>
              ) : null}
              {w.targetHomes !== null ? (
                <div>
                  <dt>Doel</dt>
                  <dd>
                    {number.format(w.targetHomes)} woningen erbij{w.targetYear !== null ? `, tot en met ${w.targetYear}` : ''}
                  </dd>
                </div>
              ) : w.targetYear !== null ? (
                <div>
                  <dt>Doeljaar</dt>
                  <dd>{w.targetYear}</dd>
                </div>
              ) : null}
            </dl>
            {w.note ? <p className="utrecht-paragraph woondeal-note">{w.note}</p> : null}
            {w.shareSocial !== null || w.shareMiddle !== null || w.shareExpensive !== null ? (
              <SplitFigure
                split={{
                  name: w.name,
                  targetHomes: w.targetHomes,
                  targetYear: w.targetYear,
                  shares: { shareSocial: w.shareSocial, shareMiddle: w.shareMiddle, shareExpensive: w.shareExpensive },
                }}
                source={w.sourceDocument || w.name}
              />
            ) : null}
            <h3 className="utrecht-heading-3">{isRegion ? 'Acties die deze woondeal dienen' : 'Acties van deze gemeente'}</h3>
            {w.actions.length === 0 ? (
              <p className="utrecht-paragraph">Nog geen acties.</p>
            ) : (
              <>
                <p className="utrecht-paragraph">{summary}</p>
                <ul className="woondeal-actions">
                  {w.actions.map((a) => (
                    <li key={a.id}>
                      <Link to={`/w/${slug}/acties/${a.id}`} className="utrecht-link">
                        {a.title}
                      </Link>{' '}
                      <span className="muted">
                        · {a.workspaceName} · {ACTION_STATUS_LABELS[a.status]}
                        {a.dueDate ? ` · streefdatum ${formatDate(a.dueDate)}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {canManage ? (
              <p className="utrecht-paragraph">
                <Link to={`?bewerk=${w.id}#woondeal-formulier`} className="utrecht-link">
                  Bewerken<span className="visually-hidden"> {w.name}</span>
                </Link>
              </p>
            ) : null}
          </Section>
        );
      })}
      {canManage ? <WoondealForm key={editing?.id ?? 'nieuw'} editing={editing} /> : null}
    </>
  );
}

type Editing = ReturnType<typeof useLoaderData<typeof loader>>['editing'];

/** Keyed by the woondeal it edits, so that switching between new and editing starts a fresh form. */
function WoondealForm({ editing }: { editing: Editing }) {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm({
    // Not woondeal-<id>: that is the id of the woondeal's heading, and the fields name their form by id.
    id: editing ? `woondeal-bewerken-${editing.id}` : 'woondeal-nieuw',
    schema: woondealSchema,
    lastResult,
    defaultValue: editing
      ? {
          name: editing.name,
          sourceDocument: editing.sourceDocument,
          signedOn: editing.signedOn ?? '',
          targetHomes: editing.targetHomes === null ? '' : number.format(editing.targetHomes),
          targetYear: asText(editing.targetYear),
          shareSocial: asText(editing.shareSocial),
          shareMiddle: asText(editing.shareMiddle),
          shareExpensive: asText(editing.shareExpensive),
          note: editing.note,
        }
      : undefined,
  });
  const shareErrors = [fields.shareSocial, fields.shareMiddle, fields.shareExpensive].some((f) => f.errors?.length);
  return (
    <Section id="woondeal-formulier" title={editing ? `Woondeal bewerken: ${editing.name}` : 'Woondeal vastleggen'} narrow>
      <Form method="post" {...getFormProps(form)}>
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="Naam" autoComplete="off" />
        <TextField
          field={fields.sourceDocument}
          label="Brondocument (optioneel)"
          description="Bijvoorbeeld: Regionale Woondeal Twente, 21 december 2022."
          autoComplete="off"
        />
        <TextField field={fields.signedOn} label="Ondertekend op (optioneel)" type="date" />
        <TextField
          field={fields.targetHomes}
          label="Aantal woningen erbij (optioneel)"
          description="Een heel getal, zoals 14100 of 14.100."
          autoComplete="off"
        />
        <TextField field={fields.targetYear} label="Te bouwen tot en met het jaar (optioneel)" autoComplete="off" />
        <div className={`utrecht-form-field utrecht-form-field--fieldset${shareErrors ? ' utrecht-form-field--invalid' : ''}`}>
          <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" aria-describedby="verdeling-uitleg">
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              Verdeling van de nieuwbouw (optioneel)
            </legend>
            <p id="verdeling-uitleg" className="utrecht-form-field-description">
              In hele procenten. Vult u alle drie in, dan tellen ze op tot 100, zoals 30, 40 en 30.
            </p>
            <TextField field={fields.shareSocial} label={`${SHARE_LABELS.shareSocial} (%)`} autoComplete="off" />
            <TextField field={fields.shareMiddle} label={`${SHARE_LABELS.shareMiddle} (%)`} autoComplete="off" />
            <TextField field={fields.shareExpensive} label={`${SHARE_LABELS.shareExpensive} (%)`} autoComplete="off" />
          </fieldset>
        </div>
        <TextareaField field={fields.note} label="Toelichting (optioneel)" />
        <Button>{editing ? 'Wijzigingen opslaan' : 'Woondeal vastleggen'}</Button>{' '}
        {editing ? (
          <Link to="." className="utrecht-link">
            Annuleren
          </Link>
        ) : null}
      </Form>
    </Section>
  );
}
