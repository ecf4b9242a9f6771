import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';

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

export function SelectField({
  options,
  placeholder,
  ...props
}: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; placeholder?: string }) {
  const invalid = Boolean(props.field.errors?.length);
  return (
    <FieldShell {...props}>
      <select
        {...getSelectProps(props.field, { ariaDescribedBy: props.description ? props.field.descriptionId : undefined })}
        key={props.field.key}
        className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
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

/** A group of checkboxes with one name (a fieldset with a legend), for choosing several items. */
export function CheckboxGroup<Schema>({
  field,
  legend,
  description,
  options,
}: {
  field: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  legend: string;
  description?: ReactNode;
  options: ReadonlyArray<{ value: string; label: ReactNode }>;
}) {
  const invalid = Boolean(field.errors?.length);
  const initial = field.initialValue as unknown as string[] | string | undefined;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  const describedBy = [description ? field.descriptionId : null, invalid ? field.errorId : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
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
      {options.map((option) => (
        <div key={option.value} className="utrecht-form-field utrecht-form-field--checkbox">
          <label className="utrecht-form-label utrecht-form-label--checkbox">
            <input
              type="checkbox"
              name={field.name}
              value={option.value}
              defaultChecked={chosen.has(option.value)}
              className="utrecht-checkbox utrecht-checkbox--html-input"
            />{' '}
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
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
