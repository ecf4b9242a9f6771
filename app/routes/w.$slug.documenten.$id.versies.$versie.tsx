import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { notFound, requireDocument } from '../http/guards.server.ts';
import { allowed, authorize } from '../auth/policies/index.ts';
import { RichTextView } from '../features/documents/rich-text-view.tsx';
import { Button } from '../components/ui/feedback.tsx';
import { readState, replaceFragment } from '../features/documents/rich-text.ts';
import { formatDateTime } from '../lib/time.ts';
import { writeAudit } from '../core/audit.server.ts';
import { getVersion } from '../features/documents/documents.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Documenten', to: `/w/${params.slug}/documenten` },
  { label: data.title, to: data.base },
  { label: 'Versies', to: `${data.base}/versies` },
  { label: data.version.name },
]);

async function loadVersion(args: LoaderFunctionArgs, ability: 'workspace.view' | 'document.edit') {
  const access = await requireDocument(args.context, args.request, args.params, ability);
  const version = args.params.versie ? await getVersion(args.context.db, access.document.id, args.params.versie) : undefined;
  if (!version) throw notFound();
  return { ...access, version };
}

export async function loader(args: LoaderFunctionArgs) {
  const { document, version, workspace, actor, ref } = await loadVersion(args, 'workspace.view');
  return {
    base: `/w/${workspace.slug}/documenten/${document.id}`,
    title: document.title,
    canRestore: allowed(actor, 'document.restore-version', { workspace: ref, document }),
    version: { id: version.id, name: version.name, createdAt: version.createdAt, createdByName: version.createdByName },
    content: readState(version.state),
  };
}

/** Restoring writes the old text as a new change: open editors see it at once, and history keeps everything. */
export async function action(args: ActionFunctionArgs) {
  const { document, version, user, workspace, actor, ref } = await loadVersion(args, 'document.edit');
  authorize(actor, 'document.restore-version', { workspace: ref, document });
  const content = readState(version.state);
  await args.context.collab.changeDocument(document.id, (doc) => replaceFragment(doc, content));
  await writeAudit(args.context.db, {
    actorId: user.id,
    workspaceId: workspace.id,
    action: 'version.restore',
    entityType: 'document',
    entityId: document.id,
    details: { versionId: version.id, name: version.name },
  });
  return redirect(`/w/${workspace.slug}/documenten/${document.id}`);
}

export default function VersionPage() {
  const { base, title, version, content, canRestore } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="utrecht-paragraph">
        <Link to={`${base}/versies`} className="utrecht-link">
          Alle versies van {title}
        </Link>
      </p>
      <h2 className="utrecht-heading-2">Versie “{version.name}”</h2>
      <p className="utrecht-paragraph muted">
        Vastgelegd op {formatDateTime(version.createdAt)}
        {version.createdByName ? ` door ${version.createdByName}` : ''}. Alleen lezen.
      </p>
      {canRestore ? (
        <Form method="post">
          <Button variant="secondary">Deze versie terugzetten</Button>
          <p className="utrecht-paragraph muted">
            De huidige tekst wordt vervangen; die blijft terug te vinden in de versies en het logboek.
          </p>
        </Form>
      ) : null}
      <article className="version-view" aria-label={`Tekst van versie ${version.name}`}>
        <RichTextView content={content} />
      </article>
    </>
  );
}
