import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState, type FormEvent } from 'react';
import { CSV_TOO_LARGE, MAX_CSV_BYTES } from '../features/analysis/csv-limits.ts';
import { z } from '../lib/zod.ts';
import { requireAbility } from '../http/guards.server.ts';
import { parseFiguresCsv } from '../features/analysis/csv-import.server.ts';
import { CbsTableForm } from '../features/analysis/cbs-table-form.tsx';
import { Alert } from '../components/ui/feedback.tsx';
import { Field } from '../components/ui/fields.tsx';
import { BackLink, DataTable, Section } from '../components/ui/layout.tsx';
import { formatDateTime } from '../lib/time.ts';
import { CONTROL_CHARACTERS, hasControlCharacters, multiLineText } from '../core/validation.ts';
import { listImports, MAX_SOURCE_NAME, prepareImport } from '../features/analysis/data-imports.server.ts';
import { importScope, regionOf } from '../core/workspaces.server.ts';
import { listIndicators } from '../features/analysis/indicators.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { plural, pluralWord } from '../lib/plural.ts';
import { IMPORT_STATUS_LABELS } from '../core/labels.ts';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers importeren' },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const [imports, scope] = await Promise.all([listImports(context.db, workspace.id), importScope(context.db, workspace)]);
  return { imports, scope: scope.map((g) => g.name) };
}

const csvFields = z.object({
  source: z
    .string({ error: 'Noem de bron van de cijfers.' })
    // Invisible characters (zero-width spaces…) would let a name pass for another, such as a CBS source.
    .transform((s) =>
      s
        .normalize('NFKC')
        .replace(/\p{Cf}/gu, '')
        .trim()
    )
    .pipe(
      z
        .string()
        .min(2, 'Noem de bron van de cijfers, bijvoorbeeld ‘Provinciale monitor’.')
        .max(MAX_SOURCE_NAME, `De naam van de bron is hoogstens ${MAX_SOURCE_NAME} tekens.`)
        .refine((s) => !hasControlCharacters(s), CONTROL_CHARACTERS)
        .refine((s) => !s.toUpperCase().startsWith('CBS'), 'Bronnen die met ‘CBS’ beginnen komen uit de CBS-import.')
    ),
  definition: multiLineText().max(2000, 'De definitie is hoogstens 2.000 tekens.').default(''),
});

type ActionData = { kind: 'csv'; errors: string[]; errorCount: number; fields?: Record<string, string[]> };

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
  return fields;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const scope = await importScope(context.db, workspace);

  if (request.headers.get('content-type')?.startsWith('multipart/form-data')) {
    // The body is within this route's limit (readFormBody); a file over 10 MB is refused by parseFiguresCsv.
    const form = await readForm(request);
    const fields = csvFields.safeParse({
      source: form.get('source') ?? undefined,
      definition: form.get('definition') ?? undefined,
    });
    const file = form.get('file');
    if (!fields.success)
      return data<ActionData>({ kind: 'csv', errors: [], errorCount: 0, fields: fieldErrors(fields.error) }, { status: 400 });
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionData>(
        { kind: 'csv', errors: [], errorCount: 0, fields: { file: ['Kies een CSV-bestand. Een leeg bestand kan niet.'] } },
        { status: 400 }
      );
    }
    const { gemeenten } = await regionOf(context.db, workspace);
    const parsed = parseFiguresCsv(new Uint8Array(await file.arrayBuffer()), {
      gemeenten: gemeenten.map((g) => ({ workspaceId: g.id, cbsCode: g.cbsCode ?? '', name: g.name })),
      allowed: new Set(scope.map((g) => g.id)),
      indicators: await listIndicators(context.db),
    });
    if (!parsed.ok)
      return data<ActionData>({ kind: 'csv', errors: parsed.errors, errorCount: parsed.errorCount }, { status: 400 });
    const id = await prepareImport(
      context.db,
      {
        workspaceId: workspace.id,
        kind: 'csv',
        source: fields.data.source,
        detail: file.name,
        definition: fields.data.definition,
        rows: parsed.rows,
        skipped: parsed.skipped,
        actorId: user.id,
      },
      scope.map((g) => g.id)
    );
    return redirect(`/w/${workspace.slug}/analyse/import/${id}`);
  }

  return data<ActionData>({ kind: 'csv', errors: ['Kies een CSV-bestand.'], errorCount: 1 }, { status: 400 });
}

export default function ImportFigures() {
  const { imports, scope } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  // A file over the limit is refused here, at the field, before it is sent (the server's 413 is a bare page).
  const [tooLarge, setTooLarge] = useState(false);
  const refuseTooLarge = (event: FormEvent<HTMLFormElement>) => {
    const file = event.currentTarget.elements.namedItem('file') as HTMLInputElement | null;
    const big = (file?.files?.[0]?.size ?? 0) > MAX_CSV_BYTES;
    setTooLarge(big);
    if (big) {
      event.preventDefault();
      file?.focus();
    }
  };
  const csv = result?.kind === 'csv' ? result : null;
  return (
    <>
      <BackLink>Terug naar de analyse</BackLink>
      <h2 className="utrecht-heading-2">Cijfers importeren</h2>
      <p className="utrecht-paragraph">
        Voor: {scope.join(', ')}. Elke import toont eerst wat er verandert; pas na uw bevestiging komen de cijfers in de monitor,
        in één keer of helemaal niet.
      </p>

      <Section id="cbs-titel" title="Uit CBS StatLine" narrow>
        <CbsTableForm action="cbs" busy={busy && navigation.formMethod === 'GET'} />
      </Section>

      <Section id="csv-titel" title="Uit een CSV-bestand" narrow>
        <p className="utrecht-paragraph">
          Bijvoorbeeld cijfers van een partner of van de provinciale monitor, opgeslagen in Excel als CSV of als Unicode-tekst
          (.txt). Kolommen: <code>gemeente;indicator;periode;waarde</code> (gemeente als CBS-code of naam, indicator als code of
          naam, periode als jaartal). Puntkomma en decimale komma (Nederlandse Excel) of komma en decimale punt. Lege cellen en
          ‘.’, ‘-’ of ‘x’ in de kolom waarde gelden als ‘geen gegeven’ en worden overgeslagen.
        </p>
        {csv?.errors.length ? (
          <Alert kind="error">
            <p>
              Het bestand is niet geïmporteerd: er {pluralWord(csv.errorCount, 'is', 'zijn')}{' '}
              {plural(csv.errorCount, 'fout', 'fouten')}
              {csv.errorCount > csv.errors.length ? ` (de eerste ${csv.errors.length} staan hieronder)` : ''}. Er is niets
              veranderd.
            </p>
            <ul>
              {csv.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <Form method="post" encType="multipart/form-data" onSubmit={refuseTooLarge}>
          <Field id="file" label="CSV-bestand (hoogstens 10 MB)" errors={tooLarge ? [CSV_TOO_LARGE] : csv?.fields?.file} announce>
            {(control) => <input {...control} name="file" type="file" accept=".csv,.txt,text/csv,text/plain" />}
          </Field>
          <Field
            id="source"
            label="Bron"
            description="Wie de cijfers maakte, zoals ‘Provinciale monitor’ of ‘Registratie Stichting X’. Een nieuwe import uit dezelfde bron vervangt haar cijfers voor dezelfde jaren."
            errors={csv?.fields?.source}
          >
            {(control) => (
              <input {...control} name="source" autoComplete="off" className="utrecht-textbox utrecht-textbox--html-input" />
            )}
          </Field>
          <Field id="definition" label="Definitie (optioneel)" errors={csv?.fields?.definition}>
            {(control) => (
              <textarea {...control} name="definition" rows={2} className="utrecht-textarea utrecht-textarea--html-textarea" />
            )}
          </Field>
          <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
            {busy && navigation.formEncType === 'multipart/form-data' ? 'Bestand wordt gecontroleerd…' : 'Bestand controleren'}
          </button>
          {busy && navigation.formEncType === 'multipart/form-data' ? (
            <progress className="import-progress" aria-label="Bestand wordt verstuurd en gecontroleerd" />
          ) : null}
        </Form>
      </Section>

      <Section id="imports-titel" title="Eerdere imports">
        {imports.length === 0 ? (
          <p className="utrecht-paragraph">Nog geen imports.</p>
        ) : (
          <DataTable caption="Eerdere imports" columns={['Bron', 'Tabel of bestand', 'Wanneer', 'Door', 'Cijfers', 'Status']}>
            {imports.map((i) => (
              <tr key={i.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={i.id} className="utrecht-link">
                    {i.source}
                  </Link>
                </th>
                <td className="utrecht-table__cell">{i.detail}</td>
                <td className="utrecht-table__cell">{formatDateTime(i.createdAt)}</td>
                <td className="utrecht-table__cell">{i.createdByName ?? '–'}</td>
                <td className="utrecht-table__cell">{i.rows}</td>
                <td className="utrecht-table__cell">{IMPORT_STATUS_LABELS[i.status]}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </>
  );
}
