// The forms, filters and link checks of advised actions. Pure: the pages (in the browser too) and the server
// ask the same rules.
import { z } from '../../lib/zod.ts';
import type { ActionLevel, ActionPriority, ActionStatus } from '../../../db/schema.ts';
import { ACTION_PRIORITIES, ACTION_STATUSES } from '../../core/labels.ts';
import { multiLineText, oneLineText } from '../../core/validation.ts';
import { isValidIsoDate } from '../../lib/time.ts';
import { headingExists, parseHeadingRef, type PlanHeadings } from '../documents/plan-headings.ts';
import { isActionOverdue } from './action-status.ts';

export const LEVELS = ['regionaal', 'lokaal'] as const satisfies readonly ActionLevel[];
export const ACTION_LEVEL_LABELS: Record<ActionLevel, string> = { regionaal: 'Regionaal', lokaal: 'Lokaal' };

export const MAX_TITLE = 200;
export const MAX_TEXT = 4000;

export const DATE_MESSAGE = 'Vul een bestaande datum in als jjjj-mm-dd, bijvoorbeeld 2026-12-31.';
export const PROGRESS_MESSAGE = 'Vul een voortgang in van 0 tot en met 100 %.';

const optionalId = z.string().optional();

export const actionSchema = z.object({
  title: oneLineText('Geef de actie een korte titel.')
    .min(3, 'Een titel heeft minstens 3 tekens.')
    .max(MAX_TITLE, `Een titel is hoogstens ${MAX_TITLE} tekens.`),
  description: multiLineText()
    .max(MAX_TEXT, `De beschrijving is hoogstens ${MAX_TEXT.toLocaleString('nl-NL')} tekens.`)
    .default(''),
  level: z.enum(LEVELS, { error: 'Kies regionaal of lokaal.' }),
  ownerOrganisationId: optionalId,
  ownerUserId: optionalId,
  targetGroupId: optionalId,
  // The same knelpunt twice (a tampered or repeated form) counts once.
  knelpuntIds: z
    .array(z.string())
    .default([])
    .transform((ids) => [...new Set(ids)]),
  heading: z
    .string()
    .optional()
    .refine((value) => value === undefined || parseHeadingRef(value) !== null, 'Kies een kop uit de lijst.'),
  dueDate: z
    .string()
    .trim()
    .optional()
    .refine((value) => value === undefined || isValidIsoDate(value), DATE_MESSAGE)
    .refine((value) => value === undefined || !isValidIsoDate(value) || (value >= '2000-01-01' && value <= '2100-12-31'), {
      message: 'Kies een datum tussen 2000 en 2100.',
    }),
  priority: z.enum(ACTION_PRIORITIES, { error: 'Kies een prioriteit uit de lijst.' }).default('normaal'),
  woondealId: optionalId,
});

export type ActionForm = z.output<typeof actionSchema>;

/** What the model stores, from the checked form. */
export function toActionValues(form: ActionForm) {
  const ref = parseHeadingRef(form.heading);
  return {
    title: form.title,
    description: form.description,
    level: form.level,
    ownerOrganisationId: form.ownerOrganisationId ?? null,
    ownerUserId: form.ownerUserId ?? null,
    targetGroupId: form.targetGroupId ?? null,
    knelpuntIds: form.knelpuntIds,
    documentId: ref?.documentId ?? null,
    heading: ref?.heading ?? null,
    dueDate: form.dueDate ?? null,
    priority: form.priority,
    woondealId: form.woondealId ?? null,
  };
}

export const progressSchema = z.object({
  body: multiLineText('Schrijf wat er is gebeurd.')
    .min(1, 'Schrijf wat er is gebeurd.')
    .max(MAX_TEXT, `Een voortgangsbericht is hoogstens ${MAX_TEXT.toLocaleString('nl-NL')} tekens.`),
  progress: z
    .number({ error: PROGRESS_MESSAGE })
    .int('Vul een heel getal in, zonder komma.')
    .min(0, PROGRESS_MESSAGE)
    .max(100, PROGRESS_MESSAGE)
    .optional(),
  status: z.enum(ACTION_STATUSES, { error: 'Kies een status uit de lijst.' }).optional(),
});

export const moveSchema = z.object({
  id: z.string({ error: 'Kies een actie.' }),
  status: z.enum(ACTION_STATUSES, { error: 'Kies een status uit de lijst.' }),
});

/** What a new or changed action may link to: what the workspace (and its region) holds. */
export interface LinkChoices {
  memberIds: readonly string[];
  organisationIds: readonly string[];
  targetGroupIds: readonly string[];
  /** The knelpunten of this workspace itself. */
  knelpuntIds: readonly string[];
  /** The plans of this workspace and their headings. */
  plans: readonly PlanHeadings[];
  /** The woondeals of the workspace's region. */
  woondealIds: readonly string[];
}

export interface LinkedValues {
  ownerOrganisationId: string | null;
  ownerUserId: string | null;
  targetGroupId: string | null;
  knelpuntIds: readonly string[];
  documentId: string | null;
  heading: string | null;
  woondealId: string | null;
}

export type FieldErrors = Partial<
  Record<'ownerOrganisationId' | 'ownerUserId' | 'targetGroupId' | 'knelpuntIds' | 'heading' | 'woondealId', string[]>
>;

/**
 * The one place that checks an action's links: each id must name something of this workspace (or its
 * region, for woondeals). An id of another workspace is answered like an unknown one, at its field.
 */
export function linkErrors(values: LinkedValues, choices: LinkChoices): FieldErrors {
  const errors: FieldErrors = {};
  if (values.ownerUserId && !choices.memberIds.includes(values.ownerUserId)) {
    errors.ownerUserId = ['Deze persoon is geen lid van deze werkruimte. Kies iemand uit de lijst.'];
  }
  if (values.ownerOrganisationId && !choices.organisationIds.includes(values.ownerOrganisationId)) {
    errors.ownerOrganisationId = ['Deze organisatie bestaat niet. Kies een organisatie uit de lijst.'];
  }
  if (values.targetGroupId && !choices.targetGroupIds.includes(values.targetGroupId)) {
    errors.targetGroupId = ['Deze aandachtsgroep bestaat niet. Kies er een uit de lijst.'];
  }
  if (values.knelpuntIds.some((id) => !choices.knelpuntIds.includes(id))) {
    errors.knelpuntIds = ['Een gekozen knelpunt hoort niet bij deze werkruimte. Kies knelpunten uit de lijst.'];
  }
  if (values.documentId) {
    if (!choices.plans.some((p) => p.documentId === values.documentId)) {
      errors.heading = ['Dit document hoort niet bij deze werkruimte. Kies een kop uit de lijst.'];
    } else if (!values.heading || !headingExists(choices.plans, { documentId: values.documentId, heading: values.heading })) {
      errors.heading = ['Deze kop staat niet (meer) in het document. Kies een kop uit de lijst.'];
    }
  }
  if (values.woondealId && !choices.woondealIds.includes(values.woondealId)) {
    errors.woondealId = ['Deze woondeal hoort niet bij deze regio. Kies een woondeal uit de lijst.'];
  }
  return errors;
}

// The list: filters and sort from the address (a GET form), so a filtered list can be bookmarked and exported.

export const SORTS = ['streefdatum', 'prioriteit', 'titel', 'gewijzigd'] as const;
export type ActionSort = (typeof SORTS)[number];
export const SORT_LABELS: Record<ActionSort, string> = {
  streefdatum: 'Streefdatum',
  prioriteit: 'Prioriteit',
  titel: 'Titel',
  gewijzigd: 'Laatst gewijzigd',
};

export interface ActionFilter {
  status: ActionStatus | null;
  level: ActionLevel | null;
  targetGroupId: string | null;
  ownerUserId: string | null;
  overdue: boolean;
  q: string;
  sort: ActionSort;
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** The filter in the address; anything unknown is left out rather than refused. */
export function parseActionFilter(params: URLSearchParams): ActionFilter {
  return {
    status: oneOf(ACTION_STATUSES, params.get('status')),
    level: oneOf(LEVELS, params.get('niveau')),
    targetGroupId: params.get('groep') || null,
    ownerUserId: params.get('eigenaar') || null,
    overdue: params.get('telaat') === 'ja',
    q: (params.get('zoek') ?? '').trim().slice(0, 200),
    sort: oneOf(SORTS, params.get('sorteer')) ?? 'streefdatum',
  };
}

/** The filter as an address query (without '?'), for the export links. */
export function filterQuery(filter: ActionFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.level) params.set('niveau', filter.level);
  if (filter.targetGroupId) params.set('groep', filter.targetGroupId);
  if (filter.ownerUserId) params.set('eigenaar', filter.ownerUserId);
  if (filter.overdue) params.set('telaat', 'ja');
  if (filter.q) params.set('zoek', filter.q);
  if (filter.sort !== 'streefdatum') params.set('sorteer', filter.sort);
  return params.toString();
}

/** A LIKE pattern that finds the text anywhere: its own % _ and \ are matched literally (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const PRIORITY_RANK: Record<ActionPriority, number> = { hoog: 0, normaal: 1, laag: 2 };

interface Sortable {
  title: string;
  dueDate: string | null;
  priority: ActionPriority;
  updatedAt: string;
}

const byTitle = (a: Sortable, b: Sortable) => a.title.localeCompare(b.title, 'nl', { sensitivity: 'base', numeric: true });
/** Without a due date last. */
const byDue = (a: Sortable, b: Sortable) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31');

export function sortActions<T extends Sortable>(actions: readonly T[], sort: ActionSort): T[] {
  const compare: Record<ActionSort, (a: T, b: T) => number> = {
    streefdatum: (a, b) => byDue(a, b) || byTitle(a, b),
    prioriteit: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byDue(a, b) || byTitle(a, b),
    titel: (a, b) => byTitle(a, b) || byDue(a, b),
    gewijzigd: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || byTitle(a, b),
  };
  return [...actions].sort(compare[sort]);
}

/** "Alleen te laat": the overdue ones, asked of the one rule in action-status.ts. */
export function onlyOverdue<T extends { status: ActionStatus; dueDate: string | null }>(
  actions: readonly T[],
  overdue: boolean,
  now = new Date()
): T[] {
  return overdue ? actions.filter((a) => isActionOverdue(a, now)) : [...actions];
}
