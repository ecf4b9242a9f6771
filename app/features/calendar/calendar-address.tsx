// The new calendar address on /account, shown once: in a read-only field to select, with a copy button
// (once JavaScript runs) and a webcal:// link that opens a calendar app.
import { useEffect, useRef, useState } from 'react';

export function webcalAddress(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

export function CalendarAddress({ url }: { url: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [scripted, setScripted] = useState(false);
  const [copied, setCopied] = useState<'ja' | 'nee' | null>(null);
  useEffect(() => setScripted(true), []);

  async function copy() {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied('ja');
    } catch {
      setCopied('nee');
    }
  }

  return (
    <div className="calendar-address">
      <div className="utrecht-form-field">
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor="agenda-adres">
            Uw agenda-adres
          </label>
        </div>
        <div className="utrecht-form-field__description utrecht-form-field-description" id="agenda-adres-uitleg">
          Bewaar dit adres nu; het wordt niet opnieuw getoond. Kwijt? Vernieuw het adres.
        </div>
        <div className="utrecht-form-field__input calendar-address__row">
          <input
            ref={field}
            id="agenda-adres"
            type="text"
            readOnly
            value={url}
            aria-describedby="agenda-adres-uitleg"
            className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only calendar-address__field"
            onFocus={(e) => e.currentTarget.select()}
          />
          {scripted ? (
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void copy()}>
              Kopieer het adres
            </button>
          ) : null}
        </div>
        <p className="utrecht-paragraph" role="status">
          {copied === 'ja'
            ? 'Het adres is gekopieerd.'
            : copied === 'nee'
              ? 'Kopiëren lukte niet: selecteer het adres en kopieer het zelf.'
              : ''}
        </p>
      </div>
      <p className="utrecht-paragraph">
        <a href={webcalAddress(url)} className="utrecht-link">
          Open het adres in uw agenda-app (webcal)
        </a>
      </p>
    </div>
  );
}
