import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import utrechtCss from '@utrecht/component-library-css/dist/index.css?url';
import tokensCss from '@utrecht/design-tokens/dist/theme.css?url';
import actionsCss from './styles/actions.css?url';
import appCss from './styles/app.css?url';
import chartsCss from './styles/charts.css?url';
import editorCss from './styles/editor.css?url';
import formsCss from './styles/forms.css?url';
import { useNonce } from './components/nonce.tsx';
import { Breadcrumb, pageTitle } from './components/ui/breadcrumb.tsx';
import { allowed } from './auth/policies/index.ts';
import { countUnread } from './core/notifications.server.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tokensCss },
  { rel: 'stylesheet', href: utrechtCss },
  { rel: 'stylesheet', href: appCss },
  { rel: 'stylesheet', href: chartsCss },
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: formsCss },
  { rel: 'stylesheet', href: actionsCss },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** The workspace one is in, if any: named in the header and in the page title. */
function workspaceOf(matches: Array<{ id: string; data?: unknown }>): { title: string; slug: string } | undefined {
  const data = matches.find((m) => m.id === 'routes/w.$slug')?.data as
    { workspace?: { title: string; slug: string } } | undefined;
  return data?.workspace;
}

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.user;
  if (!user) return { user: null };
  return {
    user: {
      name: user.name,
      email: user.email,
      canAdminister: allowed(user, 'admin.view', {}),
      unread: await countUnread(context.db, user),
    },
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>('root');
  const user = data?.user ?? null;
  const matches = useMatches();
  const workspace = workspaceOf(matches);
  // The title is made here, not in a meta export: a parent's meta function sees only the matches above it.
  const error = useRouteError();
  const title = error ? `${errorText(error).title} – Thuisplan` : pageTitle(matches, workspace?.title);
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <Meta />
        <Links />
      </head>
      <body className="utrecht-theme thuisplan-theme">
        <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          Direct naar de inhoud
        </a>
        <header className="site-header">
          <div className="site-header__content">
            <p className="site-header__where">
              <Link to="/" className="site-logo">
                Thuisplan
              </Link>
              {workspace ? (
                <>
                  <span className="visually-hidden">, werkruimte </span>
                  <Link to={`/w/${workspace.slug}`} className="site-header__workspace">
                    {workspace.title}
                  </Link>
                </>
              ) : null}
            </p>
            {user ? (
              <nav aria-label="Hoofdmenu" className="site-nav">
                <ul className="site-nav__list">
                  <li>
                    <NavLink to="/" end className="site-nav__link">
                      Werkruimten
                    </NavLink>
                  </li>
                  {user.canAdminister ? (
                    <li>
                      <NavLink to="/beheer" className="site-nav__link">
                        Beheer
                      </NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/meldingen" className="site-nav__link">
                      Meldingen
                      {user.unread > 0 ? (
                        <span className="site-nav__count">
                          {' '}
                          {user.unread}
                          <span className="visually-hidden"> ongelezen</span>
                        </span>
                      ) : null}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/account" className="site-nav__link">
                      Mijn account <span className="visually-hidden">({user.name})</span>
                    </NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/uitloggen">
                      <button type="submit" className="utrecht-button utrecht-button--subtle site-nav__button">
                        Uitloggen
                      </button>
                    </Form>
                  </li>
                </ul>
              </nav>
            ) : null}
          </div>
        </header>
        <main id="inhoud" className="site-main" tabIndex={-1}>
          {user ? <Breadcrumb /> : null}
          {children}
        </main>
        <footer className="site-footer">
          <div className="site-footer__content">
            <p>
              Thuisplan — samen werken aan de woonzorgvisie ·{' '}
              <Link to="/toegankelijkheid" className="site-footer__link">
                Toegankelijkheid
              </Link>
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

/** What an error page says: its title (also the page's title) and what to do. */
function errorText(error: unknown): { title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404)
      return { title: 'Pagina niet gevonden', message: 'Deze pagina bestaat niet, of u heeft er geen toegang toe.' };
    if (error.status === 403) return { title: 'Geen toegang', message: 'U heeft niet de rechten om dit te doen of te bekijken.' };
    if (error.status === 400)
      return {
        title: 'Ongeldig verzoek',
        message: typeof error.data === 'string' && error.data ? error.data : 'Het verzoek kon niet worden verwerkt.',
      };
  }
  return {
    title: 'Er ging iets mis',
    message: 'Probeer het later opnieuw. Blijft het misgaan, neem dan contact op met de beheerder.',
  };
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) console.error(error);
  const { title, message } = errorText(error);
  return (
    <div className="page-narrow">
      <h1 className="utrecht-heading-1">{title}</h1>
      <p className="utrecht-paragraph">{message}</p>
      <p className="utrecht-paragraph">
        <Link to="/" className="utrecht-link">
          Naar het overzicht van werkruimten
        </Link>
      </p>
    </div>
  );
}
