import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import type { InputHTMLAttributes, ReactNode } from 'react';

// NL Design System (Utrecht) form fields: a real <label>, a description and the error message
// tied to the control with aria-describedby, so screen readers read them together.

interface FieldProps {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  description?: ReactNode;
}

/** The frame of every field: label, description and error message, with the ids the control refers to. */
function FieldFrame(props: {
  inputId: string;
  descriptionId: string;
  errorId: string;
  label: ReactNode;
  description?: ReactNode;
  errors?: string[];
  /** Read the error out when it appears (for forms that do not reload the page). */
  announce?: boolean;
  children: ReactNode;
}) {
  const invalid = Boolean(props.errors?.length);
  return (
    <div className={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={props.inputId}>
          {props.label}
        </label>
      </div>
      {props.description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={props.descriptionId}>
          {props.description}
        </div>
      ) : null}
      {invalid ? (
        <div
          className="utrecht-form-field__error-message utrecht-form-field-error-message"
          id={props.errorId}
          role={props.announce ? 'alert' : undefined}
        >
          {props.errors?.join(' ')}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

function FieldShell({ field, label, description, children }: FieldProps & { children: ReactNode }) {
  return (
    <FieldFrame
      inputId={field.id}
      descriptionId={field.descriptionId}
      errorId={field.errorId}
      label={label}
      description={description}
      errors={field.errors}
    >
      {children}
    </FieldFrame>
  );
}

/** What a control inside a Field needs: its id and the aria attributes that tie it to its description and errors. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A field outside a conform form (forms whose results come from elsewhere: uploads, per-row forms, fetchers),
 * with the same markup as the conform fields. `children` renders the control with the props it is given.
 */
export function Field({
  id,
  label,
  description,
  errors,
  announce,
  children,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  errors?: string[];
  announce?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const invalid = Boolean(errors?.length);
  const describedBy = [description ? `${id}-uitleg` : null, invalid ? `${id}-fout` : null].filter(Boolean).join(' ');
  return (
    <FieldFrame
      inputId={id}
      descriptionId={`${id}-uitleg`}
      errorId={`${id}-fout`}
      label={label}
      description={description}
      errors={errors}
      announce={announce}
    >
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': invalid ? true : undefined })}
    </FieldFrame>
  );
}

export function TextField({
  type = 'text',
  autoComplete,
  ...props
}: FieldProps & { type?: 'text' | 'email' | 'password' | 'date'; autoComplete?: string }) {
  const invalid = Boolean(props.field.errors?.length);
  return (
    <FieldShell {...props}>
      <input
        {...getInputProps(props.field, { type, ariaDescribedBy: props.description ? props.field.descriptionId : undefined })}
        key={props.field.key}
        autoComplete={autoComplete}
        className={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  /** Shown under this heading (an optgroup). */
  group?: string;
}

/** The options of a select over a fixed list of stored values, each with its Dutch label. */
export function labelledOptions<V extends string>(values: readonly V[], labels: Record<V, string>): SelectOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export function SelectField({
  options,
  placeholder,
  ...props
}: FieldProps & { options: ReadonlyArray<SelectOption>; placeholder?: string }) {
  const invalid = Boolean(props.field.errors?.length);
  const option = (o: SelectOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  // Options with a group are shown under it (an <optgroup>), in the order the groups first appear.
  const groups = [...new Set(options.map((o) => o.group))];
  return (
    <FieldShell {...props}>
      <select
        {...getSelectProps(props.field, { ariaDescribedBy: props.description ? props.field.descriptionId : undefined })}
        key={props.field.key}
        className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {groups.map((group) =>
          group === undefined ? (
            options.filter((o) => o.group === undefined).map(option)
          ) : (
            <optgroup key={group} label={group}>
              {options.filter((o) => o.group === group).map(option)}
            </optgroup>
          )
        )}
      </select>
    </FieldShell>
  );
}

export function TextareaField({ rows = 4, ...props }: FieldProps & { rows?: number }) {
  const invalid = Boolean(props.field.errors?.length);
  return (
    <FieldShell {...props}>
      <textarea
        {...getTextareaProps(props.field, { ariaDescribedBy: props.description ? props.field.descriptionId : undefined })}
        key={props.field.key}
        rows={rows}
        className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
      />
    </FieldShell>
  );
}

/** A select inside a table row: its label is read by screen readers but not shown (the column says it). */
export function CompactSelect({
  id,
  name,
  label,
  defaultValue,
  options,
  placeholder,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="utrecht-select utrecht-select--html-select">
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** A new password typed twice, as the invitation, set-password and account pages ask for it. */
export function NewPasswordFields({
  password,
  confirm,
  label = 'Kies een wachtwoord',
}: {
  password: FieldProps['field'];
  confirm: FieldProps['field'];
  label?: string;
}) {
  return (
    <>
      <TextField
        field={password}
        label={label}
        type="password"
        autoComplete="new-password"
        description="Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden."
      />
      <TextField field={confirm} label="Herhaal het wachtwoord" type="password" autoComplete="new-password" />
    </>
  );
}

/** What one checkbox or radio button needs beside its label: its name, value and state, as on an <input>. */
type OptionInputProps = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'value' | 'defaultChecked' | 'checked' | 'onChange' | 'disabled' | 'required'
>;

/**
 * One checkbox or radio button as an NL Design System form field (utrecht-form-field--checkbox / --radio): the
 * input in a column of its own, its <label for> beside it wrapping as normal text, and under the label an
 * optional description and error message that the input refers to with aria-describedby.
 */
function OptionField({
  type,
  id,
  label,
  description,
  errors,
  announce,
  invalid: groupInvalid,
  ...input
}: OptionInputProps & {
  type: 'checkbox' | 'radio';
  id: string;
  label: ReactNode;
  description?: ReactNode;
  errors?: string[];
  announce?: boolean;
  /** Marks the input invalid when the error belongs to the group around it. */
  invalid?: boolean;
}) {
  const ownError = Boolean(errors?.length);
  const invalid = ownError || Boolean(groupInvalid);
  const descriptionId = `${id}-uitleg`;
  const errorId = `${id}-fout`;
  const describedBy = [description ? descriptionId : null, ownError ? errorId : null].filter(Boolean).join(' ');
  const control =
    type === 'checkbox'
      ? `utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom${invalid ? ' utrecht-checkbox--invalid' : ''}`
      : `utrecht-radio-button utrecht-radio-button--html-input${invalid ? ' utrecht-radio-button--invalid' : ''}`;
  return (
    <div className={`utrecht-form-field utrecht-form-field--${type}${ownError ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__input">
        <input
          {...input}
          type={type}
          id={id}
          className={control}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
        />
      </div>
      <div className="utrecht-form-field__label">
        <label className={`utrecht-form-label utrecht-form-label--${type}`} htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {ownError ? (
        <div
          className="utrecht-form-field__error-message utrecht-form-field-error-message"
          id={errorId}
          role={announce ? 'alert' : undefined}
        >
          {errors?.join(' ')}
        </div>
      ) : null}
    </div>
  );
}

/** A single checkbox outside a conform form (a preference, a switch in a panel), with its label beside it. */
export function PlainCheckbox(
  props: OptionInputProps & { id: string; label: ReactNode; description?: ReactNode; errors?: string[]; announce?: boolean }
) {
  return <OptionField type="checkbox" value="on" {...props} />;
}

/** A single yes/no checkbox in a conform form (sent as "on" when checked), with its label beside it. */
export function CheckboxField<Schema>({
  field,
  label,
  description,
}: {
  field: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  label: ReactNode;
  description?: ReactNode;
}) {
  const initial = field.initialValue as unknown;
  const checked = initial === true || initial === 'on' || (Array.isArray(initial) && initial.includes('on'));
  return (
    <OptionField
      key={field.key}
      type="checkbox"
      id={field.id}
      name={field.name}
      value="on"
      defaultChecked={checked}
      label={label}
      description={description}
      errors={field.errors}
    />
  );
}

/** Checkboxes or radio buttons with one name: a fieldset whose legend names the question. */
function OptionGroup({
  type,
  field,
  legend,
  description,
  options,
  chosen,
}: {
  type: 'checkbox' | 'radio';
  field: FieldMetadata<unknown, Record<string, unknown>, string[]>;
  legend: string;
  description?: ReactNode;
  options: ReadonlyArray<{ value: string; label: ReactNode; description?: ReactNode }>;
  chosen: ReadonlySet<string>;
}) {
  const invalid = Boolean(field.errors?.length);
  const describedBy = [description ? field.descriptionId : null, invalid ? field.errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`utrecht-form-field utrecht-form-field--fieldset${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <fieldset
        className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
        role={type === 'radio' ? 'radiogroup' : undefined}
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid || undefined}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
        {description ? (
          <div className="utrecht-form-field-description" id={field.descriptionId}>
            {description}
          </div>
        ) : null}
        {invalid ? (
          <div className="utrecht-form-field-error-message" id={field.errorId}>
            {field.errors?.join(' ')}
          </div>
        ) : null}
        {options.length === 0 ? <p className="utrecht-paragraph muted">Er is niets om uit te kiezen.</p> : null}
        <div className="utrecht-form-fieldset__options" key={field.key}>
          {options.map((option, index) => (
            <OptionField
              key={option.value}
              type={type}
              id={`${field.id}-${index}`}
              name={field.name}
              value={option.value}
              defaultChecked={chosen.has(option.value)}
              label={option.label}
              description={option.description}
              invalid={invalid}
            />
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** A group of checkboxes with one name (a fieldset with a legend), for choosing several items. */
export function CheckboxGroup<Schema>({
  field,
  ...props
}: {
  field: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  legend: string;
  description?: ReactNode;
  options: ReadonlyArray<{ value: string; label: ReactNode; description?: ReactNode }>;
}) {
  const initial = field.initialValue as unknown as string[] | string | undefined;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <OptionGroup
      type="checkbox"
      field={field as FieldMetadata<unknown, Record<string, unknown>, string[]>}
      chosen={chosen}
      {...props}
    />
  );
}

/** A group of radio buttons with one name (a fieldset with role radiogroup), for choosing one of a few items. */
export function RadioGroup<Schema>({
  field,
  ...props
}: {
  field: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  legend: string;
  description?: ReactNode;
  options: ReadonlyArray<{ value: string; label: ReactNode; description?: ReactNode }>;
}) {
  const initial = field.initialValue as unknown;
  const chosen = new Set(typeof initial === 'string' ? [initial] : []);
  return (
    <OptionGroup
      type="radio"
      field={field as FieldMetadata<unknown, Record<string, unknown>, string[]>}
      chosen={chosen}
      {...props}
    />
  );
}

/** A select outside a conform form: filters on GET forms, choices per row. */
export function PlainSelect({
  id,
  name,
  label,
  defaultValue,
  options,
  placeholder,
}: {
  id: string;
  name: string;
  label: ReactNode;
  defaultValue: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <Field id={id} label={label}>
      {(control) => (
        <select {...control} name={name} defaultValue={defaultValue} className="utrecht-select utrecht-select--html-select">
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
