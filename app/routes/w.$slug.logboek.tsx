import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { auditActionLabel, auditSummary } from '../core/audit-labels.ts';
import { formatDateTime } from '../lib/time.ts';
import { AUDIT_PAGE_SIZE, listAudit } from '../core/audit.server.ts';
import { DataTable } from '../components/ui/layout.tsx';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Logboek' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireAbility(context, request, params.slug, 'audit.view');
  const before = Number(new URL(request.url).searchParams.get('voor')) || undefined;
  const rows = await listAudit(context.db, workspace.id, { before });
  return {
    slug: workspace.slug,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actorName ?? 'Systeem',
      action: auditActionLabel(r.action),
      summary: auditSummary(r.action, r.entityId, r.details, r.subjectName),
    })),
    older: rows.length === AUDIT_PAGE_SIZE ? rows[rows.length - 1].id : null,
  };
}

export default function AuditLog() {
  const { slug, entries, older } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="logboek-titel">
      <h2 id="logboek-titel" className="utrecht-heading-2">
        Logboek
      </h2>
      <p className="utrecht-paragraph muted">
        Elke wijziging in deze werkruimte: wie, wat en wanneer. Het logboek kan niet worden aangepast.
      </p>
      {entries.length === 0 ? (
        <p className="utrecht-paragraph">Er is nog niets gewijzigd.</p>
      ) : (
        <DataTable caption="Logboek" columns={['Wanneer', 'Wie', 'Wat', 'Details']}>
          {entries.map((e) => (
            <tr key={e.id} className="utrecht-table__row">
              <td className="utrecht-table__cell">{formatDateTime(e.at)}</td>
              <td className="utrecht-table__cell">{e.actor}</td>
              <td className="utrecht-table__cell">{e.action}</td>
              <td className="utrecht-table__cell">{e.summary}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {older ? (
        <p className="utrecht-paragraph">
          <Link to={`/w/${slug}/logboek?voor=${older}`} className="utrecht-link">
            Oudere wijzigingen
          </Link>
        </p>
      ) : null}
    </section>
  );
}
