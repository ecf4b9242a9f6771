// The review of a refresh: per indicator what CBS revised (old → new, with CBS's status before and
// after), the new years and how many figures stay the same — protected for whoever looks. One button
// takes every table of the refresh into the monitor, one leaves everything as it was.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { exampleViewer, type ShownExample } from '../features/analysis/import-view.server.ts';
import { notFound, requireAbility } from '../http/guards.server.ts';
import { Alert } from '../components/ui/feedback.tsx';
import { DecisionButtons } from '../features/analysis/decision-buttons.tsx';
import { BackLink, DataTable, Section } from '../components/ui/layout.tsx';
import { formatDateTime } from '../lib/time.ts';
import { applyRefresh, discardRefresh, getRefresh } from '../features/analysis/cbs-refreshes.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { plural } from '../lib/plural.ts';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers actualiseren', to: `/w/${params.slug}/analyse/actualiseren` },
  { label: 'Actualisering controleren' },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const refresh = params.id ? await getRefresh(context.db, workspace.id, params.id) : undefined;
  if (!refresh) throw notFound();
  const viewer = await exampleViewer(context.db, user, workspace);
  const indicators = refresh.imports.flatMap((i) =>
    i.links.map((link) => {
      const changes = i.summary.byIndicator?.[link.indicatorId];
      const revisions: ShownExample[] = i.summary.examples
        .filter((e) => e.indicatorId === link.indicatorId && e.from !== null)
        .map(viewer.show);
      return {
        id: link.indicatorId,
        name: viewer.indicatorName(link.indicatorId),
        table: link.table,
        topic: `${link.topicTitle}${link.categories.length ? ` (${link.categories.map((c) => c.title).join(', ')})` : ''}`,
        changes: changes ?? null,
        revisions,
      };
    })
  );
  const sum = (key: 'changed' | 'restated' | 'added' | 'unchanged' | 'removed' | 'replaced') =>
    refresh.imports.reduce((n, i) => n + (i.summary[key] ?? 0), 0);
  return {
    refresh: {
      status: refresh.status,
      createdAt: refresh.createdAt,
      decidedAt: refresh.decidedAt,
      createdByName: refresh.createdByName,
      problems: refresh.problems,
      tables: refresh.imports.map((i) => `${i.source} (${i.detail})`),
    },
    totals: {
      changed: sum('changed'),
      restated: sum('restated'),
      added: sum('added'),
      unchanged: sum('unchanged'),
      removed: sum('removed'),
      replaced: sum('replaced'),
    },
    indicators,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  if (!params.id || !(await getRefresh(context.db, workspace.id, params.id))) throw notFound();
  const intent = (await readForm(request)).get('intent');
  if (intent === 'discard') {
    if (!(await discardRefresh(context.db, workspace.id, params.id, user.id)))
      return data({ error: 'Deze actualisering is al bevestigd of verworpen.' }, { status: 409 });
    return redirect(`/w/${workspace.slug}/analyse/actualiseren/${params.id}`);
  }
  const applied = await applyRefresh(context.db, workspace.id, params.id, user.id);
  if (!applied) return data({ error: 'Deze actualisering is al bevestigd of verworpen.' }, { status: 409 });
  return redirect(`/w/${workspace.slug}/analyse/actualiseren/${params.id}`);
}

export default function RefreshReview() {
  const { refresh, totals, indicators } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const preview = refresh.status === 'voorbeeld';
  return (
    <>
      <BackLink>Terug naar actualiseren</BackLink>
      <h2 className="utrecht-heading-2">{preview ? 'Controleer de actualisering' : 'Actualisering'}</h2>
      <p className="utrecht-paragraph">
        CBS opnieuw gevraagd op {formatDateTime(refresh.createdAt)} door {refresh.createdByName ?? 'onbekend'}:{' '}
        {refresh.tables.join('; ')}.
        {preview ? ' Er is nog niets veranderd in de monitor; bevestig om de cijfers van CBS over te nemen.' : null}
      </p>
      {result?.error ? <Alert kind="error">{result.error}</Alert> : null}
      {refresh.status === 'verwerkt' ? (
        <Alert kind="ok">
          Bevestigd op {formatDateTime(refresh.decidedAt)}. De cijfers van CBS staan in de monitor; herziene cijfers hebben de
          oude vervangen.
        </Alert>
      ) : null}
      {refresh.status === 'verworpen' ? <Alert kind="info">Deze actualisering is verworpen; er is niets veranderd.</Alert> : null}
      {refresh.problems.length > 0 ? (
        <Alert kind="warning">
          <p>Niet alles is geactualiseerd:</p>
          <ul>
            {refresh.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <ul className="import-summary" aria-label="Wat er verandert">
        <li>
          <strong>{totals.changed}</strong> herzien (andere waarde)
        </li>
        <li>
          <strong>{totals.restated}</strong> alleen status gewijzigd (zelfde waarde, bijvoorbeeld voorlopig → definitief)
        </li>
        <li>
          <strong>{totals.added}</strong> nieuw
        </li>
        <li>
          <strong>{totals.unchanged}</strong> gelijk
        </li>
        {totals.replaced ? (
          <li>
            <strong>{totals.replaced}</strong> vervangen (cijfers van een andere werkruimte die u niet exact ziet: of ze wijzigen,
            toont deze controle niet)
          </li>
        ) : null}
        <li>
          <strong>{totals.removed}</strong> vervallen (CBS geeft er geen cijfer meer voor)
        </li>
      </ul>
      <Section id="per-indicator-titel" title="Per indicator">
        {indicators.map((indicator) => {
          const c = indicator.changes;
          const listed = c ? c.changed + c.restated + c.removed + c.replaced : 0;
          return (
            <section key={indicator.id} className="section" aria-labelledby={`indicator-${indicator.id}`}>
              <h3 id={`indicator-${indicator.id}`} className="utrecht-heading-3">
                {indicator.name}
              </h3>
              <p className="utrecht-paragraph muted">
                CBS {indicator.table}: {indicator.topic}
              </p>
              {c ? (
                <p className="utrecht-paragraph">
                  {plural(c.changed, 'cijfer herzien', 'cijfers herzien')},{' '}
                  {plural(c.restated, 'cijfer alleen in status gewijzigd', 'cijfers alleen in status gewijzigd')},{' '}
                  {c.added === 0
                    ? 'geen nieuwe cijfers'
                    : `${plural(c.added, 'nieuw cijfer', 'nieuwe cijfers')} (${c.addedPeriods.join(', ')})`}
                  , {c.unchanged} gelijk
                  {c.replaced ? `, ${c.replaced} vervangen` : ''}
                  {c.removed ? `, ${c.removed} vervallen` : ''}.
                </p>
              ) : (
                <p className="utrecht-paragraph">Geen cijfers van CBS voor deze indicator.</p>
              )}
              {indicator.revisions.length > 0 ? (
                <DataTable
                  caption={`Herziene cijfers: ${indicator.name}${
                    indicator.revisions.length < listed ? ` (de eerste ${indicator.revisions.length})` : ''
                  }`}
                  columns={['Gemeente', 'Jaar', 'Was', 'Wordt', 'Status bij CBS']}
                >
                  {indicator.revisions.map((e) => (
                    <tr key={`${e.workspaceId}|${e.period}`} className="utrecht-table__row">
                      <th scope="row" className="utrecht-table__header-cell">
                        {e.gemeente}
                      </th>
                      <td className="utrecht-table__cell">{e.period}</td>
                      <td className="utrecht-table__cell">{e.from ?? '–'}</td>
                      <td className="utrecht-table__cell">{e.to ?? 'vervalt'}</td>
                      <td className="utrecht-table__cell">
                        {e.fromStatus !== undefined ? `${e.fromStatus} → ${e.toStatus}` : 'ongewijzigd'}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              ) : null}
            </section>
          );
        })}
      </Section>
      {preview ? <DecisionButtons apply="Actualisering bevestigen" discard="Niet overnemen" busy={busy} /> : null}
    </>
  );
}
