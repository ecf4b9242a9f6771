import { Form } from '@remix-run/react';
import { Field } from '../../components/ui/fields.tsx';

/** Tables Thuisplan has presets for (see CBS_PRESETS), offered as suggestions. */
const EXAMPLES: Array<[string, string]> = [
  ['70072ned', 'Regionale kerncijfers Nederland (inwoners, leeftijd, huishoudens)'],
  ['85980NED', 'Aandachtsgroepen volkshuisvesting; regio, 1 januari en 31 december'],
  ['03759ned', 'Bevolking op 1 januari; leeftijd, geslacht, regio'],
  ['85896NED', 'Wmo-cliënten; regio'],
  ['86051NED', 'Wmo-voorzieningen, inclusief beschermd wonen en opvang'],
  ['85150NED', 'Zorgwoonruimten; regio'],
  ['82900NED', 'Voorraad woningen; eigendom, regio'],
];

/** Step one of a CBS import: which table. A GET form, so the next page can be bookmarked and reloaded. */
export function CbsTableForm({
  action,
  errors,
  value,
  busy,
}: {
  action?: string;
  errors?: string[];
  value?: string;
  busy: boolean;
}) {
  return (
    <Form method="get" action={action}>
      <Field
        id="tabel"
        label="Tabelnummer"
        description="Bijvoorbeeld 70072ned (Regionale kerncijfers) of 85980NED (Aandachtsgroepen volkshuisvesting). Hoofdletters maken niet uit."
        errors={errors}
      >
        {(control) => (
          <input
            {...control}
            name="tabel"
            list="cbs-voorbeelden"
            defaultValue={value || '70072ned'}
            autoComplete="off"
            className="utrecht-textbox utrecht-textbox--html-input"
          />
        )}
      </Field>
      <datalist id="cbs-voorbeelden">
        {EXAMPLES.map(([id, title]) => (
          <option key={id} value={id}>
            {title}
          </option>
        ))}
      </datalist>
      <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
        {busy ? 'Tabel wordt bij CBS opgevraagd…' : 'Tabel bekijken'}
      </button>
    </Form>
  );
}
