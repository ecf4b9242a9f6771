// Moving a card on the action board by keyboard: Alt+→ and Alt+← take it to the nearest column in that
// direction it may move to (action-status.ts decides which). Pure.
import type { ActionStatus } from '../../../db/schema.ts';
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../../core/labels.ts';
import { allowedNextStatuses } from './action-status.ts';

export type Direction = 'left' | 'right';

/** The nearest allowed column left or right of the card's, or null when there is none that way. */
export function boardTarget(from: ActionStatus, direction: Direction): ActionStatus | null {
  const allowed = allowedNextStatuses(from);
  const index = ACTION_STATUSES.indexOf(from);
  const step = direction === 'right' ? 1 : -1;
  for (let i = index + step; i >= 0 && i < ACTION_STATUSES.length; i += step) {
    if (allowed.includes(ACTION_STATUSES[i]!)) return ACTION_STATUSES[i]!;
  }
  return null;
}

/** What the board says when a card cannot go further that way. */
export function noMoveMessage(title: string, from: ActionStatus, direction: Direction): string {
  const options = allowedNextStatuses(from).map((s) => ACTION_STATUS_LABELS[s]);
  return `Actie ${title} kan niet verder naar ${direction === 'right' ? 'rechts' : 'links'}. Vanuit ${ACTION_STATUS_LABELS[from]} kan zij alleen naar ${options.join(' of ')}.`;
}

export function movedMessage(title: string, to: ActionStatus): string {
  return `Actie ${title} verplaatst naar ${ACTION_STATUS_LABELS[to]}.`;
}
