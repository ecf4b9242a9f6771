// One indicator from every source side by side per gemeente: so the region can judge its own model
// and partners' registrations against open data.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../auth/guards.server.ts';
import { PlainSelect } from '../components/ui/fields.tsx';
import { BackLink, DataTable } from '../components/ui/layout.tsx';
import { formatInstantDate } from '../lib/time.ts';
import { compareSources, exactFiguresFor, listIndicators } from '../models/monitor.server.ts';

export const meta: MetaFunction = () => [{ title: 'Bronnen vergelijken – Thuisplan' }];

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'workspace.view');
  const url = new URL(request.url);
  const indicators = await listIndicators(context.db);
  const indicatorId = url.searchParams.get('indicator') ?? indicators.find((i) => i.id !== 'bevolking')?.id ?? 'bevolking';
  const exactFor = await exactFiguresFor(context.db, user, workspace);
  return {
    indicators: indicators.map((i) => ({ id: i.id, name: i.name })),
    indicatorId,
    comparison: await compareSources(context.db, workspace, indicatorId, url.searchParams.get('periode'), exactFor),
  };
}

export default function Sources() {
  const { indicators, indicatorId, comparison } = useLoaderData<typeof loader>();
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
      {!comparison || comparison.sources.length === 0 ? (
        <p className="utrecht-paragraph">Voor deze indicator zijn nog geen cijfers.</p>
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
