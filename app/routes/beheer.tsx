import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet } from '@remix-run/react';
import { requireAdmin } from '../http/guards.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => [
  { label: 'Werkruimten', to: '/' },
  { label: 'Beheer', to: '/beheer' },
]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return null;
}

export default function AdminLayout() {
  return (
    <>
      <h1 className="utrecht-heading-1">Beheer</h1>
      <nav aria-label="Beheer">
        <ul className="tabs">
          <li>
            <NavLink to="/beheer/gebruikers">Gebruikers</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/organisaties">Organisaties</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/aandachtsgroepen">Aandachtsgroepen</NavLink>
          </li>
        </ul>
      </nav>
      <p className="utrecht-paragraph muted">
        Lidmaatschappen beheert u per werkruimte, op de pagina Leden; als beheerder kunt u dat in elke werkruimte.
      </p>
      <Outlet />
    </>
  );
}
