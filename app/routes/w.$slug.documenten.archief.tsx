import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { DocumentCells } from '../features/documents/document-cells.tsx';
import { Button } from '../components/ui/feedback.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { formatDateTime } from '../lib/time.ts';
import { listDocuments } from '../features/documents/documents.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [{ label: 'Documenten', to: `/w/${params.slug}/documenten` }, { label: 'Archief' }]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, abilities } = await requireAbility(context, request, params.slug, 'workspace.view');
  return {
    slug: workspace.slug,
    canEdit: abilities.includes('document.edit'),
    documents: await listDocuments(context.db, workspace.id, { archived: true }),
  };
}

export default function Archive() {
  const { slug, canEdit, documents } = useLoaderData<typeof loader>();
  return (
    <Section id="archief-titel" title="Archief">
      <p className="utrecht-paragraph muted">
        Gearchiveerde documenten blijven bewaard, met hun versies. Niets wordt verwijderd.
      </p>
      {documents.length === 0 ? (
        <p className="utrecht-paragraph">Het archief is leeg.</p>
      ) : (
        <DataTable
          caption="Gearchiveerde documenten"
          columns={['Titel', 'Stap', 'Gearchiveerd op', ...(canEdit ? ['Terughalen'] : [])]}
        >
          {documents.map((d) => (
            <tr key={d.id} className="utrecht-table__row">
              <DocumentCells slug={slug} document={d} />
              <td className="utrecht-table__cell">{formatDateTime(d.archivedAt)}</td>
              {canEdit ? (
                <td className="utrecht-table__cell">
                  <Form method="post" action={`/w/${slug}/documenten/${d.id}?index`}>
                    <input type="hidden" name="intent" value="unarchive" />
                    <Button variant="secondary">
                      Terughalen<span className="visually-hidden"> {d.title}</span>
                    </Button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
