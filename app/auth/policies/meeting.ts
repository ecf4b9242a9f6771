// Meetings and their besluitenlijst: the projectleider's. Once the minutes are vastgesteld (in a later
// meeting) the meeting and its decisions are read-only; only making an action from a decision remains.
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, refuse, type PolicyActor, type Refusal } from './types.ts';

export interface MeetingRecord {
  workspace: WorkspaceRef;
  /** undefined when the id named none. */
  meeting: { workspaceId: string; date: string; adoptedAt: string | null } | undefined;
}

export const MINUTES_ADOPTED = 'Het verslag van dit overleg is vastgesteld en kan niet meer worden gewijzigd.';
export const ADOPT_IN_LATER = 'Een verslag wordt vastgesteld in een later overleg van deze werkruimte.';

function view(actor: PolicyActor, { workspace, meeting }: MeetingRecord): Refusal | null {
  return needs(actor, workspace, 'workspace.view') ?? ownedBy(meeting, workspace);
}

function change(actor: PolicyActor, record: MeetingRecord): Refusal | null {
  return (
    view(actor, record) ??
    needs(actor, record.workspace, 'meeting.manage') ??
    (record.meeting?.adoptedAt ? refuse(409, MINUTES_ADOPTED) : null)
  );
}

export const meetingPolicy = {
  'meeting.view': view,
  'meeting.create': (actor: PolicyActor, { workspace }: { workspace: WorkspaceRef }): Refusal | null =>
    needs(actor, workspace, 'meeting.manage'),
  /** Its details, participants, minutes and besluitenlijst. */
  'meeting.change': change,
  /** Mark the minutes of `meeting` vastgesteld in the later meeting `in`. */
  'meeting.adopt': (
    actor: PolicyActor,
    record: MeetingRecord & { in: { workspaceId: string; date: string } | undefined }
  ): Refusal | null =>
    change(actor, record) ??
    ownedBy(record.in, record.workspace) ??
    (record.in!.date > record.meeting!.date ? null : refuse(409, ADOPT_IN_LATER)),
  /** Make an action from a decision: also once the minutes are vastgesteld (the decision stands). */
  'meeting.decisionToAction': (actor: PolicyActor, record: MeetingRecord): Refusal | null =>
    view(actor, record) ?? needs(actor, record.workspace, 'action.edit'),
};
