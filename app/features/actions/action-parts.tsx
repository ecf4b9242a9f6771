// Pieces the action pages share: the "Te laat" mark, the progress figure and the action form.
import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { Button, FormErrors } from '../../components/ui/feedback.tsx';
import {
  CheckboxGroup,
  labelledOptions,
  SelectField,
  TextareaField,
  TextField,
  type SelectOption,
} from '../../components/ui/fields.tsx';
import { useZodForm } from '../../components/ui/use-zod-form.ts';
import { ACTION_PRIORITIES, PRIORITY_LABELS } from '../../core/labels.ts';
import { headingOptions, type PlanHeadings } from '../documents/plan-headings.ts';
import { ACTION_LEVEL_LABELS, actionSchema, LEVELS } from './action-forms.ts';

/** Overdue, said in words (not by colour alone). */
export function OverdueMark() {
  return <span className="overdue-mark">Te laat</span>;
}

/** The progress figure as a bar with its number beside it; the <progress> is named for screen readers. */
export function ProgressFigure({ value, label }: { value: number; label: string }) {
  return (
    <span className="progress-figure">
      <progress className="progress-figure__bar" max={100} value={value} aria-label={label}>
        {value} %
      </progress>
      <span aria-hidden="true"> {value} %</span>
    </span>
  );
}

export interface ActionFormChoices {
  members: SelectOption[];
  organisations: SelectOption[];
  targetGroups: SelectOption[];
  knelpunten: SelectOption[];
  plans: PlanHeadings[];
  woondeals: SelectOption[];
}

/** The form of a new or changed action; the server checks the same schema and every link again. */
export function ActionForm({
  id,
  choices,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string;
  choices: ActionFormChoices;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  submitLabel: string;
}) {
  const [form, fields] = useZodForm({ id, schema: actionSchema, lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.title} label="Titel" autoComplete="off" />
      <TextareaField field={fields.description} label="Beschrijving" description="Wat houdt de actie in, en wat levert zij op?" />
      <SelectField
        field={fields.level}
        label="Niveau"
        options={labelledOptions(LEVELS, ACTION_LEVEL_LABELS)}
        placeholder="Kies regionaal of lokaal"
      />
      <SelectField
        field={fields.ownerOrganisationId}
        label="Eigenaar: organisatie"
        options={choices.organisations}
        placeholder="Geen organisatie"
      />
      <SelectField
        field={fields.ownerUserId}
        label="Eigenaar: persoon"
        description="Een lid van deze werkruimte."
        options={choices.members}
        placeholder="Niemand"
      />
      <SelectField
        field={fields.targetGroupId}
        label="Aandachtsgroep"
        options={choices.targetGroups}
        placeholder="Geen aandachtsgroep"
      />
      <CheckboxGroup
        field={fields.knelpuntIds}
        legend="Knelpunten waar de actie op antwoordt"
        description="De knelpunten van deze werkruimte."
        options={choices.knelpunten}
      />
      <SelectField
        field={fields.heading}
        label="Kop in het plan"
        description="Het hoofdstuk of de paragraaf waar de actie uit voortkomt."
        options={headingOptions(choices.plans)}
        placeholder="Geen kop"
      />
      <TextField field={fields.dueDate} label="Streefdatum" type="date" description="Bijvoorbeeld 2026-12-31." />
      <SelectField field={fields.priority} label="Prioriteit" options={labelledOptions(ACTION_PRIORITIES, PRIORITY_LABELS)} />
      <SelectField
        field={fields.woondealId}
        label="Woondeal"
        description="De afspraak uit de woondeal van de regio die de actie dient, als dat zo is."
        options={choices.woondeals}
        placeholder="Geen woondeal"
      />
      <Button>{submitLabel}</Button>
    </Form>
  );
}
