import type { StepStatus } from '../../../db/schema.ts';
import { STATUS_LABELS } from '../../core/labels.ts';

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return <span className={`status status--${status}`}>{STATUS_LABELS[status]}</span>;
}
