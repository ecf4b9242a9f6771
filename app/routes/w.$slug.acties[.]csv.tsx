// The action list as a download, with the list's filters: /w/:slug/acties.csv?status=…
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireAbility } from '../http/guards.server.ts';
import { actionsFile } from '../features/actions/action-files.server.ts';

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireAbility(context, request, params.slug, 'workspace.view');
  const file = await actionsFile(context.db, workspace, new URL(request.url).searchParams, 'csv');
  return new Response(file.body, {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
