import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { allowed } from '../auth/policies/index.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { Field, labelledOptions, PlainCheckbox, PlainSelect } from '../components/ui/fields.tsx';
import { DataTable } from '../components/ui/layout.tsx';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, PRIORITY_LABELS } from '../core/labels.ts';
import { listTargetGroups } from '../features/analysis/indicators.server.ts';
import {
  ACTION_LEVEL_LABELS,
  filterQuery,
  LEVELS,
  onlyOverdue,
  parseActionFilter,
  SORT_LABELS,
  SORTS,
  sortActions,
} from '../features/actions/action-forms.ts';
import { isActionOverdue } from '../features/actions/action-status.ts';
import { actionScope, listActionOwners, listActions } from '../features/actions/actions.server.ts';
import { OverdueMark, ProgressFigure } from '../features/actions/action-parts.tsx';
import { formatDate, formatDateTime } from '../lib/time.ts';
import { plural } from '../lib/plural.ts';

export const handle = crumbs(() => ({ label: 'Acties' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  const filter = parseActionFilter(new URL(request.url).searchParams);
  const scope = await actionScope(context.db, workspace);
  const [found, owners, groups] = await Promise.all([
    listActions(context.db, scope, filter),
    listActionOwners(context.db, scope),
    listTargetGroups(context.db),
  ]);
  const now = new Date();
  const actions = sortActions(onlyOverdue(found, filter.overdue, now), filter.sort).map((a) => ({
    id: a.id,
    title: a.title,
    workspaceName: a.workspaceName,
    status: a.status,
    level: a.level,
    priority: a.priority,
    progress: a.progress,
    dueDate: a.dueDate,
    overdue: isActionOverdue(a, now),
    ownerUserName: a.ownerUserName,
    ownerOrganisationName: a.ownerOrganisationName,
    targetGroupName: a.targetGroupName,
    updatedAt: a.updatedAt,
    // Each action is changed in its own workspace only (a region shows its gemeenten' too).
    canEdit: allowed(actor, 'action.edit', { workspace: ref, action: a }),
  }));
  return {
    slug: workspace.slug,
    isRegion: workspace.kind === 'regio',
    filter,
    query: filterQuery(filter),
    actions,
    owners,
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    canCreate: allowed(actor, 'action.create', { workspace: ref }),
  };
}

export default function Actions() {
  const { slug, isRegion, filter, query, actions, owners, groups, canCreate } = useLoaderData<typeof loader>();
  const suffix = query ? `?${query}` : '';
  // The filters' names are the address query's (parseActionFilter), and double as the fields' ids.
  const selects = [
    {
      name: 'status',
      label: 'Status',
      value: filter.status,
      placeholder: 'Alle statussen',
      options: labelledOptions(ACTION_STATUSES, ACTION_STATUS_LABELS),
    },
    {
      name: 'niveau',
      label: 'Niveau',
      value: filter.level,
      placeholder: 'Regionaal en lokaal',
      options: labelledOptions(LEVELS, ACTION_LEVEL_LABELS),
    },
    { name: 'groep', label: 'Aandachtsgroep', value: filter.targetGroupId, placeholder: 'Alle groepen', options: groups },
    { name: 'eigenaar', label: 'Eigenaar', value: filter.ownerUserId, placeholder: 'Iedereen', options: owners },
    { name: 'sorteer', label: 'Sorteer op', value: filter.sort, options: labelledOptions(SORTS, SORT_LABELS) },
  ];
  return (
    <>
      <h2 className="utrecht-heading-2">Acties</h2>
      <p className="utrecht-paragraph">
        De geadviseerde acties van stap 3: wie wat doet, voor welk knelpunt en wanneer.
        {isRegion ? ' Hier staan de acties van de regio en van alle gemeenten; een gemeente wijzigt haar eigen acties.' : ''}
      </p>
      <p className="row-actions">
        {canCreate ? (
          <Link to={`/w/${slug}/acties/nieuw`} className="utrecht-button utrecht-button--primary-action">
            Nieuwe actie
          </Link>
        ) : null}
        <Link to={`/w/${slug}/acties/bord`} className="utrecht-link">
          Bekijk als bord
        </Link>
        <span>
          Download deze lijst als{' '}
          <a href={`/w/${slug}/acties.csv${suffix}`} className="utrecht-link">
            CSV
          </a>{' '}
          of{' '}
          <a href={`/w/${slug}/acties.xlsx${suffix}`} className="utrecht-link">
            Excel
          </a>
        </span>
      </p>

      <Form method="get" className="filters" aria-label="Filters en sortering">
        <Field id="zoek" label="Zoek in titel en beschrijving">
          {(control) => (
            <input
              {...control}
              type="search"
              name="zoek"
              defaultValue={filter.q}
              className="utrecht-textbox utrecht-textbox--html-input"
            />
          )}
        </Field>
        {selects.map(({ name, value, ...select }) => (
          <PlainSelect key={name} id={name} name={name} defaultValue={value ?? ''} {...select} />
        ))}
        <PlainCheckbox id="telaat" name="telaat" value="ja" defaultChecked={filter.overdue} label="Alleen te laat" />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Toon
        </button>
      </Form>

      <p className="utrecht-paragraph" role="status">
        {plural(actions.length, 'actie', 'acties')} gevonden.
      </p>
      {actions.length > 0 ? (
        <DataTable
          caption="Acties"
          columns={[
            'Titel',
            ...(isRegion ? ['Werkruimte'] : []),
            'Status',
            'Voortgang',
            'Streefdatum',
            'Prioriteit',
            'Eigenaar',
            'Aandachtsgroep',
            'Laatst gewijzigd',
          ]}
        >
          {actions.map((a) => (
            <tr key={a.id} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                <Link to={`/w/${slug}/acties/${a.id}`} className="utrecht-link">
                  {a.title}
                </Link>
                {!a.canEdit && isRegion ? <span className="visually-hidden"> (alleen inzien)</span> : null}
              </td>
              {isRegion ? <td className="utrecht-table__cell">{a.workspaceName}</td> : null}
              <td className="utrecht-table__cell">{ACTION_STATUS_LABELS[a.status]}</td>
              <td className="utrecht-table__cell">
                <ProgressFigure value={a.progress} label={`Voortgang van ${a.title}`} />
              </td>
              <td className="utrecht-table__cell">
                {a.dueDate ? formatDate(a.dueDate) : <span className="muted">geen</span>}
                {a.overdue ? (
                  <>
                    {' '}
                    <OverdueMark />
                  </>
                ) : null}
              </td>
              <td className="utrecht-table__cell">{PRIORITY_LABELS[a.priority]}</td>
              <td className="utrecht-table__cell">
                {[a.ownerUserName, a.ownerOrganisationName].filter(Boolean).join(', ') || <span className="muted">niemand</span>}
              </td>
              <td className="utrecht-table__cell">{a.targetGroupName ?? ''}</td>
              <td className="utrecht-table__cell">{formatDateTime(a.updatedAt)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="utrecht-paragraph">
          {query ? 'Geen acties die aan deze filters voldoen.' : 'Er zijn nog geen acties vastgelegd.'}
        </p>
      )}
    </>
  );
}
