// The besluitenlijst of a meeting as a Word document, for everyone who may see the meeting.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireMeeting } from '../http/meeting-guard.server.ts';
import { besluitenlijstDocx, besluitenlijstFileName } from '../features/meetings/besluitenlijst.server.ts';

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { meeting, workspace } = await requireMeeting(context, request, params);
  const workspaceTitle = workspace.kind === 'gemeente' ? `Gemeente ${workspace.name}` : workspace.name;
  const body = await besluitenlijstDocx(meeting, workspaceTitle);
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="${besluitenlijstFileName(meeting)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
