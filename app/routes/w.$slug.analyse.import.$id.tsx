import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { allowed, authorize, check, refusalResponse } from '../auth/policies/index.ts';
import { IMPORT_DECIDED } from '../auth/policies/data-import.ts';
import { Alert } from '../components/ui/feedback.tsx';
import { DecisionButtons } from '../features/analysis/decision-buttons.tsx';
import { BackLink, DataTable, Section } from '../components/ui/layout.tsx';
import { formatDateTime } from '../lib/time.ts';
import { applyImport, discardImport, getImport } from '../features/analysis/data-imports.server.ts';
import { exampleViewer } from '../features/analysis/import-view.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { formatCount, pluralWord } from '../lib/plural.ts';
import { ROUND_TO } from '../features/analysis/disclosure.ts';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers importeren', to: `/w/${params.slug}/analyse/import` },
  { label: 'Import bekijken' },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const found = params.id ? await getImport(context.db, workspace.id, params.id) : undefined;
  authorize(actor, 'import.view', { workspace: ref, dataImport: found });
  // Confirm or discard: a preview only, once.
  const canDecide = allowed(actor, 'import.apply', { workspace: ref, dataImport: found });
  // The figures that change, as this viewer may see them: exact only for their own gemeente, except that
  // whoever decides on the preview checks the new figures exactly as in the file. Once decided, the page
  // is a record and shows them as the monitor does (the policy lets only the workspace's redacteuren and
  // projectleiders see it at all).
  const viewer = await exampleViewer(context.db, user, workspace, { newFiguresExact: canDecide });
  return {
    found: { ...found!, summary: { ...found!.summary, examples: [] } },
    examples: found!.summary.examples.map(viewer.show),
    canDecide,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const intent = (await readForm(request)).get('intent');
  const found = params.id ? await getImport(context.db, workspace.id, params.id) : undefined;
  const refusal = check(actor, intent === 'discard' ? 'import.discard' : 'import.apply', { workspace: ref, dataImport: found });
  if (refusal?.status === 409) return data({ error: refusal.message }, { status: 409 });
  if (refusal || !found) throw refusalResponse(refusal!); // another workspace's import, or none: 404
  if (intent === 'discard') {
    await discardImport(context.db, workspace.id, found.id, user.id);
    return redirect(`/w/${workspace.slug}/analyse/import`);
  }
  const applied = await applyImport(context.db, workspace.id, found.id, user.id);
  if (!applied) return data({ error: IMPORT_DECIDED }, { status: 409 }); // decided a moment ago by someone else
  return redirect(`/w/${workspace.slug}/analyse/import/${found.id}?verwerkt`);
}

export default function ImportPreview() {
  const { found, examples, canDecide } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const s = found.summary;
  const preview = found.status === 'voorbeeld';
  return (
    <>
      <BackLink>Terug naar importeren</BackLink>
      <h2 className="utrecht-heading-2">
        {preview ? 'Controleer de import' : 'Import'}: {found.source}
      </h2>
      <p className="utrecht-paragraph">
        {found.detail} · {formatDateTime(found.createdAt)} · door {found.createdByName ?? 'onbekend'}
      </p>
      {result?.error ? <Alert kind="error">{result.error}</Alert> : null}
      {found.status === 'verwerkt' ? (
        <Alert kind="ok">Verwerkt op {formatDateTime(found.appliedAt)}. De cijfers staan in de monitor.</Alert>
      ) : null}
      {found.status === 'verworpen' ? <Alert kind="info">Deze import is verworpen; er is niets veranderd.</Alert> : null}
      <ul className="import-summary" aria-label="Wat er verandert">
        <li>
          <strong>{formatCount(s.rows)}</strong>
          {` ${pluralWord(s.rows, 'cijfer', 'cijfers')} in het bestand`}
        </li>
        <li>
          <strong>{s.added}</strong> nieuw
        </li>
        <li>
          <strong>{s.changed}</strong> gewijzigd
        </li>
        {s.restated ? (
          <li>
            <strong>{s.restated}</strong> alleen status gewijzigd (zelfde waarde, bijvoorbeeld voorlopig → definitief)
          </li>
        ) : null}
        <li>
          <strong>{s.unchanged}</strong> gelijk
        </li>
        {s.replaced ? (
          <li>
            <strong>{s.replaced}</strong> vervangen (cijfers van een andere werkruimte die u niet exact ziet: of ze wijzigen,
            toont deze controle niet)
          </li>
        ) : null}
        <li>
          <strong>{s.removed}</strong> vervallen
        </li>
        {s.skipped ? (
          <li>
            <strong>{s.skipped}</strong>
            {` ${pluralWord(s.skipped, 'cel', 'cellen')} zonder gegeven overgeslagen ${
              found.kind === 'cbs' ? '(bij CBS leeg: afgeschermd of onbekend)' : '(leeg, ‘.’, ‘-’ of ‘x’)'
            }`}
          </li>
        ) : null}
      </ul>
      {examples.length > 0 ? (
        <Section
          id="wijzigingen-titel"
          title={`Wijzigingen${
            examples.length < s.added + s.changed + (s.replaced ?? 0) + (s.restated ?? 0) + s.removed
              ? ` (de eerste ${examples.length})`
              : ''
          }`}
        >
          <ExactnessNote exact={canDecide} />
          <DataTable caption="Een deel van de cijfers die veranderen" columns={['Gemeente', 'Indicator', 'Jaar', 'Was', 'Wordt']}>
            {examples.map((e, i) => (
              <tr key={i} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {e.gemeente}
                </th>
                <td className="utrecht-table__cell">{e.indicator}</td>
                <td className="utrecht-table__cell">{e.period}</td>
                <td className="utrecht-table__cell">
                  {e.from ?? '–'}
                  {e.fromStatus ? ` (${e.fromStatus})` : null}
                </td>
                <td className="utrecht-table__cell">
                  {e.to ?? 'vervalt'}
                  {e.toStatus && e.to !== null ? ` (${e.toStatus})` : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
      {canDecide ? (
        <DecisionButtons apply="Import bevestigen" discard="Niet importeren" busy={busy} />
      ) : (
        <p className="utrecht-paragraph">
          <Link to="../.." relative="path" className="utrecht-link">
            Naar de monitor
          </Link>
        </p>
      )}
    </>
  );
}

/** Says how exact the figures in the table are, and how the monitor will show them to others. */
function ExactnessNote({ exact }: { exact: boolean }) {
  const rule = `In de monitor ziet alleen wie lid is van de gemeente zelf haar aantallen exact; anderen, ook via de regio, en elke export zien aantallen afgerond op ${ROUND_TO}, en een aantal onder de drempel van de indicator (meestal 10) als ‘< 10’.`;
  return (
    <p className="utrecht-paragraph" id="exactheid">
      {exact
        ? `De cijfers onder ‘Wordt’ zijn exact zoals in het bestand, zodat u het kunt controleren. ${rule} Onder ‘Was’ staan de huidige cijfers zoals de monitor ze u toont.`
        : `De cijfers staan hier zoals de monitor ze u toont. ${rule}`}
    </p>
  );
}
