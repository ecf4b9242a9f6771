import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { requireAbility } from '../auth/guards.server.ts';
import { CbsError } from '../analysis/cbs.server.ts';
import { describeForImport, startCbsImport } from '../analysis/cbs-import.server.ts';
import { MAX_CSV_BYTES, parseFiguresCsv } from '../analysis/csv-import.server.ts';
import { Alert } from '../components/ui/feedback.tsx';
import { Field } from '../components/ui/fields.tsx';
import { BackLink, DataTable, Section } from '../components/ui/layout.tsx';
import { formatDateTime } from '../lib/time.ts';
import { listImports, MAX_SOURCE_NAME, prepareImport } from '../models/data-imports.server.ts';
import { listIndicators, regionOf } from '../models/monitor.server.ts';

export const meta: MetaFunction = () => [{ title: 'Cijfers importeren – Thuisplan' }];

const THIS_YEAR = new Date().getFullYear();

/** The gemeenten a workspace imports figures for: all of the region's, or a gemeente's own. */
async function importScope(context: ActionFunctionArgs['context'], workspace: Parameters<typeof regionOf>[1]) {
  const { gemeenten } = await regionOf(context.db, workspace);
  return workspace.kind === 'regio' ? gemeenten : gemeenten.filter((g) => g.id === workspace.id);
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const [imports, indicators, scope] = await Promise.all([
    listImports(context.db, workspace.id),
    listIndicators(context.db),
    importScope(context, workspace),
  ]);
  return { imports, indicators: indicators.map((i) => ({ id: i.id, name: i.name })), scope: scope.map((g) => g.name) };
}

const csvFields = z.object({
  source: z
    .string({ error: 'Noem de bron van de cijfers.' })
    .trim()
    .min(2, 'Noem de bron van de cijfers, bijvoorbeeld ‘Provinciale monitor’.')
    .max(MAX_SOURCE_NAME, `De naam van de bron is hoogstens ${MAX_SOURCE_NAME} tekens.`)
    .refine((s) => !s.toUpperCase().startsWith('CBS'), 'Bronnen die met ‘CBS’ beginnen komen uit de CBS-import.'),
  definition: z.string().trim().max(2000, 'De definitie is hoogstens 2.000 tekens.').default(''),
});

const cbsFields = z.object({
  table: z
    .string({ error: 'Vul een tabelnummer in.' })
    .trim()
    .regex(/^[0-9A-Za-z]{5,12}$/, 'Een CBS-tabelnummer bestaat uit 5 tot 12 letters en cijfers, zoals 70072ned.'),
  from: z.coerce
    .number({ error: 'Vul een jaar in.' })
    .int()
    .min(1995, 'Kies een jaar vanaf 1995.')
    .max(THIS_YEAR, `Kies een jaar tot en met ${THIS_YEAR}.`),
  to: z.coerce
    .number({ error: 'Vul een jaar in.' })
    .int()
    .min(1995, 'Kies een jaar vanaf 1995.')
    .max(THIS_YEAR, `Kies een jaar tot en met ${THIS_YEAR}.`),
});

type ActionData =
  | { kind: 'csv'; errors: string[]; errorCount: number; fields?: Record<string, string[]> }
  | { kind: 'cbs'; errors: string[]; fields?: Record<string, string[]> }
  | {
      kind: 'mapping';
      table: string;
      title: string;
      from: number;
      to: number;
      measures: Array<{ key: string; title: string; unit: string; suggested: string }>;
    };

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
  return fields;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const scope = await importScope(context, workspace);

  if (request.headers.get('content-type')?.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        return data<ActionData>(
          { kind: 'csv', errors: ['Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.'], errorCount: 1 },
          { status: 413 }
        );
      }
      throw error;
    }
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
        actorId: user.id,
      },
      scope.map((g) => g.id)
    );
    return redirect(`/w/${workspace.slug}/analyse/import/${id}`);
  }

  const form = await request.formData();
  const fields = cbsFields.safeParse({
    table: form.get('table') ?? undefined,
    from: form.get('from') ?? undefined,
    to: form.get('to') ?? undefined,
  });
  if (!fields.success) return data<ActionData>({ kind: 'cbs', errors: [], fields: fieldErrors(fields.error) }, { status: 400 });
  const { table, from, to } = fields.data;
  if (from > to)
    return data<ActionData>(
      { kind: 'cbs', errors: [], fields: { to: ['Het laatste jaar ligt vóór het eerste.'] } },
      { status: 400 }
    );
  try {
    const described = await describeForImport(context.db, table);
    if (form.get('intent') !== 'start') {
      return data<ActionData>({
        kind: 'mapping',
        table: described.table,
        title: described.title,
        from,
        to,
        measures: described.measures.map(({ key, title, unit, suggested }) => ({ key, title, unit, suggested })),
      });
    }
    const indicatorIds = new Set((await listIndicators(context.db)).map((i) => i.id));
    const mapping: Record<string, string> = {};
    for (const measure of described.measures) {
      const chosen = String(form.get(`maat:${measure.key}`) ?? '');
      if (chosen && indicatorIds.has(chosen)) mapping[measure.key] = chosen;
    }
    const chosen = Object.values(mapping);
    if (new Set(chosen).size < chosen.length) {
      return data<ActionData>({ kind: 'cbs', errors: ['Koppel elke indicator aan hoogstens één CBS-kolom.'] }, { status: 400 });
    }
    if (Object.keys(mapping).length === 0) {
      return data<ActionData>({ kind: 'cbs', errors: ['Koppel minstens één CBS-kolom aan een indicator.'] }, { status: 400 });
    }
    const job = startCbsImport(context.db, {
      workspaceId: workspace.id,
      userId: user.id,
      table: described.table,
      years: Array.from({ length: to - from + 1 }, (_, i) => from + i),
      mapping,
      gemeenten: new Map(scope.filter((g) => g.cbsCode).map((g) => [g.cbsCode!, g.id])),
    });
    return redirect(`/w/${workspace.slug}/analyse/import/cbs/${job.id}`);
  } catch (error) {
    if (error instanceof CbsError) return data<ActionData>({ kind: 'cbs', errors: [error.message] }, { status: 400 });
    throw error;
  }
}

export default function ImportFigures() {
  const { imports, indicators, scope } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const csv = result?.kind === 'csv' ? result : null;
  const cbs = result?.kind === 'cbs' ? result : null;
  const mapping = result?.kind === 'mapping' ? result : null;
  return (
    <>
      <BackLink>Terug naar de analyse</BackLink>
      <h2 className="utrecht-heading-2">Cijfers importeren</h2>
      <p className="utrecht-paragraph">
        Voor: {scope.join(', ')}. Elke import toont eerst wat er verandert; pas na uw bevestiging komen de cijfers in de monitor,
        in één keer of helemaal niet.
      </p>

      <Section id="cbs-titel" title="Uit CBS StatLine" narrow>
        {cbs?.errors.length ? <Alert kind="error">{cbs.errors.join(' ')}</Alert> : null}
        {mapping ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <input type="hidden" name="table" value={mapping.table} />
            <input type="hidden" name="from" value={mapping.from} />
            <input type="hidden" name="to" value={mapping.to} />
            <p className="utrecht-paragraph">
              <strong>{mapping.title}</strong> ({mapping.table}), {mapping.from}–{mapping.to}. Kies per kolom de indicator waarin
              de cijfers komen; voorstellen staan al ingevuld.
            </p>
            {mapping.measures.map((m) => (
              <Field
                key={m.key}
                id={`maat-${m.key}`}
                label={
                  <>
                    {m.title}{' '}
                    <span className="muted">
                      ({m.key}
                      {m.unit ? `, ${m.unit}` : ''})
                    </span>
                  </>
                }
              >
                {(control) => (
                  <select
                    {...control}
                    name={`maat:${m.key}`}
                    defaultValue={m.suggested}
                    className="utrecht-select utrecht-select--html-select"
                  >
                    <option value="">Niet importeren</option>
                    {indicators.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
            <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
              Cijfers ophalen
            </button>{' '}
            <Link to="." className="utrecht-link">
              Andere tabel
            </Link>
          </Form>
        ) : (
          <Form method="post">
            <Field
              id="table"
              label="Tabelnummer"
              description="Bijvoorbeeld 70072ned (Regionale kerncijfers: inwoners, leeftijd) of 85980NED (Aandachtsgroepen volkshuisvesting)."
              errors={cbs?.fields?.table}
            >
              {(control) => (
                <input
                  {...control}
                  name="table"
                  list="cbs-voorbeelden"
                  defaultValue="70072ned"
                  className="utrecht-textbox utrecht-textbox--html-input"
                />
              )}
            </Field>
            <datalist id="cbs-voorbeelden">
              <option value="70072ned">Regionale kerncijfers Nederland</option>
              <option value="85980NED">Aandachtsgroepen volkshuisvesting</option>
            </datalist>
            {(['from', 'to'] as const).map((field) => (
              <Field
                key={field}
                id={field}
                label={field === 'from' ? 'Vanaf jaar' : 'Tot en met jaar'}
                errors={cbs?.fields?.[field]}
              >
                {(control) => (
                  <input
                    {...control}
                    name={field}
                    type="number"
                    inputMode="numeric"
                    defaultValue={field === 'from' ? THIS_YEAR - 5 : THIS_YEAR - 1}
                    className="utrecht-textbox utrecht-textbox--html-input"
                  />
                )}
              </Field>
            ))}
            <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
              Kolommen bekijken
            </button>
          </Form>
        )}
      </Section>

      <Section id="csv-titel" title="Uit een CSV-bestand" narrow>
        <p className="utrecht-paragraph">
          Bijvoorbeeld cijfers van een partner of van de provinciale monitor, opgeslagen in Excel als CSV. Kolommen:{' '}
          <code>gemeente;indicator;periode;waarde</code> (gemeente als CBS-code of naam, indicator als code of naam, periode als
          jaartal). Puntkomma en decimale komma (Nederlandse Excel) of komma en decimale punt.
        </p>
        {csv?.errors.length ? (
          <Alert kind="error">
            <p>
              Het bestand is niet geïmporteerd: {csv.errorCount === 1 ? 'er is 1 fout' : `er zijn ${csv.errorCount} fouten`}
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
        <Form method="post" encType="multipart/form-data">
          <Field id="file" label="CSV-bestand (hoogstens 10 MB)" errors={csv?.fields?.file}>
            {(control) => <input {...control} name="file" type="file" accept=".csv,text/csv" />}
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
                <td className="utrecht-table__cell">{i.status === 'applied' ? 'Verwerkt' : 'Wacht op bevestiging'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </>
  );
}
