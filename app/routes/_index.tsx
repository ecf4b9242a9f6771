import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '../http/guards.server.ts';
import { StepStatusBadge } from '../features/steps/step-status.tsx';
import { ROLE_LABELS, STEP_NAMES } from '../core/labels.ts';
import { loadActor } from '../core/memberships.server.ts';
import { listStepsOf } from '../features/steps/steps.server.ts';
import { listVisibleWorkspaces } from '../core/workspaces.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Werkruimten', to: '/' }));

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const workspaces = await listVisibleWorkspaces(context.db, await loadActor(context.db, user));
  const steps = await listStepsOf(
    context.db,
    workspaces.map((w) => w.id)
  );
  return {
    name: user.name,
    workspaces: workspaces.map((w) => ({
      slug: w.slug,
      name: w.name,
      kind: w.kind,
      cbsCode: w.cbs_code,
      role: w.role,
      steps: steps.filter((s) => s.workspaceId === w.id).map((s) => ({ number: s.number, status: s.status })),
    })),
  };
}

export default function Home() {
  const { name, workspaces } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="utrecht-heading-1">Werkruimten</h1>
      <p className="utrecht-paragraph">Welkom, {name}. Dit zijn de werkruimten waar u toegang toe heeft.</p>
      {workspaces.length === 0 ? (
        <p className="utrecht-paragraph">
          U heeft nog geen toegang tot een werkruimte. Vraag de projectleider om een uitnodiging.
        </p>
      ) : (
        <ul className="workspace-list" aria-label="Werkruimten">
          {workspaces.map((w) => (
            <li key={w.slug} className={`workspace-card workspace-card--${w.kind}`}>
              <h2 className="utrecht-heading-3">
                <Link to={`/w/${w.slug}`} className="utrecht-link">
                  {w.kind === 'gemeente' ? `Gemeente ${w.name}` : w.name}
                </Link>
              </h2>
              <p className="utrecht-paragraph muted">
                {w.role ? `Uw rol: ${ROLE_LABELS[w.role].toLowerCase()}` : 'Toegang als beheerder'}
                {w.cbsCode ? ` · CBS-code ${w.cbsCode}` : ''}
              </p>
              <ul className="step-dots" aria-label="Voortgang van de stappen">
                {w.steps.map((s) => (
                  <li key={s.number}>
                    {s.number}. {STEP_NAMES[s.number]} <StepStatusBadge status={s.status} />
                  </li>
                ))}
              </ul>
              <p className="utrecht-paragraph">
                <Link to={`/w/${w.slug}/dashboard`} className="utrecht-link">
                  Dashboard<span className="visually-hidden"> van {w.kind === 'gemeente' ? `gemeente ${w.name}` : w.name}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
