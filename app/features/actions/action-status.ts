// Which status an action may move to from where it is: along the flow one column at a time (forward, or
// back to correct a mistake), to "vervallen" while not done, and from "vervallen" back to "voorstel".
// Pure: the form, the board and the server all ask here.
import type { ActionStatus } from '../../../db/schema.ts';
import { ACTION_STATUS_LABELS } from '../../core/labels.ts';
import { isPastDue } from '../../lib/time.ts';

const FLOW: readonly ActionStatus[] = ['voorstel', 'besloten', 'in_uitvoering', 'gereed'];

export function allowedNextStatuses(from: ActionStatus): ActionStatus[] {
  if (from === 'vervallen') return ['voorstel'];
  const index = FLOW.indexOf(from);
  const neighbours = [FLOW[index - 1], FLOW[index + 1]].filter((s): s is ActionStatus => s !== undefined);
  return from === 'gereed' ? neighbours : [...neighbours, 'vervallen'];
}

export function canMoveStatus(from: ActionStatus, to: ActionStatus): boolean {
  return from === to || allowedNextStatuses(from).includes(to);
}

/** The Dutch reason a jump is refused, for the field's message. */
export function statusJumpMessage(from: ActionStatus, to: ActionStatus): string {
  const options = allowedNextStatuses(from).map((s) => `“${ACTION_STATUS_LABELS[s]}”`);
  return `Van “${ACTION_STATUS_LABELS[from]}” kan een actie alleen naar ${options.join(' of ')}, niet naar “${ACTION_STATUS_LABELS[to]}”.`;
}

/** Still to be done: counts for "te laat" when its due date has passed. */
export function isOpenStatus(status: ActionStatus): boolean {
  return status !== 'gereed' && status !== 'vervallen';
}

export function isActionOverdue(action: { status: ActionStatus; dueDate: string | null }, now = new Date()): boolean {
  return isOpenStatus(action.status) && isPastDue(action.dueDate, now);
}
