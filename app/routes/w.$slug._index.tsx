import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { StepStatusBadge } from '../features/steps/step-status.tsx';
import { Alert } from '../components/ui/feedback.tsx';
import { STEP_NAMES } from '../core/labels.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';
import { countDocumentsByStep } from '../features/documents/documents.server.ts';
import { listSteps } from '../features/steps/steps.server.ts';
import { checklistSummary } from '../features/steps/checklists.server.ts';
import { progressText } from '../features/steps/checklist-forms.ts';
import { DataTable } from '../components/ui/layout.tsx';

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, abilities } = await requireAbility(context, request, params.slug, 'workspace.view');
  return {
    slug: workspace.slug,
    canUpdate: abilities.includes('step.update'),
    steps: await listSteps(context.db, workspace.id),
    documentCounts: await countDocumentsByStep(context.db, workspace.id),
    checklists: await checklistSummary(context.db, workspace.id),
  };
}

export default function WorkspaceSteps() {
  const { slug, canUpdate, steps, documentCounts, checklists } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const updated = Number(searchParams.get('bijgewerkt'));
  return (
    <section aria-labelledby="stappen-titel">
      <h2 id="stappen-titel" className="utrecht-heading-2">
        De vier stappen
      </h2>
      {updated >= 1 && updated <= 4 ? <Alert kind="ok">Stap {updated} is bijgewerkt.</Alert> : null}
      <DataTable
        caption="Stappen met status, eigenaar, streefdatum en checklist"
        columns={[
          'Stap',
          'Status',
          'Checklist',
          'Eigenaar',
          'Streefdatum',
          'Toelichting',
          'Documenten',
          ...(canUpdate ? [<span className="visually-hidden">Acties</span>] : []),
        ]}
      >
        {steps.map((step) => (
          <tr key={step.number} className="utrecht-table__row" data-step={step.number}>
            <th scope="row" className="utrecht-table__header-cell">
              <Link to={`/w/${slug}/stap/${step.number}`} className="utrecht-link">
                {step.number}. {STEP_NAMES[step.number]}
              </Link>
            </th>
            <td className="utrecht-table__cell">
              <StepStatusBadge status={step.status} />
            </td>
            <td className="utrecht-table__cell" data-testid={`checklist-${step.number}`}>
              <ChecklistProgress summary={checklists[step.number]} />
            </td>
            <td className="utrecht-table__cell">{step.ownerName ?? <span className="muted">Geen</span>}</td>
            <td className="utrecht-table__cell">
              {step.dueDate ? formatDate(step.dueDate) : <span className="muted">Geen</span>}
            </td>
            <td className="utrecht-table__cell">
              {step.note || <span className="muted">—</span>}
              {step.updatedByName ? (
                <div className="muted">
                  Bijgewerkt door {step.updatedByName} op {formatDateTime(step.updatedAt)}
                </div>
              ) : null}
            </td>
            <td className="utrecht-table__cell">
              <Link to={`/w/${slug}/documenten?stap=${step.number}`} className="utrecht-link">
                {documentCounts[step.number] ?? 0}
                <span className="visually-hidden"> documenten bij stap {step.number}</span>
              </Link>
            </td>
            {canUpdate ? (
              <td className="utrecht-table__cell">
                <Link to={`/w/${slug}/stap/${step.number}/wijzigen`} className="utrecht-link">
                  Wijzig
                  <span className="visually-hidden">
                    {' '}
                    stap {step.number} {STEP_NAMES[step.number]}
                  </span>
                </Link>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function ChecklistProgress({ summary }: { summary: { open: number; total: number } | undefined }) {
  if (!summary || summary.total === 0) return <span className="muted">Geen punten</span>;
  const checked = summary.total - summary.open;
  const text = progressText(checked, summary.total);
  return (
    <span className="checklist-cell">
      <span>{text}</span>
      <progress className="checklist-progress checklist-progress--small" max={summary.total} value={checked} aria-hidden="true">
        {text}
      </progress>
    </span>
  );
}
