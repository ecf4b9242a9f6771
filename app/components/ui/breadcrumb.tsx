import type { SerializeFrom } from '@remix-run/node';
import { Link, useMatches, type Params } from '@remix-run/react';

// Where one is, said once per route: its `handle` names the page (and the pages between it and its parent
// route). The breadcrumb under the header and the document title are both made from it.

export interface Crumb {
  label: string;
  /** Where the crumb links; the route's own path when left out. */
  to?: string;
}

interface CrumbArgs<Data> {
  data: Data;
  params: Params;
}

export interface CrumbHandle {
  crumbs: (args: CrumbArgs<unknown>) => Crumb | Crumb[];
}

/** A route's handle: its crumbs, from its own loader data (typed) and params. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function crumbs<Loader extends (...args: any[]) => unknown = () => null>(
  make: (args: CrumbArgs<SerializeFrom<Loader>>) => Crumb | Crumb[]
): CrumbHandle {
  return { crumbs: make as CrumbHandle['crumbs'] };
}

interface MatchLike {
  pathname: string;
  params: Params;
  data?: unknown;
  handle?: unknown;
}

/** The trail for these route matches; a route whose data is missing (an error page) adds nothing. */
export function trail(matches: MatchLike[]): Array<Required<Crumb>> {
  const result: Array<Required<Crumb>> = [];
  for (const match of matches) {
    const handle = match.handle as Partial<CrumbHandle> | undefined;
    if (!handle?.crumbs || match.data === undefined) continue;
    const made = handle.crumbs({ data: match.data, params: match.params });
    const list = Array.isArray(made) ? made : [made];
    for (const crumb of list) result.push({ label: crumb.label, to: crumb.to ?? match.pathname });
  }
  return result;
}

/** "Versies – Woonzorgvisie – Thuisplan": the page first, then what it belongs to (WCAG 2.4.2). */
export function pageTitle(matches: MatchLike[], workspaceTitle?: string): string {
  const crumbsHere = trail(matches);
  const page = crumbsHere.at(-1)?.label;
  const parts = [page, workspaceTitle && workspaceTitle !== page ? workspaceTitle : undefined, 'Thuisplan'];
  return parts.filter(Boolean).join(' – ');
}

/** The NL Design System breadcrumb; shown from the second level down (on the start page it would only repeat it). */
export function Breadcrumb() {
  const items = trail(useMatches() as MatchLike[]);
  if (items.length < 2) return null;
  return (
    <nav aria-label="Kruimelpad" className="utrecht-breadcrumb-nav breadcrumb">
      <ol className="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">
        {items.map((item, i) => {
          const current = i === items.length - 1;
          return (
            <li key={`${item.to}-${i}`} className="utrecht-breadcrumb-nav__item">
              {current ? (
                <span className="utrecht-breadcrumb-nav__link utrecht-breadcrumb-nav__link--current" aria-current="page">
                  {item.label}
                </span>
              ) : (
                <Link
                  to={item.to}
                  className={`utrecht-breadcrumb-nav__link${i === 0 ? ' utrecht-breadcrumb-nav__link--first' : ''}`}
                >
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
