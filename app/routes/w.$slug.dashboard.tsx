import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { DataTable, Section, TableScroll } from '../components/ui/layout.tsx';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, STEP_NAMES } from '../core/labels.ts';
import { auditActionLabel, auditSummary } from '../core/audit-labels.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';
import { formatCount, plural } from '../lib/plural.ts';
import { StepStatusBadge } from '../features/steps/step-status.tsx';
import { KNELPUNT_STATUS_LABELS, LEVEL_LABELS } from '../features/analysis/knelpunt-forms.ts';
import { loadDashboard } from '../features/dashboard/dashboard.server.ts';
import { ActionStatusBars, PrintButton } from '../features/dashboard/dashboard-parts.tsx';
import dashboardCss from '../styles/dashboard.css?url';

// The dashboard's own stylesheet, with the print layout (one A4 landscape page): only this page prints so.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardCss }];

export const handle = crumbs(() => ({ label: 'Dashboard' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  // Everyone who may view the workspace sees the dashboard. Its part "wat is er veranderd sinds uw vorige
  // bezoek" comes from the audit log, so it is there only for those with audit.view (the model leaves it
  // out otherwise); the visit is recorded on GET only.
  const { actor, user, workspace } = await requireAbility(context, request, params.slug, 'workspace.view');
  const dashboard = await loadDashboard(context.db, {
    actor,
    userId: user.id,
    workspace,
    recordVisit: request.method === 'GET',
  });
  return {
    slug: workspace.slug,
    kind: workspace.kind,
    ...dashboard,
    changes: dashboard.changes && {
      since: dashboard.changes.since,
      firstVisit: dashboard.changes.firstVisit,
      total: dashboard.changes.total,
      countedUpTo: dashboard.changes.countedUpTo,
      rows: dashboard.changes.rows.map((r) => {
        const summary =
          auditSummary(r.action, r.entityId, r.details, r.subjectName) ||
          (typeof r.details.title === 'string' ? `“${r.details.title.slice(0, 80)}”` : '');
        return {
          id: r.id,
          at: r.at,
          workspaceId: r.workspaceId,
          actor: r.actorName ?? 'Systeem',
          text: summary ? `${auditActionLabel(r.action)}: ${summary}` : auditActionLabel(r.action),
        };
      }),
    },
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Ws = Data['workspaces'][number];

function WorkspaceLink({ w, to, children }: { w: Ws; to: string; children: React.ReactNode }) {
  return w.canView ? (
    <Link to={to} className="utrecht-link">
      {children}
    </Link>
  ) : (
    <>{children}</>
  );
}

function OverdueMark() {
  return <strong className="overdue-mark">Te laat</strong>;
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const { workspaces, kind } = data;
  const byId = new Map(workspaces.map((w) => [w.id, w]));
  const cellOf = (workspaceId: string, number: number) =>
    data.cells.find((c) => c.workspaceId === workspaceId && c.number === number);
  const overdueOf = (workspaceId: string) => data.overdue.filter((a) => a.workspaceId === workspaceId);
  const withOverdue = workspaces.filter((w) => (data.overdueTotals[w.id] ?? 0) > 0);
  return (
    <div className="dashboard">
      <div className="dashboard__intro">
        <h2 className="utrecht-heading-2">Dashboard</h2>
        <p className="utrecht-paragraph muted">
          {kind === 'regio'
            ? 'Waar de regio en de gemeenten staan in de vier stappen, met hun acties.'
            : 'Waar deze gemeente en de regio staan in de vier stappen, met hun acties.'}{' '}
          Stand van {formatDate(data.today)}.
        </p>
        <div className="dashboard__print">
          <PrintButton />
        </div>
      </div>

      <Section id="dashboard-stappen" title="Stappen per werkruimte">
        <TableScroll label="Stappen per werkruimte">
          <table className="utrecht-table dashboard-matrix">
            <caption className="visually-hidden">Stappen per werkruimte: status, eigenaar, streefdatum en checklist</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  Werkruimte
                </th>
                {[1, 2, 3, 4].map((n) => (
                  <th key={n} scope="col" className="utrecht-table__header-cell">
                    {n}. {STEP_NAMES[n]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {workspaces.map((w) => (
                <tr key={w.id} className="utrecht-table__row" data-workspace={w.slug}>
                  <th scope="row" className="utrecht-table__header-cell">
                    <WorkspaceLink w={w} to={`/w/${w.slug}/dashboard`}>
                      {w.title}
                    </WorkspaceLink>
                  </th>
                  {[1, 2, 3, 4].map((n) => {
                    const cell = cellOf(w.id, n);
                    if (!cell) return <td key={n} className="utrecht-table__cell" />;
                    const badge = <StepStatusBadge status={cell.status} />;
                    return (
                      <td key={n} className="utrecht-table__cell dashboard-cell" data-step={n}>
                        {w.canView ? (
                          <Link to={`/w/${w.slug}/stap/${n}`} className="utrecht-link dashboard-cell__link">
                            {badge}
                            <span className="visually-hidden">
                              {' '}
                              stap {n} {STEP_NAMES[n]}, {w.title}
                            </span>
                          </Link>
                        ) : (
                          badge
                        )}
                        <span className="dashboard-cell__line">
                          {cell.ownerName ?? <span className="muted">Geen eigenaar</span>}
                        </span>
                        <span className="dashboard-cell__line">
                          {cell.dueDate ? (
                            <>
                              <span className="print-hidden">Streefdatum </span>
                              {formatDate(cell.dueDate)}
                              {cell.overdue ? (
                                <>
                                  {' '}
                                  <OverdueMark />
                                </>
                              ) : null}
                            </>
                          ) : (
                            <span className="muted">Geen streefdatum</span>
                          )}
                        </span>
                        {cell.checklistTotal > 0 ? (
                          <span className="dashboard-cell__line">
                            Checklist {cell.checklistDone} van {cell.checklistTotal}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <Section id="dashboard-te-laat" title="Acties die te laat zijn">
        {withOverdue.length === 0 ? (
          <p className="utrecht-paragraph">Geen enkele actie is te laat.</p>
        ) : (
          <div className="overdue-grid">
            {withOverdue.map((w) => {
              const total = data.overdueTotals[w.id] ?? 0;
              const shown = overdueOf(w.id);
              return (
                <section key={w.id} className="overdue-block" aria-labelledby={`te-laat-${w.slug}`} data-workspace={w.slug}>
                  <h3 id={`te-laat-${w.slug}`} className="utrecht-heading-3">
                    {w.title} <span className="overdue-block__count">({plural(total, 'actie', 'acties')} te laat)</span>
                  </h3>
                  <ul className="overdue-list">
                    {shown.map((a) => (
                      <li key={a.id}>
                        <span className="overdue-list__title">
                          <WorkspaceLink w={w} to={`/w/${w.slug}/acties/${a.id}`}>
                            {a.title}
                          </WorkspaceLink>
                        </span>{' '}
                        <span className="overdue-list__meta">
                          {a.ownerName ?? 'geen eigenaar'} · <span className="print-hidden">streefdatum </span>
                          {formatDate(a.dueDate)} <OverdueMark />
                        </span>
                      </li>
                    ))}
                  </ul>
                  {total > shown.length ? (
                    <p className="utrecht-paragraph overdue-block__more">
                      <WorkspaceLink w={w} to={`/w/${w.slug}/acties?telaat=1`}>
                        en {total - shown.length} meer
                        <span className="visually-hidden"> te late acties van {w.title}</span>
                      </WorkspaceLink>
                    </p>
                  ) : null}
                </section>
              );
            })}
          </div>
        )}
      </Section>

      <Section id="dashboard-acties" title="Acties per status">
        <figure className="chart-figure dashboard-figure">
          <figcaption>
            <strong>Acties per werkruimte, naar status</strong>
          </figcaption>
          <div className="chart-figure__body">
            <div className="chart-figure__chart">
              <ActionStatusBars rows={workspaces.map((w) => ({ label: w.name, counts: data.actionCounts[w.id]! }))} />
            </div>
            <div className="chart-figure__table">
              <DataTable
                caption="Acties per werkruimte, naar status"
                columns={['Werkruimte', ...ACTION_STATUSES.map((s) => ACTION_STATUS_LABELS[s]), 'Totaal']}
              >
                {workspaces.map((w) => {
                  const counts = data.actionCounts[w.id]!;
                  return (
                    <tr key={w.id} className="utrecht-table__row">
                      <th scope="row" className="utrecht-table__header-cell">
                        <WorkspaceLink w={w} to={`/w/${w.slug}/acties`}>
                          {w.name}
                        </WorkspaceLink>
                      </th>
                      {ACTION_STATUSES.map((s) => (
                        <td key={s} className="utrecht-table__cell number">
                          {counts[s]}
                        </td>
                      ))}
                      <td className="utrecht-table__cell number">{ACTION_STATUSES.reduce((sum, s) => sum + counts[s], 0)}</td>
                    </tr>
                  );
                })}
              </DataTable>
            </div>
          </div>
        </figure>
      </Section>

      <Section id="dashboard-knelpunten" title="Knelpunten zonder actie">
        {data.knelpunten.length === 0 ? (
          <p className="utrecht-paragraph">Voor elk knelpunt dat nog niet is opgelost is een actie vastgelegd.</p>
        ) : (
          <>
            <p className="utrecht-paragraph">
              {plural(data.knelpuntenTotal, 'knelpunt', 'knelpunten')} zonder actie
              {data.knelpuntenTotal > data.knelpunten.length ? `; de eerste ${data.knelpunten.length} staan hieronder` : ''}.
            </p>
            <DataTable caption="Knelpunten zonder actie" columns={['Knelpunt', 'Werkruimte', 'Niveau', 'Status']}>
              {data.knelpunten.map((k) => {
                const w = byId.get(k.workspaceId)!;
                return (
                  <tr key={k.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">
                      <WorkspaceLink w={w} to={`/w/${w.slug}/knelpunten`}>
                        {k.title}
                      </WorkspaceLink>
                    </td>
                    <td className="utrecht-table__cell">{w.title}</td>
                    <td className="utrecht-table__cell">{LEVEL_LABELS[k.level as keyof typeof LEVEL_LABELS] ?? k.level}</td>
                    <td className="utrecht-table__cell">
                      {KNELPUNT_STATUS_LABELS[k.status as keyof typeof KNELPUNT_STATUS_LABELS] ?? k.status}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </>
        )}
      </Section>

      <Section id="dashboard-woondeals" title="Woondeals en hun acties">
        {data.woondeals.length === 0 ? (
          <p className="utrecht-paragraph">De regio heeft nog geen woondeal vastgelegd.</p>
        ) : (
          <WoondealList data={data} byId={byId} />
        )}
      </Section>

      {data.changes ? <Changes changes={data.changes} byId={byId} /> : null}
    </div>
  );
}

function WoondealList({ data, byId }: { data: Data; byId: Map<string, Ws> }) {
  return (
    <div className="woondeal-list">
      {data.woondeals.map((deal) => {
        const total = ACTION_STATUSES.reduce((sum, s) => sum + deal.counts[s], 0);
        return (
          <section key={deal.id} className="woondeal-block" aria-labelledby={`woondeal-${deal.id}`}>
            <h3 id={`woondeal-${deal.id}`} className="utrecht-heading-3">
              {deal.name}
            </h3>
            {total === 0 ? (
              <p className="utrecht-paragraph">Nog geen actie dient deze woondeal.</p>
            ) : (
              <>
                <p className="utrecht-paragraph">
                  {plural(total, 'actie', 'acties')}:{' '}
                  {ACTION_STATUSES.filter((s) => deal.counts[s] > 0)
                    .map((s) => `${deal.counts[s]} ${ACTION_STATUS_LABELS[s].toLowerCase()}`)
                    .join(', ')}
                  .
                </p>
                <ul className="woondeal-actions">
                  {deal.actions.map((a) => {
                    const w = byId.get(a.workspaceId)!;
                    return (
                      <li key={a.id}>
                        <WorkspaceLink w={w} to={`/w/${w.slug}/acties/${a.id}`}>
                          {a.title}
                        </WorkspaceLink>{' '}
                        <span className="muted">
                          ({w.name}, {ACTION_STATUS_LABELS[a.status].toLowerCase()})
                        </span>
                      </li>
                    );
                  })}
                </ul>
                {total > deal.actions.length ? (
                  <p className="utrecht-paragraph muted">en {total - deal.actions.length} meer</p>
                ) : null}
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}

function Changes({ changes, byId }: { changes: NonNullable<Data['changes']>; byId: Map<string, Ws> }) {
  return (
    <Section id="dashboard-wijzigingen" title="Wat is er veranderd sinds uw vorige bezoek">
      <div className="dashboard-changes">
        {changes.firstVisit ? (
          <p className="utrecht-paragraph">
            Dit is uw eerste bezoek aan dit dashboard. Bij een volgend bezoek ziet u hier wat anderen intussen hebben veranderd.
          </p>
        ) : changes.rows.length === 0 ? (
          <p className="utrecht-paragraph">
            Niemand anders heeft iets veranderd sinds uw vorige bezoek ({formatDateTime(changes.since)}).
          </p>
        ) : (
          <>
            <p className="utrecht-paragraph">
              {changes.total > changes.countedUpTo
                ? `Meer dan ${formatCount(changes.countedUpTo)} wijzigingen`
                : plural(changes.total, 'wijziging', 'wijzigingen')}{' '}
              door anderen sinds uw vorige bezoek ({formatDateTime(changes.since)})
              {changes.total > changes.rows.length ? `; de nieuwste ${changes.rows.length} staan hieronder` : ''}.
            </p>
            <ol className="changes-list">
              {changes.rows.map((c) => (
                <li key={c.id}>
                  <span className="muted">
                    {formatDateTime(c.at)} · {byId.get(c.workspaceId)?.title}
                  </span>
                  <br />
                  {c.actor}: {c.text}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </Section>
  );
}
