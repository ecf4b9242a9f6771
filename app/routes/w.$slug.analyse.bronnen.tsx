// One indicator from every source side by side per gemeente: so the region can judge its own model
// and partners' registrations against open data.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { SOURCE_MODE_LABELS } from '../features/analysis/source-choice.ts';
import { requireAbility } from '../http/guards.server.ts';
import { Alert } from '../components/ui/feedback.tsx';
import { PlainSelect } from '../components/ui/fields.tsx';
import { BackLink, DataTable } from '../components/ui/layout.tsx';
import { formatInstantDate } from '../lib/time.ts';
import { chooseSource, compareSources, sourceChoices } from '../features/analysis/sources.server.ts';
import { exactFiguresFor, loadMonitor } from '../features/analysis/monitor.server.ts';
import { listIndicators } from '../features/analysis/indicators.server.ts';
import { regionOf } from '../core/workspaces.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Bronnen vergelijken' },
]);

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user, abilities } = await requireAbility(context, request, params.slug, 'workspace.view');
  const url = new URL(request.url);
  const indicators = await listIndicators(context.db);
  const indicatorId = url.searchParams.get('indicator') ?? indicators.find((i) => i.id !== 'bevolking')?.id ?? 'bevolking';
  const exactFor = await exactFiguresFor(context.db, user, workspace);
  const [comparison, { region }] = await Promise.all([
    compareSources(context.db, workspace, indicatorId, url.searchParams.get('periode'), exactFor),
    regionOf(context.db, workspace),
  ]);
  const [choice, shown] = await Promise.all([
    sourceChoices(context.db, region.id).then((c) => c.get(indicatorId) ?? null),
    // What the monitor shows for this indicator now, and why.
    loadMonitor(context.db, workspace, { groupId: null, period: null }, exactFor).then(
      (m) => m.rows.find((r) => r.indicator.id === indicatorId)?.source ?? null
    ),
  ]);
  return {
    indicators: indicators.map((i) => ({ id: i.id, name: i.name })),
    indicatorId,
    comparison,
    choice,
    shown,
    canChoose: abilities.includes('indicators.define'),
    importAt: abilities.includes('analysis.edit') ? `/w/${workspace.slug}/analyse/import` : null,
  };
}

/** The region's choice of the source the monitor shows: recorded, audited in the region's logboek. */
export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'indicators.define');
  const form = await readForm(request);
  const indicatorId = String(form.get('indicator') ?? '');
  const source = String(form.get('bron') ?? '');
  const indicator = (await listIndicators(context.db)).find((i) => i.id === indicatorId);
  if (!indicator) return data({ error: 'Kies een indicator die bestaat.' }, { status: 400 });
  if (source) {
    const comparison = await compareSources(context.db, workspace, indicatorId, null, new Set());
    if (!comparison?.allSources.includes(source)) {
      return data(
        { error: `‘${source}’ heeft geen cijfers voor ${indicator.name}; kies een bron uit de lijst.` },
        { status: 400 }
      );
    }
  }
  await chooseSource(context.db, indicatorId, source || null, { actorId: user.id, workspaceId: workspace.id });
  return redirect(`/w/${workspace.slug}/analyse/bronnen?indicator=${encodeURIComponent(indicatorId)}&gekozen=1`);
}

export default function Sources() {
  const { indicators, indicatorId, comparison, choice, shown, canChoose, importAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <BackLink>Terug naar de analyse</BackLink>
      <h2 className="utrecht-heading-2">Bronnen vergelijken</h2>
      <p className="utrecht-paragraph">
        Hetzelfde cijfer uit verschillende bronnen naast elkaar: open data van CBS, de provinciale monitor, registraties van
        partners of het eigen model van de regio. Het verschil is de tweede bron min de eerste.
      </p>
      <Form method="get" className="filters" aria-label="Indicator en jaar">
        <PlainSelect
          id="indicator"
          name="indicator"
          label="Indicator"
          defaultValue={indicatorId}
          options={indicators.map((i) => ({ value: i.id, label: i.name }))}
        />
        {comparison && comparison.periods.length > 0 ? (
          <PlainSelect
            id="periode"
            name="periode"
            label="Jaar"
            defaultValue={comparison.period ?? ''}
            options={comparison.periods.map((p) => ({ value: p, label: p }))}
          />
        ) : null}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Toon
        </button>
      </Form>
      {result?.error ? <Alert kind="error">{result.error}</Alert> : null}
      {shown ? (
        <section aria-labelledby="bron-titel" className="source-choice">
          <h3 id="bron-titel" className="utrecht-heading-3">
            Bron in de monitor
          </h3>
          <p className="utrecht-paragraph">
            Nu: <strong>{shown.name}</strong>{' '}
            {`(${SOURCE_MODE_LABELS[shown.mode ?? 'cbs']}${
              choice ? `, door ${choice.chosenBy ?? 'een oud-gebruiker'} op ${formatInstantDate(choice.chosenAt)}` : ''
            }). Zonder keuze toont de monitor CBS; zonder CBS de eigen import van de regio; anders per gemeente haar eigen cijfers.`}
          </p>
          {canChoose && comparison ? (
            <Form method="post" action={`?indicator=${encodeURIComponent(indicatorId)}`} className="filters">
              <input type="hidden" name="indicator" value={indicatorId} />
              <PlainSelect
                id="bron"
                name="bron"
                label="Bron voor deze indicator"
                defaultValue={choice?.source ?? ''}
                placeholder="Automatisch (CBS, anders de regio, anders per gemeente)"
                options={comparison.allSources.map((s) => ({ value: s, label: s }))}
              />
              <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                Bron vastleggen
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {!comparison || comparison.sources.length === 0 ? (
        <p className="utrecht-paragraph">
          Voor deze indicator zijn nog geen cijfers.{' '}
          {importAt ? (
            <Link to={importAt} className="utrecht-link">
              Importeer ze eerst
            </Link>
          ) : (
            'Een redacteur of projectleider van deze werkruimte kan ze importeren.'
          )}
        </p>
      ) : (
        <>
          <dl className="sources">
            {comparison.sources.map((s) => (
              <div key={s.name}>
                <dt>{s.name}</dt>
                <dd>
                  {s.definition || 'Geen definitie vastgelegd.'}{' '}
                  {s.retrievedAt ? `Opgehaald ${formatInstantDate(s.retrievedAt)}.` : ''}
                </dd>
              </div>
            ))}
          </dl>
          <DataTable
            caption={`${comparison.indicator.name} per bron, ${comparison.period}`}
            columns={[
              'Gemeente',
              ...comparison.sources.map((s) => s.name),
              ...(comparison.sources.length > 1 ? ['Verschil'] : []),
            ]}
          >
            {comparison.rows.map((row) => (
              <tr key={row.gemeente.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {row.gemeente.name}
                </th>
                {row.values.map((v, i) => (
                  <td key={i} className="utrecht-table__cell">
                    {v.display}
                  </td>
                ))}
                {comparison.sources.length > 1 ? (
                  <td className="utrecht-table__cell">{row.difference === null ? '–' : number.format(row.difference)}</td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}
