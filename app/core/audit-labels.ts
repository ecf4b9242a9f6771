import { ACTION_STATUS_LABELS, DECISION_LABELS, ROLE_LABELS, STATUS_LABELS, STEP_NAMES } from './labels.ts';
import { formatDate } from '../lib/time.ts';
import type { ActionStatus, CommentDecision, Role, StepStatus } from '../../db/schema.ts';
import { plural } from '../lib/plural.ts';

type Details = Record<string, unknown>;
type Change = { from: unknown; to: unknown };

const ACTION_LABELS: Record<string, string> = {
  'step.update': 'Stap gewijzigd',
  'membership.add': 'Lid toegevoegd',
  'membership.role': 'Rol gewijzigd',
  'membership.remove': 'Lid verwijderd',
  'invitation.create': 'Uitnodiging gemaakt',
  'invitation.revoke': 'Uitnodiging ingetrokken',
  'invitation.accept': 'Uitnodiging geaccepteerd',
  'document.create': 'Document gemaakt',
  'document.update': 'Documentgegevens gewijzigd',
  'document.archive': 'Document gearchiveerd',
  'document.unarchive': 'Document teruggehaald',
  'version.create': 'Versie vastgelegd',
  'version.restore': 'Versie teruggezet',
  'comment.create': 'Opmerking geplaatst',
  'comment.reply': 'Gereageerd op opmerking',
  'comment.edit': 'Opmerking bewerkt',
  'comment.delete': 'Opmerking verwijderd door schrijver',
  'comment.hide': 'Opmerking verborgen',
  'comment.resolve': 'Opmerking afgehandeld',
  'comment.reopen': 'Opmerking heropend',
  'comment.decide': 'Verwerking van reactie vastgelegd',
  'review.open': 'Reviewronde geopend',
  'review.close': 'Reviewronde gesloten',
  'review.remind': 'Herinnering reviewronde verstuurd',
  'import.apply': 'Cijfers geïmporteerd',
  'import.preview': 'Import voorbereid (voorbeeld bekeken)',
  'import.discard': 'Import verworpen',
  'refresh.start': 'Actualiseren gestart (CBS opnieuw gevraagd)',
  'refresh.apply': 'Actualisering bevestigd',
  'refresh.discard': 'Actualisering verworpen',
  'knelpunt.create': 'Knelpunt vastgelegd',
  'knelpunt.update': 'Knelpunt gewijzigd',
  'target_group.create': 'Aandachtsgroep toegevoegd',
  'indicator.create': 'Indicator toegevoegd',
  'indicator.threshold': 'Drempel voor afscherming gewijzigd',
  'indicator.source': 'Bron in de monitor gekozen',
  'action.create': 'Actie vastgelegd',
  'action.update': 'Actie gewijzigd',
  'action.status': 'Status van actie gewijzigd',
  'action.progress': 'Voortgangsbericht bij actie',
  'checklist.add': 'Punt aan checklist toegevoegd',
  'checklist.update': 'Punt van checklist gewijzigd',
  'checklist.remove': 'Punt van checklist verwijderd',
  'checklist.tick': 'Punt van checklist afgevinkt',
  'checklist.untick': 'Vinkje bij checklist weggehaald',
  'meeting.create': 'Overleg vastgelegd',
  'meeting.update': 'Overleg gewijzigd',
  'meeting.adopt': 'Verslag van overleg vastgesteld',
  'decision.create': 'Besluit vastgelegd',
  'decision.update': 'Besluit gewijzigd',
  'decision.remove': 'Besluit verwijderd',
  'decision.action': 'Actie gemaakt uit besluit',
  'woondeal.create': 'Woondeal vastgelegd',
  'woondeal.update': 'Woondeal gewijzigd',
  'calendar.renew': 'Agenda-adres vernieuwd',
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const STEP_FIELD_LABELS: Record<string, string> = {
  status: 'status',
  ownerId: 'eigenaar',
  dueDate: 'streefdatum',
  note: 'toelichting',
};

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'leeg';
  if (field === 'status') return STATUS_LABELS[value as StepStatus] ?? String(value);
  if (field === 'dueDate') return formatDate(String(value));
  if (field === 'ownerId') return 'een andere eigenaar';
  return `“${String(value).slice(0, 80)}”`;
}

/** One readable line for an audit row, in Dutch. */
export function auditSummary(action: string, entityId: string | null, details: Details, subjectName: string | null): string {
  switch (action) {
    case 'step.update': {
      const changes = Object.entries(details as Record<string, Change>)
        .filter(([field]) => field !== 'openItems')
        .map(([field, c]) => `${STEP_FIELD_LABELS[field] ?? field}: ${show(field, c.from)} → ${show(field, c.to)}`)
        .join('; ');
      const open = Number(details.openItems ?? 0);
      const withOpen = open > 0 ? ` (afgerond met ${plural(open, 'open punt', 'open punten')} op de checklist)` : '';
      return `Stap ${entityId} ${STEP_NAMES[Number(entityId)] ?? ''} — ${changes}${withOpen}`;
    }
    case 'checklist.add':
    case 'checklist.update':
    case 'checklist.remove':
    case 'checklist.tick':
    case 'checklist.untick': {
      const text = details.text as string | Change | undefined;
      const what =
        typeof text === 'object' && text !== null
          ? `“${String(text.from).slice(0, 80)}” → “${String(text.to).slice(0, 80)}”`
          : `“${String(text ?? '').slice(0, 80)}”`;
      const heading = details.heading as Change | undefined;
      const position = details.position as Change | undefined;
      const extra = heading
        ? heading.to
          ? `, bij kop “${String(heading.to).slice(0, 80)}”`
          : ', niet meer bij een kop'
        : position
          ? `, van plaats ${String(position.from)} naar ${String(position.to)}`
          : '';
      return `Stap ${String(details.step ?? '')}: ${what}${extra}`;
    }
    case 'membership.add':
      return `${subjectName ?? 'Iemand'} als ${ROLE_LABELS[details.role as Role]?.toLowerCase() ?? details.role}`;
    case 'membership.role':
      return `${subjectName ?? 'Iemand'}: ${ROLE_LABELS[details.from as Role]?.toLowerCase()} → ${ROLE_LABELS[
        details.to as Role
      ]?.toLowerCase()}`;
    case 'membership.remove':
      return `${subjectName ?? 'Iemand'} (was ${ROLE_LABELS[details.role as Role]?.toLowerCase() ?? details.role})`;
    case 'document.create':
    case 'document.archive':
    case 'document.unarchive':
      return String(details.title ?? '');
    case 'document.update':
      return Object.entries(details as Record<string, Change>)
        .map(
          ([field, c]) =>
            `${field === 'title' ? 'titel' : field === 'step' ? 'stap' : 'status'}: ${String(c.from)} → ${String(c.to)}`
        )
        .join('; ');
    case 'version.create':
    case 'version.restore':
      return `“${String(details.name ?? '')}”`;
    case 'comment.create':
      return details.quote ? `bij “${String(details.quote).slice(0, 80)}”` : 'bij het hele document';
    case 'comment.hide':
      return `tekst: “${String(details.body ?? '').slice(0, 200)}”`;
    case 'comment.decide':
      return `${DECISION_LABELS[details.decision as CommentDecision] ?? details.decision}: ${String(details.note ?? '')}`;
    case 'review.open':
      return `“${String(details.title ?? '')}”, reageren tot ${formatDate(String(details.deadline ?? ''))}`;
    case 'review.close':
      return `“${String(details.title ?? '')}”`;
    case 'review.remind':
      return `aan ${plural(Number(details.reminded ?? 0), 'genodigde', 'genodigden')}`;
    case 'import.discard':
      return String(details.source ?? '');
    case 'import.preview':
    case 'import.apply':
      return `${String(details.source ?? '')}: ${String(details.added ?? 0)} nieuw, ${String(
        details.changed ?? 0
      )} gewijzigd, ${String(details.replaced ?? 0)} vervangen, ${String(details.removed ?? 0)} vervallen`;
    case 'refresh.start':
      return `${(details.tables as string[] | undefined)?.join(', ') ?? ''}: ${plural(Number(details.indicators ?? 0), 'indicator', 'indicatoren')}`;
    case 'refresh.apply':
      return `${(details.sources as string[] | undefined)?.join(', ') ?? ''}: ${String(details.changed ?? 0)} herzien, ${String(
        details.restated ?? 0
      )} alleen status gewijzigd, ${String(details.added ?? 0)} nieuw, ${String(details.removed ?? 0)} vervallen`;
    case 'refresh.discard':
      return (details.sources as string[] | undefined)?.join(', ') ?? '';
    case 'knelpunt.create':
    case 'knelpunt.update':
      return `“${String(details.title ?? '')}” (${String(details.level ?? '')}, ${String(details.status ?? '')})`;
    case 'action.create':
    case 'decision.action':
      return `“${String(details.title ?? '').slice(0, 120)}”`;
    case 'action.update':
      return `“${String(details.title ?? '').slice(0, 120)}”: ${plural(
        ((details.changed as string[] | undefined) ?? []).length,
        'veld',
        'velden'
      )} gewijzigd`;
    case 'action.status':
      return `“${String(details.title ?? '').slice(0, 120)}”: ${ACTION_STATUS_LABELS[details.from as ActionStatus] ?? ''} → ${
        ACTION_STATUS_LABELS[details.to as ActionStatus] ?? ''
      }`;
    case 'action.progress':
      return `“${String(details.title ?? '').slice(0, 120)}”${details.progress === null || details.progress === undefined ? '' : `: ${String(details.progress)} %`}${
        details.to ? `, ${ACTION_STATUS_LABELS[details.to as ActionStatus] ?? ''}` : ''
      }`;
    case 'meeting.create':
    case 'meeting.update':
      return `“${String(details.title ?? '')}” op ${formatDate(String(details.date ?? ''))}`;
    case 'decision.create':
    case 'decision.update':
    case 'decision.remove':
      return `“${String(details.text ?? '').slice(0, 120)}”`;
    case 'woondeal.create':
    case 'woondeal.update':
      return `“${String(details.name ?? '')}”`;
    case 'invitation.accept':
    case 'invitation.create':
      return `${details.email} als ${ROLE_LABELS[details.role as Role]?.toLowerCase() ?? details.role}`;
    default:
      return '';
  }
}
