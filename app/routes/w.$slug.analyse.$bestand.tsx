// The monitor as a download: /analyse/monitor.csv or /analyse/monitor.xlsx, with the page's filters.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound, requireAbility } from '../http/guards.server.ts';
import { monitorCsv, monitorXlsx } from '../features/analysis/monitor-files.server.ts';
import { loadMonitor } from '../features/analysis/monitor.server.ts';

const TYPES: Record<string, string> = {
  'monitor.csv': 'text/csv; charset=utf-8',
  'monitor.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireAbility(context, request, params.slug, 'workspace.view');
  const type = TYPES[params.bestand ?? ''];
  if (!type) throw notFound();
  const url = new URL(request.url);
  // Every export is protected: nobody's own gemeente is shown exactly in a file.
  const monitor = await loadMonitor(
    context.db,
    workspace,
    { groupId: url.searchParams.get('groep'), period: url.searchParams.get('periode') },
    new Set(),
    'all'
  );
  const body = params.bestand === 'monitor.csv' ? monitorCsv(monitor) : await monitorXlsx(monitor);
  return new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="monitor-${workspace.slug}.${params.bestand!.split('.')[1]}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
