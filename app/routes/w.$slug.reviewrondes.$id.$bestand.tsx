// The reactienota of a round as a download: /reactienota.docx or /reactienota.csv.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound, requireRound } from '../http/guards.server.ts';
import { exportFileName, reactienotaCsv, reactienotaDocx, type Reactienota } from '../features/comments/reactienota.server.ts';
import { roundComments } from '../features/review-rounds/review-rounds.server.ts';

const FORMATS: Record<string, { type: string; render(nota: Reactienota): Promise<Blob> | string }> = {
  'reactienota.docx': {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: async (nota) => new Blob([new Uint8Array(await reactienotaDocx(nota))]),
  },
  'reactienota.csv': { type: 'text/csv; charset=utf-8', render: reactienotaCsv },
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { round, workspace } = await requireRound(context, request, params, 'comment.process');
  const format = FORMATS[params.bestand ?? ''];
  if (!format) throw notFound();
  const nota = { workspaceName: workspace.name, round, comments: await roundComments(context.db, round.id) };
  return new Response(await format.render(nota), {
    headers: {
      'Content-Type': format.type,
      'Content-Disposition': `attachment; filename="${exportFileName(round.title, params.bestand!.split('.').pop()!)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
