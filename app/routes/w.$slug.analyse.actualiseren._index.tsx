// Actualiseren: ask CBS anew for every CBS-linked indicator of this workspace. The page lists the links
// (what the latest CBS import of each indicator took, and the years the monitor has); one button starts it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { cbsLinksOf, startCbsRefresh } from '../features/analysis/cbs-refresh.server.ts';
import { requireAbility } from '../http/guards.server.ts';
import { Alert } from '../components/ui/feedback.tsx';
import { BackLink, DataTable } from '../components/ui/layout.tsx';
import { auditRefreshStart } from '../features/analysis/cbs-refreshes.server.ts';
import { importScope } from '../core/workspaces.server.ts';
import { listIndicators } from '../features/analysis/indicators.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers actualiseren' },
]);

const NO_LINKS =
  'Deze werkruimte heeft nog geen cijfers uit CBS StatLine om te actualiseren. Importeer eerst cijfers uit CBS; daarna kunt u ze hier in één keer laten bijwerken. Er is niets veranderd.';

const yearsText = (years: number[]) =>
  years.length > 2 && years.at(-1)! - years[0]! === years.length - 1 ? `${years[0]}–${years.at(-1)}` : years.join(', ');

async function linksOf(context: LoaderFunctionArgs['context'], workspace: Parameters<typeof importScope>[1]) {
  const scope = await importScope(context.db, workspace);
  const links = await cbsLinksOf(
    context.db,
    workspace.id,
    scope.map((g) => g.id)
  );
  return { scope, links };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const [{ scope, links }, indicators] = await Promise.all([linksOf(context, workspace), listIndicators(context.db)]);
  const name = new Map(indicators.map((i) => [i.id, i.name]));
  return {
    scope: scope.map((g) => g.name),
    links: links.map((l) => ({
      indicator: name.get(l.link.indicatorId) ?? l.link.indicatorId,
      table: l.link.table,
      topic: `${l.link.topicTitle}${l.link.categories.length ? ` (${l.link.categories.map((c) => c.title).join(', ')})` : ''}`,
      years: yearsText(l.years),
    })),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const [{ scope, links }, indicators] = await Promise.all([linksOf(context, workspace), listIndicators(context.db)]);
  if (links.length === 0) return data({ error: NO_LINKS }, { status: 400 });
  const job = startCbsRefresh(context.db, {
    workspaceId: workspace.id,
    userId: user.id,
    links,
    gemeenten: new Map(scope.filter((g) => g.cbsCode).map((g) => [g.cbsCode!, g.id])),
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit })),
  });
  await auditRefreshStart(context.db, {
    workspaceId: workspace.id,
    actorId: user.id,
    jobId: job.id,
    tables: [...new Set(links.map((l) => l.link.table))],
    indicators: links.length,
  });
  return redirect(`/w/${workspace.slug}/analyse/actualiseren/voortgang/${job.id}`);
}

export default function Refresh() {
  const { scope, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <BackLink>Terug naar de analyse</BackLink>
      <h2 className="utrecht-heading-2">Cijfers actualiseren</h2>
      {result?.error ? <Alert kind="error">{result.error}</Alert> : null}
      {links.length === 0 ? (
        <>
          {result?.error ? null : <Alert kind="info">{NO_LINKS.replace(' Er is niets veranderd.', '')}</Alert>}
          <p className="utrecht-paragraph">
            <Link to="../import/cbs" relative="path" className="utrecht-link">
              Cijfers uit CBS importeren
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="utrecht-paragraph">
            CBS herziet cijfers: voorlopige cijfers worden definitief en soms verandert een waarde. Actualiseren vraagt CBS
            opnieuw om alle indicatoren hieronder, voor {scope.join(', ')}: de jaren die de monitor heeft en nieuwere jaren die
            CBS nu heeft. U ziet eerst per indicator wat CBS herzag; pas na uw bevestiging verandert de monitor.
          </p>
          <DataTable caption="Indicatoren met cijfers uit CBS" columns={['Indicator', 'CBS-tabel', 'Onderwerp', 'Jaren']}>
            {links.map((l) => (
              <tr key={l.indicator} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {l.indicator}
                </th>
                <td className="utrecht-table__cell">{l.table}</td>
                <td className="utrecht-table__cell">{l.topic}</td>
                <td className="utrecht-table__cell">{l.years}</td>
              </tr>
            ))}
          </DataTable>
          <Form method="post">
            <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
              Actualiseren
            </button>
          </Form>
        </>
      )}
    </>
  );
}
