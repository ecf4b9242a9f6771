// Import from CBS StatLine, in two steps: the table number (GET ?tabel=), then per indicator a topic and
// a category of every other dimension of the table, the kind of period and the years (POST).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { CbsError, type CbsTable } from '../features/analysis/cbs.server.ts';
import {
  checkCbsRequest,
  describeForImport,
  startCbsImport,
  type CbsSuggestion,
} from '../features/analysis/cbs-import.server.ts';
import { cbsUnitProblem, UNIT_LABELS } from '../features/analysis/units.ts';
import { requireAbility } from '../http/guards.server.ts';
import { CbsTableForm } from '../features/analysis/cbs-table-form.tsx';
import { Alert } from '../components/ui/feedback.tsx';
import { Field } from '../components/ui/fields.tsx';
import { BackLink } from '../components/ui/layout.tsx';
import { importScope } from '../core/workspaces.server.ts';
import { listIndicators } from '../features/analysis/indicators.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers importeren', to: `/w/${params.slug}/analyse/import` },
  { label: 'Uit CBS StatLine' },
]);

const tableName = z
  .string({ error: 'Vul een tabelnummer in.' })
  .trim()
  .regex(/^[0-9A-Za-z]{5,12}$/, 'Een CBS-tabelnummer bestaat uit 5 tot 12 letters en cijfers, zoals 70072ned.');

/** The table for the form, without what the browser does not need (all regions of the country). */
function forForm(table: CbsTable) {
  return {
    table: table.table,
    title: table.title,
    modified: table.modified,
    topics: table.topics.map(({ key, title, unit, path }) => ({ key, title, unit, path })),
    dimensions: table.dimensions,
  };
}

async function load(context: LoaderFunctionArgs['context'], table: string) {
  const indicators = (await listIndicators(context.db)).map((i) => ({ id: i.id, name: i.name, unit: i.unit }));
  const described = await describeForImport(context.db, table, indicators);
  return { described, indicators };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  await requireAbility(context, request, params.slug, 'analysis.edit');
  const asked = new URL(request.url).searchParams.get('tabel');
  if (asked === null) return { table: null, errors: [] as string[], asked: '' };
  const parsed = tableName.safeParse(asked);
  if (!parsed.success) return data({ table: null, errors: parsed.error.issues.map((i) => i.message), asked }, { status: 400 });
  try {
    const { described, indicators } = await load(context, parsed.data);
    return {
      table: {
        ...forForm(described.table),
        moments: described.moments,
        moment: described.moment,
        links: described.links,
        indicators: indicators.map((i) => ({
          ...i,
          // Only topics whose unit fits: a share (%) can never be chosen for a count.
          topics: described.table.topics.filter((t) => !cbsUnitProblem(t, i)).map((t) => t.key),
        })),
      },
      errors: [] as string[],
      asked,
    };
  } catch (error) {
    if (error instanceof CbsError) return data({ table: null, errors: [error.message], asked }, { status: 400 });
    throw error;
  }
}

const year = (label: string) =>
  z.coerce
    .number({ error: `Vul bij ‘${label}’ een jaar in.` })
    .int(`Vul bij ‘${label}’ een jaar in.`)
    .min(1900, `Vul bij ‘${label}’ een jaar vanaf 1900 in.`)
    .max(2100, `Vul bij ‘${label}’ een jaar tot en met 2100 in.`);

const cbsFields = z.object({
  table: tableName,
  moment: z.string({ error: 'Kies een soort periode.' }).trim().min(1, 'Kies een soort periode.'),
  from: year('Vanaf jaar'),
  to: year('Tot en met jaar'),
});

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const form = await readForm(request);
  const fields = cbsFields.safeParse(
    Object.fromEntries(['table', 'moment', 'from', 'to'].map((k) => [k, form.get(k) ?? undefined]))
  );
  if (!fields.success) return data({ errors: [...new Set(fields.error.issues.map((i) => i.message))] }, { status: 400 });
  const { table: name, moment, from, to } = fields.data;
  if (from > to) return data({ errors: ['Het laatste jaar ligt vóór het eerste.'] }, { status: 400 });
  try {
    const { described, indicators } = await load(context, name);
    const table = described.table;
    const links: CbsSuggestion[] = [];
    const problems: string[] = [];
    const known = new Set(indicators.map((i) => i.id));
    const asked = [...new Set([...form.keys()].filter((k) => k.startsWith('onderwerp:')))].map((k) =>
      k.slice('onderwerp:'.length)
    );
    const unknown = asked.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const named = unknown.slice(0, 5).map((id) => `‘${id.slice(0, 60)}’`);
      problems.push(
        `Deze indicatoren bestaan niet: ${named.join(', ')}${unknown.length > 5 ? ` en ${unknown.length - 5} meer` : ''}.`
      );
    }
    for (const indicator of indicators.filter((i) => form.getAll(`onderwerp:${i.id}`).length > 1)) {
      problems.push(`De indicator ‘${indicator.name}’ is twee keer gekoppeld; koppel hem één keer.`);
    }
    for (const indicator of indicators) {
      const topic = String(form.get(`onderwerp:${indicator.id}`) ?? '');
      if (!topic) continue;
      const categories: Record<string, string> = {};
      for (const d of table.dimensions) {
        const chosen = String(form.get(`categorie:${indicator.id}:${d.key}`) ?? '').trim();
        // The form sends codes trimmed; CBS needs them as it pads them.
        const category = d.categories.find((c) => c.key.trim() === chosen);
        if (category) categories[d.key] = category.key;
        else if (chosen) categories[d.key] = chosen;
      }
      links.push({ indicatorId: indicator.id, topic, categories });
    }
    const request = { table: table.table, moment, from, to, links, indicators };
    problems.push(...(problems.length > 0 ? [] : checkCbsRequest(table, request)));
    if (problems.length > 0) return data({ errors: [...new Set(problems)] }, { status: 400 });
    const scope = await importScope(context.db, workspace);
    const job = startCbsImport(context.db, {
      ...request,
      workspaceId: workspace.id,
      userId: user.id,
      gemeenten: new Map(scope.filter((g) => g.cbsCode).map((g) => [g.cbsCode!, g.id])),
    });
    return redirect(`/w/${workspace.slug}/analyse/import/cbs/${job.id}`);
  } catch (error) {
    if (error instanceof CbsError) return data({ errors: [error.message] }, { status: 400 });
    throw error;
  }
}

export default function CbsImport() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const table = loaded.table;
  return (
    <>
      <BackLink to="..">Terug naar importeren</BackLink>
      <h2 className="utrecht-heading-2">Cijfers uit CBS StatLine</h2>
      {!table ? (
        <CbsTableForm errors={loaded.errors} value={loaded.asked} busy={busy} />
      ) : (
        <Form method="post" className="cbs-mapping">
          {result?.errors.length ? (
            <Alert kind="error">
              <p>De import is niet gestart. Er is niets veranderd.</p>
              <ul>
                {result.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <input type="hidden" name="table" value={table.table} />
          <p className="utrecht-paragraph">
            <strong>{table.title}</strong> ({table.table}). Kies per indicator het CBS-onderwerp en, voor elke andere indeling van
            de tabel, de categorie. Voorstellen staan al ingevuld; controleer ze.
          </p>
          <PeriodFields table={table} />
          {table.indicators
            .slice()
            .sort((a, b) => Number(hasLink(table.links, b.id)) - Number(hasLink(table.links, a.id)))
            .map((indicator) => (
              <IndicatorLink key={indicator.id} table={table} indicator={indicator} />
            ))}
          <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
            Cijfers ophalen
          </button>{' '}
          <Link to="." className="utrecht-link">
            Andere tabel
          </Link>
        </Form>
      )}
    </>
  );
}

type LoadedTable = NonNullable<Awaited<ReturnType<typeof useLoaderData<typeof loader>>>['table']>;

const hasLink = (links: CbsSuggestion[], indicatorId: string) => links.some((l) => l.indicatorId === indicatorId);

function PeriodFields({ table }: { table: LoadedTable }) {
  const moment = table.moments.find((m) => m.moment === table.moment) ?? table.moments[0];
  const last = moment?.years.at(-1) ?? new Date().getFullYear() - 1;
  const first = Math.max(moment?.years[0] ?? last, last - 4);
  return (
    <fieldset className="utrecht-form-fieldset">
      <legend className="utrecht-form-fieldset__legend">Periode</legend>
      <Field
        id="moment"
        label="Soort periode"
        description="Bij een tabel met peildata (zoals 1 januari) staat de peildatum als maand: ‘januari’ is de stand op 1 januari."
      >
        {(control) => (
          <select {...control} name="moment" defaultValue={table.moment} className="utrecht-select utrecht-select--html-select">
            {table.moments.map((m) => (
              <option key={m.moment} value={m.moment}>
                {m.label} ({m.years[0]}–{m.years.at(-1)})
              </option>
            ))}
          </select>
        )}
      </Field>
      {(['from', 'to'] as const).map((field) => (
        <Field key={field} id={field} label={field === 'from' ? 'Vanaf jaar' : 'Tot en met jaar'}>
          {(control) => (
            <input
              {...control}
              name={field}
              type="number"
              inputMode="numeric"
              defaultValue={field === 'from' ? first : last}
              className="utrecht-textbox utrecht-textbox--html-input"
            />
          )}
        </Field>
      ))}
    </fieldset>
  );
}

function IndicatorLink({ table, indicator }: { table: LoadedTable; indicator: LoadedTable['indicators'][number] }) {
  const suggestion = table.links.find((l) => l.indicatorId === indicator.id);
  const topics = table.topics.filter((t) => indicator.topics.includes(t.key));
  const paths = [...new Set(topics.map((t) => t.path.join(' › ')))];
  return (
    <fieldset className="utrecht-form-fieldset cbs-link">
      <legend className="utrecht-form-fieldset__legend">
        {indicator.name} <span className="muted">({UNIT_LABELS[indicator.unit]})</span>
      </legend>
      <Field
        id={`onderwerp-${indicator.id}`}
        label="CBS-onderwerp"
        description={`Alleen onderwerpen in ‘${UNIT_LABELS[indicator.unit]}’ staan erbij.`}
      >
        {(control) => (
          <select
            {...control}
            name={`onderwerp:${indicator.id}`}
            defaultValue={suggestion?.topic ?? ''}
            className="utrecht-select utrecht-select--html-select"
          >
            <option value="">Niet importeren</option>
            {paths.map((path) => {
              const options = topics
                .filter((t) => t.path.join(' › ') === path)
                .map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.title} ({t.unit || 'geen eenheid'}; {t.key})
                  </option>
                ));
              return path ? (
                <optgroup key={path} label={path}>
                  {options}
                </optgroup>
              ) : (
                options
              );
            })}
          </select>
        )}
      </Field>
      {table.dimensions.map((d) => {
        const total = d.categories.find((c) => c.key === d.total);
        return (
          <Field
            key={d.key}
            id={`categorie-${indicator.id}-${d.key}`}
            label={d.title}
            description={
              total
                ? `‘${total.title}’ is het totaal van alle categorieën en staat voorgeselecteerd.`
                : 'Deze indeling heeft geen totaal: kies de categorie.'
            }
          >
            {(control) => (
              <select
                {...control}
                name={`categorie:${indicator.id}:${d.key}`}
                defaultValue={(suggestion?.categories[d.key] ?? d.total ?? '').trim()}
                className="utrecht-select utrecht-select--html-select"
              >
                <option value="">Kies een categorie</option>
                {d.categories.map((c) => (
                  <option key={c.key} value={c.key.trim()}>
                    {c.group ? `${c.group}: ${c.title}` : c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}
