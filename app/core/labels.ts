import type {
  ActionPriority,
  ActionStatus,
  CommentDecision,
  ImportStatus,
  MeetingKind,
  OrganisationKind,
  Role,
  StepStatus,
} from '../../db/schema.ts';

export const ROLE_LABELS: Record<Role, string> = {
  projectleider: 'Projectleider',
  redacteur: 'Redacteur',
  commentator: 'Commentator',
  lezer: 'Lezer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  projectleider: 'beheert stappen, leden en verspreiding',
  redacteur: 'schrijft documenten, analyse en acties',
  commentator: 'leest en geeft commentaar',
  lezer: 'leest mee',
};

export const STEP_NAMES: Record<number, string> = {
  1: 'Analyse',
  2: 'Plan',
  3: 'Advies acties',
  4: 'Verspreiding',
};

export const STEP_STATUSES = ['niet_gestart', 'bezig', 'ter_review', 'afgerond'] as const satisfies readonly StepStatus[];

export const STATUS_LABELS: Record<StepStatus, string> = {
  niet_gestart: 'Niet gestart',
  bezig: 'Bezig',
  ter_review: 'Ter review',
  afgerond: 'Afgerond',
};

export const ORGANISATION_KINDS = [
  'gemeente',
  'provincie',
  'corporatie',
  'zorgpartij',
  'overig',
] as const satisfies readonly OrganisationKind[];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  gemeente: 'Gemeente',
  provincie: 'Provincie',
  corporatie: 'Woningcorporatie',
  zorgpartij: 'Zorgpartij',
  overig: 'Overig',
};

export const DOCUMENT_STATUS_LABELS: Record<'concept' | 'ter_review' | 'vastgesteld', string> = {
  concept: 'Concept',
  ter_review: 'Ter review',
  vastgesteld: 'Vastgesteld',
};

/** How a response in a review round was processed (the reactienota's column). */
export const DECISION_LABELS: Record<CommentDecision, string> = {
  overgenomen: 'Overgenomen',
  deels_overgenomen: 'Deels overgenomen',
  niet_overgenomen: 'Niet overgenomen',
  kennisgenomen: 'Kennisgenomen',
};

/** Where an import (CSV or CBS) stands: a preview waits for a decision, then it is applied or discarded. */
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  voorbeeld: 'Wacht op bevestiging',
  verwerkt: 'Verwerkt',
  verworpen: 'Verworpen',
};

/** An action's status, in the order of the board's columns (vervallen last, beside the flow). */
export const ACTION_STATUSES = [
  'voorstel',
  'besloten',
  'in_uitvoering',
  'gereed',
  'vervallen',
] as const satisfies readonly ActionStatus[];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  voorstel: 'Voorstel',
  besloten: 'Besloten',
  in_uitvoering: 'In uitvoering',
  gereed: 'Gereed',
  vervallen: 'Vervallen',
};

export const ACTION_PRIORITIES = ['hoog', 'normaal', 'laag'] as const satisfies readonly ActionPriority[];

export const PRIORITY_LABELS: Record<ActionPriority, string> = { hoog: 'Hoog', normaal: 'Normaal', laag: 'Laag' };

export const MEETING_KINDS = [
  'ambtelijk_overleg',
  'bestuurlijk_overleg',
  'adviesgroep',
] as const satisfies readonly MeetingKind[];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  ambtelijk_overleg: 'Ambtelijk overleg',
  bestuurlijk_overleg: 'Bestuurlijk overleg',
  adviesgroep: 'Adviesgroep',
};
