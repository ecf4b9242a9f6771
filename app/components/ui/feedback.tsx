import type { ReactNode } from 'react';

type Kind = 'ok' | 'info' | 'warning' | 'error';

/** A message for the whole page or form. Errors and confirmations are announced by screen readers. */
export function Alert({ kind = 'info', children }: { kind?: Kind; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** Form-level errors from conform (errors not tied to one field). */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id}>
      <Alert kind="error">{errors.join(' ')}</Alert>
    </div>
  );
}

export function Button({
  variant = 'primary',
  children,
  ...props
}: { variant?: 'primary' | 'secondary' | 'subtle' | 'danger' } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const variantClass =
    variant === 'danger'
      ? 'utrecht-button--secondary-action utrecht-button--danger'
      : `utrecht-button--${variant === 'subtle' ? 'subtle' : `${variant}-action`}`;
  return (
    <button type="submit" {...props} className={`utrecht-button ${variantClass} ${props.className ?? ''}`.trim()}>
      {children}
    </button>
  );
}
