import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { ROLE_LABELS } from '../core/labels.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs<typeof loader>(({ data }) => [{ label: 'Werkruimten', to: '/' }, { label: data.workspace.title }]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, role, abilities } = await requireAbility(context, request, params.slug, 'workspace.view');
  return {
    workspace: {
      slug: workspace.slug,
      name: workspace.name,
      title: workspace.kind === 'gemeente' ? `Gemeente ${workspace.name}` : workspace.name,
      kind: workspace.kind,
      cbsCode: workspace.cbs_code,
    },
    role,
    abilities,
  };
}

export default function WorkspaceLayout() {
  const { workspace, role, abilities } = useLoaderData<typeof loader>();
  const base = `/w/${workspace.slug}`;
  return (
    <>
      <p className="utrecht-paragraph muted">
        {workspace.kind === 'regio' ? 'Regionale werkruimte' : 'Werkruimte van de gemeente'}
        {workspace.cbsCode ? ` · CBS-code ${workspace.cbsCode}` : ''} ·{' '}
        {role ? `uw rol: ${ROLE_LABELS[role].toLowerCase()}` : 'toegang als beheerder'}
      </p>
      <h1 className="utrecht-heading-1">{workspace.title}</h1>
      <nav aria-label="Werkruimte">
        <ul className="tabs">
          <li>
            <NavLink to={base} end>
              Stappen
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/dashboard`}>Dashboard</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/analyse`}>Analyse</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/knelpunten`}>Knelpunten</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/documenten`}>Documenten</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/acties`}>Acties</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/overleggen`}>Overleggen</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/woondeals`}>Woondeals</NavLink>
          </li>
          {abilities.includes('comment.process') ? (
            <li>
              <NavLink to={`${base}/reviewrondes`}>Reviewrondes</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`${base}/leden`}>Leden</NavLink>
          </li>
          {abilities.includes('audit.view') ? (
            <li>
              <NavLink to={`${base}/logboek`}>Logboek</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
