import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { ChartFigure, ComparisonChart, TrendChart } from '../features/analysis/charts.tsx';
import { PlainSelect } from '../components/ui/fields.tsx';
import { Section } from '../components/ui/layout.tsx';
import { POPULATION_INDICATOR } from '../features/analysis/catalogue.ts';
import { exactFiguresFor, loadMonitor } from '../features/analysis/monitor.server.ts';
import type { ShownCell } from '../features/analysis/monitor-row.ts';
import {
  CHARTS_PER_PAGE,
  ChartPages,
  GemeenteTable,
  rate,
  RegionTable,
  sourceLine,
  Value,
} from '../features/analysis/monitor-tables.tsx';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Analyse' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user, abilities } = await requireAbility(context, request, params.slug, 'workspace.view');
  const url = new URL(request.url);
  const exactFor = await exactFiguresFor(context.db, user, workspace);
  // Charts for a few indicators at a time: a group with fifty indicators would otherwise be a hundred
  // charts on one page (and half a megabyte of HTML); the table above them holds every figure.
  const asked = Math.max(1, Number.parseInt(url.searchParams.get('grafieken') ?? '1', 10) || 1);
  const load = (page: number) =>
    loadMonitor(
      context.db,
      workspace,
      { groupId: url.searchParams.get('groep'), period: url.searchParams.get('periode') },
      exactFor,
      'own',
      { offset: (page - 1) * CHARTS_PER_PAGE, count: CHARTS_PER_PAGE }
    );
  let monitor = await load(asked);
  const charted = monitor.rows.filter((r) => r.source);
  const pages = Math.max(1, Math.ceil(charted.length / CHARTS_PER_PAGE));
  const chartPage = Math.min(pages, asked);
  if (chartPage !== asked) monitor = await load(chartPage); // a page beyond the last: show the last
  const shown = new Set(charted.slice((chartPage - 1) * CHARTS_PER_PAGE, chartPage * CHARTS_PER_PAGE).map((r) => r.indicator.id));
  return {
    monitor,
    charts: { page: chartPage, pages, shown: [...shown], total: charted.length },
    focus: workspace.kind === 'gemeente' ? workspace.id : null,
    canImport: abilities.includes('analysis.edit'),
    exportBase: `/w/${workspace.slug}/analyse`,
    query: url.search,
  };
}

export default function Monitor() {
  const { monitor, charts, focus, canImport, exportBase, query } = useLoaderData<typeof loader>();
  const { gemeenten, rows, period } = monitor;
  const own = focus ? gemeenten.find((g) => g.id === focus) : null;
  const withData = rows.filter((r) => r.source);
  const countRows = withData.filter((r) => r.indicator.isCount && r.indicator.id !== POPULATION_INDICATOR);
  return (
    <>
      <h2 className="utrecht-heading-2">Analyse: de feiten op tafel</h2>
      <p className="utrecht-paragraph">
        Cijfers per gemeente{own ? `: ${own.name} naast de regio` : ' in de regio'}, uit open data en eigen registraties. Kleine
        aantallen (onder de 10) zijn afgeschermd en andere aantallen afgerond op 5, behalve voor leden van de eigen gemeente; ook
        in elke export.
      </p>
      <p className="utrecht-paragraph">
        {canImport ? (
          <>
            <Link to="import" className="utrecht-link">
              Cijfers importeren
            </Link>{' '}
            ·{' '}
            <Link to="actualiseren" className="utrecht-link">
              Cijfers uit CBS actualiseren
            </Link>{' '}
            ·{' '}
          </>
        ) : null}
        <Link to="bronnen" className="utrecht-link">
          Bronnen vergelijken
        </Link>{' '}
        ·{' '}
        <Link to="indicatoren" className="utrecht-link">
          Indicatoren
        </Link>{' '}
        ·{' '}
        <Link to="../knelpunten" relative="path" className="utrecht-link">
          Knelpunten
        </Link>{' '}
        · Exporteren:{' '}
        <a href={`${exportBase}/monitor.csv${query}`} className="utrecht-link">
          CSV
        </a>{' '}
        of{' '}
        <a href={`${exportBase}/monitor.xlsx${query}`} className="utrecht-link">
          Excel
        </a>
      </p>

      <Form method="get" className="filters" aria-label="Filters">
        <PlainSelect
          id="groep"
          name="groep"
          label="Aandachtsgroep"
          defaultValue={monitor.groupId ?? ''}
          placeholder="Alle groepen"
          options={monitor.groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <PlainSelect
          id="periode"
          name="periode"
          label="Jaar"
          defaultValue={period ?? ''}
          options={monitor.periods.map((p) => ({ value: p, label: p }))}
        />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Toon
        </button>
      </Form>

      {period === null ? (
        <p className="utrecht-paragraph">
          Er zijn nog geen cijfers.{' '}
          {canImport ? (
            <>
              Importeer ze{' '}
              <Link to="import/cbs" className="utrecht-link">
                uit CBS StatLine
              </Link>{' '}
              of{' '}
              <Link to="import" className="utrecht-link">
                uit een CSV-bestand
              </Link>
              .
            </>
          ) : (
            'Een redacteur of projectleider van deze werkruimte kan ze importeren.'
          )}
        </p>
      ) : own ? (
        <GemeenteTable rows={withData} own={own.id} period={period} />
      ) : (
        <RegionTable rows={withData} gemeenten={gemeenten} period={period} exactFor={monitor.exactFor} />
      )}
      {period !== null && withData.length > 0 ? (
        <details className="sources-details">
          <summary>Bronnen van deze cijfers</summary>
          <dl className="sources">
            {withData.map((row) => (
              <div key={row.indicator.id}>
                <dt>{row.indicator.name}</dt>
                <dd>{sourceLine(row)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}

      {period !== null
        ? withData
            .filter((row) => charts.shown.includes(row.indicator.id))
            .map((row) => {
              const rateBased = countRows.includes(row);
              const pick = (cell: ShownCell) => (rateBased ? cell.perThousand : cell.value);
              const measure = rateBased ? 'per 1.000 inwoners' : row.indicator.unit;
              const percent = !rateBased && row.indicator.unit === 'procent';
              const trendSeries = own
                ? [
                    { key: 'own', name: own.name },
                    { key: 'region', name: 'Regio' },
                  ]
                : [{ key: 'region', name: 'Regio' }];
              const trend = row.trend.map((t) => ({
                period: t.period,
                region: pick(t.total),
                ...(own ? { own: pick(t.cells[own.id]!) } : {}),
              }));
              const comparison = gemeenten.map((g) => ({ id: g.id, name: g.name, value: pick(row.cells[g.id]!) }));
              return (
                <Section key={row.indicator.id} id={`grafiek-${row.indicator.id}`} title={row.indicator.name}>
                  <p className="utrecht-paragraph muted">{row.indicator.definition}</p>
                  <div className="chart-pair">
                    <ChartFigure
                      title={`Verloop, ${measure}`}
                      source={sourceLine(row)}
                      chart={<TrendChart data={trend} series={trendSeries} percent={percent} />}
                      table={
                        <table className="utrecht-table chart-table">
                          <caption className="visually-hidden">
                            {row.indicator.name}, verloop {measure}
                          </caption>
                          <thead className="utrecht-table__header">
                            <tr className="utrecht-table__row">
                              <th scope="col" className="utrecht-table__header-cell">
                                Jaar
                              </th>
                              {trendSeries.map((s) => (
                                <th key={s.key} scope="col" className="utrecht-table__header-cell">
                                  {s.name}
                                </th>
                              ))}
                            </tr>
                          </thead>
                          <tbody className="utrecht-table__body">
                            {row.trend.map((t) => (
                              <tr key={t.period} className="utrecht-table__row">
                                <th scope="row" className="utrecht-table__header-cell">
                                  {t.period}
                                </th>
                                {own ? (
                                  <td className="utrecht-table__cell">
                                    {rateBased ? rate(t.cells[own.id]!.perThousand) : t.cells[own.id]!.display}
                                  </td>
                                ) : null}
                                <td className="utrecht-table__cell">{rateBased ? rate(t.total.perThousand) : t.total.display}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      }
                    />
                    <ChartFigure
                      title={`Gemeenten vergeleken, ${period}, ${measure}`}
                      source={sourceLine(row)}
                      chart={
                        // The "regio" line only where the region's figure compares with a gemeente's (per 1.000);
                        // elsewhere the regional figure is a sum of the gemeenten (in the table beside the chart).
                        <ComparisonChart
                          data={comparison}
                          average={rateBased ? pick(row.total) : null}
                          highlight={own?.id}
                          percent={percent}
                        />
                      }
                      table={
                        <table className="utrecht-table chart-table">
                          <caption className="visually-hidden">
                            {row.indicator.name} per gemeente, {period}
                          </caption>
                          <thead className="utrecht-table__header">
                            <tr className="utrecht-table__row">
                              <th scope="col" className="utrecht-table__header-cell">
                                Gemeente
                              </th>
                              <th scope="col" className="utrecht-table__header-cell">
                                {rateBased ? 'Per 1.000' : 'Aantal'}
                              </th>
                            </tr>
                          </thead>
                          <tbody className="utrecht-table__body">
                            {gemeenten.map((g) => (
                              <tr key={g.id} className="utrecht-table__row">
                                <th scope="row" className="utrecht-table__header-cell">
                                  {g.name}
                                </th>
                                <td className="utrecht-table__cell">
                                  {rateBased ? rate(row.cells[g.id]!.perThousand) : <Value cell={row.cells[g.id]!} />}
                                </td>
                              </tr>
                            ))}
                            <tr className="utrecht-table__row">
                              <th scope="row" className="utrecht-table__header-cell">
                                Regio
                              </th>
                              <td className="utrecht-table__cell">
                                {rateBased ? rate(row.total.perThousand) : <Value cell={row.total} />}
                              </td>
                            </tr>
                          </tbody>
                        </table>
                      }
                    />
                  </div>
                </Section>
              );
            })
        : null}
      {period !== null && charts.pages > 1 ? <ChartPages charts={charts} query={query} /> : null}
    </>
  );
}

/** Links to the other pages of charts, keeping the filters. */
