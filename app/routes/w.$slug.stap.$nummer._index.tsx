import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { notFound, requireAbility } from '../http/guards.server.ts';
import { allowed, authorize } from '../auth/policies/index.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CheckboxField, SelectField, TextField } from '../components/ui/fields.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { STEP_NAMES } from '../core/labels.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';
import { plural } from '../lib/plural.ts';
import { StepStatusBadge } from '../features/steps/step-status.tsx';
import { getStep } from '../features/steps/steps.server.ts';
import {
  addItem,
  getChecklistItem,
  listChecklist,
  moveItem,
  pointItemAtHeading,
  removeItem,
  renameItem,
  tickItem,
  untickItem,
} from '../features/steps/checklists.server.ts';
import {
  coverageOf,
  itemHeadingSchema,
  itemTextSchema,
  MAX_ITEM_TEXT,
  progressText,
  removeItemSchema,
  type Coverage,
} from '../features/steps/checklist-forms.ts';
import { countDocumentsByStep } from '../features/documents/documents.server.ts';
import { listPlanHeadings } from '../features/documents/plan-headings.server.ts';
import {
  headingExists,
  headingHref,
  headingOptions,
  headingRefValue,
  parseHeadingRef,
  type HeadingRef,
} from '../features/documents/plan-headings.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs<typeof loader>(({ data }) => ({
  label: `Stap ${data.step.number}: ${STEP_NAMES[data.step.number]}`,
}));

/** Step 2's checklist is the content check of the woonzorgvisie in the volkshuisvestingsprogramma. */
const CONTENT_CHECK_STEP = 2;

/** The intents with a form of their own, that show a refusal at their fields. */
const FORM_INTENTS = ['add', 'rename', 'heading', 'remove'];

const DONE_MESSAGES: Record<string, string> = {
  add: 'Het punt is toegevoegd.',
  rename: 'De tekst van het punt is gewijzigd.',
  heading: 'De kop bij het punt is opgeslagen.',
  remove: 'Het punt is verwijderd.',
  up: 'Het punt is verplaatst.',
  down: 'Het punt is verplaatst.',
  tick: 'Het punt is afgevinkt.',
  untick: 'Het vinkje is weggehaald.',
};

async function loadStep({ context, request, params }: LoaderFunctionArgs) {
  const access = await requireAbility(context, request, params.slug, 'workspace.view');
  if (!/^[1-4]$/.test(params.nummer ?? '')) throw notFound();
  const step = await getStep(context.db, access.workspace.id, Number(params.nummer));
  if (!step) throw notFound();
  return { ...access, step };
}

export async function loader(args: LoaderFunctionArgs) {
  const { workspace, actor, ref, step } = await loadStep(args);
  const { db, collab } = args.context;
  const [items, plans, documentCounts] = await Promise.all([
    listChecklist(db, workspace.id, step.number),
    listPlanHeadings(db, collab.readState, workspace.id),
    countDocumentsByStep(db, workspace.id),
  ]);
  const canManage = allowed(actor, 'checklist.add', { workspace: ref });
  return {
    slug: workspace.slug,
    step,
    documentCount: documentCounts[step.number] ?? 0,
    can: { update: allowed(actor, 'step.update', { workspace: ref }), manage: canManage },
    items: items.map((item) => ({ ...item, coverage: coverageOf(item, plans) })),
    headingOptions: canManage ? headingOptions(plans) : [],
  };
}

/** A refused form: which intent on which item (null: the new item), with conform's reply for its fields. */
interface ItemResult {
  intent: string;
  itemId: string | null;
  result: SubmissionResult<string[]>;
}

export async function action(args: ActionFunctionArgs) {
  const { workspace, user, actor, ref, step } = await loadStep(args);
  const { db, collab } = args.context;
  const form = await readForm(args.request);
  const intent = String(form.get('intent') ?? '');
  const done = (itemId: string | null) =>
    redirect(`/w/${workspace.slug}/stap/${step.number}?gedaan=${intent}${itemId ? `#punt-${itemId}` : '#checklist-titel'}`);
  const refuse = (itemId: string | null, result: ItemResult['result']) =>
    data<ItemResult>({ intent, itemId, result }, { status: 400 });

  if (intent === 'add') {
    authorize(actor, 'checklist.add', { workspace: ref });
    const submission = parseWithZod(form, { schema: itemTextSchema });
    if (submission.status !== 'success') return refuse(null, submission.reply());
    return done(await addItem(db, workspace.id, step.number, submission.value.text, user.id));
  }

  // Every other intent changes one item: of this workspace (else 404, like an unknown id) and on this step.
  const item = await getChecklistItem(db, String(form.get('id') ?? ''));
  authorize(actor, 'checklist.change', { workspace: ref, item });
  if (!item || item.step !== step.number) throw notFound();
  switch (intent) {
    case 'tick':
      await tickItem(db, item, user.id);
      return done(item.id);
    case 'untick':
      await untickItem(db, item, user.id);
      return done(item.id);
    case 'up':
    case 'down':
      await moveItem(db, item, intent, user.id);
      return done(item.id);
    case 'rename': {
      const submission = parseWithZod(form, { schema: itemTextSchema });
      if (submission.status !== 'success') return refuse(item.id, submission.reply());
      await renameItem(db, item, submission.value.text, user.id);
      return done(item.id);
    }
    case 'heading': {
      const submission = parseWithZod(form, { schema: itemHeadingSchema });
      if (submission.status !== 'success') return refuse(item.id, submission.reply());
      const value = submission.value.heading ?? '';
      const headingRef: HeadingRef | null = value ? parseHeadingRef(value) : null;
      if (value) {
        // Only a heading that is in a (not archived) document of this workspace now.
        const plans = await listPlanHeadings(db, collab.readState, workspace.id);
        if (!headingRef || !headingExists(plans, headingRef)) {
          return refuse(
            item.id,
            submission.reply({
              fieldErrors: { heading: ['Kies een kop uit een document van deze werkruimte; deze kop staat er niet (meer) in.'] },
            })
          );
        }
      }
      await pointItemAtHeading(db, item, headingRef, user.id);
      return done(item.id);
    }
    case 'remove': {
      const submission = parseWithZod(form, { schema: removeItemSchema });
      if (submission.status !== 'success') return refuse(item.id, submission.reply());
      await removeItem(db, item, user.id);
      return done(null);
    }
    default:
      return data<ItemResult>({ intent, itemId: item.id, result: { status: 'error' } }, { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ItemView = LoaderData['items'][number];

export default function StepPage() {
  const { slug, step, documentCount, can, items, headingOptions: options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const doneMessage = DONE_MESSAGES[searchParams.get('gedaan') ?? ''];
  const checked = items.filter((i) => i.checkedAt).length;
  const isContentCheck = step.number === CONTENT_CHECK_STEP;
  const uncovered = items.filter((i) => i.coverage.kind !== 'gedekt');
  return (
    <>
      <h2 className="utrecht-heading-2" id="stap-titel">
        Stap {step.number}: {STEP_NAMES[step.number]}
      </h2>
      {doneMessage ? <Alert kind="ok">{doneMessage}</Alert> : null}
      <dl className="step-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StepStatusBadge status={step.status} />
          </dd>
        </div>
        <div>
          <dt>Eigenaar</dt>
          <dd>{step.ownerName ?? <span className="muted">Geen</span>}</dd>
        </div>
        <div>
          <dt>Streefdatum</dt>
          <dd>{step.dueDate ? formatDate(step.dueDate) : <span className="muted">Geen</span>}</dd>
        </div>
        <div>
          <dt>Toelichting</dt>
          <dd>
            {step.note || <span className="muted">Geen</span>}
            {step.updatedByName ? (
              <span className="muted step-facts__by">
                Bijgewerkt door {step.updatedByName} op {formatDateTime(step.updatedAt)}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Documenten</dt>
          <dd>
            <Link to={`/w/${slug}/documenten?stap=${step.number}`} className="utrecht-link">
              {plural(documentCount, 'document', 'documenten')} bij stap {step.number}
            </Link>
          </dd>
        </div>
      </dl>
      {can.update ? (
        <p className="utrecht-paragraph">
          <Link to="wijzigen" relative="path" className="utrecht-link">
            Status, eigenaar en streefdatum van stap {step.number} wijzigen
          </Link>
        </p>
      ) : null}

      {isContentCheck ? (
        <section className="section" aria-labelledby="inhoudstoets-titel">
          <h3 id="inhoudstoets-titel" className="utrecht-heading-3">
            Inhoudelijke toets van het plan
          </h3>
          <p className="utrecht-paragraph">
            De checklist van deze stap is de inhoudelijke toets van de woonzorgvisie als onderdeel van het
            volkshuisvestingsprogramma. Volgens de Wet versterking regie volkshuisvesting stelt elke gemeente een
            volkshuisvestingsprogramma vast, waarin de woonvisie en de woonzorgvisie opgaan. De Tweede Kamer heeft de wet op 3
            juli 2025 aangenomen; de Eerste Kamer moet er nog over beslissen.
          </p>
          <p className="utrecht-paragraph">
            Koppel elk punt aan de kop in het plan waar het staat. Wat nog nergens in het plan staat, ziet u hieronder.
          </p>
          <h4 id="niet-gedekt-titel" className="utrecht-heading-4">
            Nog niet gedekt in het plan
          </h4>
          {uncovered.length === 0 ? (
            <p className="utrecht-paragraph" data-testid="niet-gedekt">
              {items.length === 0 ? 'Er staan geen punten op de checklist.' : 'Alle punten staan in het plan.'}
            </p>
          ) : (
            <ul className="utrecht-unordered-list uncovered" aria-labelledby="niet-gedekt-titel" data-testid="niet-gedekt">
              {uncovered.map((item) => (
                <li key={item.id}>
                  <a href={`#punt-${item.id}`} className="utrecht-link">
                    {item.text}
                  </a>
                  {item.coverage.kind === 'kop-weg' ? (
                    <span className="checklist__warning"> — kop niet meer gevonden: “{item.coverage.ref.heading}”</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="section" aria-labelledby="checklist-titel">
        <h3 id="checklist-titel" className="utrecht-heading-3">
          Checklist
        </h3>
        <p className="utrecht-paragraph checklist__progress-text" id="checklist-voortgang" data-testid="voortgang">
          {progressText(checked, items.length)}
        </p>
        {items.length > 0 ? (
          <progress className="checklist-progress" max={items.length} value={checked} aria-labelledby="checklist-voortgang">
            {progressText(checked, items.length)}
          </progress>
        ) : null}
        {actionData && !FORM_INTENTS.includes(actionData.intent) ? (
          <Alert kind="error">Deze handeling bestaat niet. Kies een knop bij een punt.</Alert>
        ) : null}
        <ol className="checklist">
          {items.map((item, index) => (
            <ChecklistItem
              key={item.id}
              item={item}
              slug={slug}
              first={index === 0}
              last={index === items.length - 1}
              canManage={can.manage}
              options={options}
              lastResult={actionData?.itemId === item.id ? actionData : null}
            />
          ))}
        </ol>
        {can.manage ? <AddItemForm lastResult={actionData?.intent === 'add' ? actionData.result : null} /> : null}
      </section>
    </>
  );
}

function CoverageLine({ coverage, slug }: { coverage: Coverage; slug: string }) {
  if (coverage.kind === 'gedekt') {
    return (
      <p className="checklist__coverage">
        In het plan:{' '}
        <Link to={headingHref(slug, coverage.ref)} className="utrecht-link">
          {coverage.ref.heading}
        </Link>{' '}
        <span className="muted">({coverage.documentTitle})</span>
      </p>
    );
  }
  if (coverage.kind === 'kop-weg') {
    return (
      <p className="checklist__coverage checklist__warning">
        Kop niet meer gevonden: “{coverage.ref.heading}” staat niet (meer) in een plan van deze werkruimte.
      </p>
    );
  }
  return <p className="checklist__coverage muted">Nog niet gekoppeld aan een kop in het plan.</p>;
}

function ChecklistItem({
  item,
  slug,
  first,
  last,
  canManage,
  options,
  lastResult,
}: {
  item: ItemView;
  slug: string;
  first: boolean;
  last: boolean;
  canManage: boolean;
  options: LoaderData['headingOptions'];
  lastResult: { intent: string; result: ItemResult['result'] } | null;
}) {
  const isChecked = Boolean(item.checkedAt);
  const failedHere = lastResult && FORM_INTENTS.includes(lastResult.intent);
  return (
    <li id={`punt-${item.id}`} className={`checklist__item${isChecked ? ' checklist__item--checked' : ''}`}>
      <div className="checklist__head">
        <span className="checklist__mark" aria-hidden="true">
          {isChecked ? '✓' : ''}
        </span>
        <div className="checklist__body">
          <p className="checklist__text">
            <strong>{item.text}</strong>
          </p>
          <p className="checklist__state">
            {isChecked ? (
              `Afgevinkt${item.checkedByName ? ` door ${item.checkedByName}` : ''} op ${formatDateTime(item.checkedAt!)}`
            ) : (
              <span className="muted">Nog open</span>
            )}
          </p>
          <CoverageLine coverage={item.coverage} slug={slug} />
        </div>
      </div>
      {canManage ? (
        <div className="checklist__actions">
          <Form method="post" className="inline-form">
            <input type="hidden" name="id" value={item.id} />
            <Button name="intent" value={isChecked ? 'untick' : 'tick'} variant={isChecked ? 'secondary' : 'primary'}>
              {isChecked ? 'Vinkje weghalen' : 'Afvinken'}
              <span className="visually-hidden">: {item.text}</span>
            </Button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="id" value={item.id} />
            {!first ? (
              <Button name="intent" value="up" variant="secondary">
                Omhoog<span className="visually-hidden">: {item.text}</span>
              </Button>
            ) : null}
            {!last ? (
              <Button name="intent" value="down" variant="secondary">
                Omlaag<span className="visually-hidden">: {item.text}</span>
              </Button>
            ) : null}
          </Form>
          <details className="checklist__edit" open={Boolean(failedHere)}>
            <summary>
              Wijzigen<span className="visually-hidden">: {item.text}</span>
            </summary>
            <RenameForm item={item} lastResult={lastResult?.intent === 'rename' ? lastResult.result : null} />
            <HeadingForm item={item} options={options} lastResult={lastResult?.intent === 'heading' ? lastResult.result : null} />
            <RemoveForm item={item} lastResult={lastResult?.intent === 'remove' ? lastResult.result : null} />
          </details>
        </div>
      ) : null}
    </li>
  );
}

function RenameForm({ item, lastResult }: { item: ItemView; lastResult: ItemResult['result'] | null }) {
  const [form, fields] = useZodForm({
    id: `tekst-${item.id}`,
    schema: itemTextSchema,
    lastResult,
    defaultValue: { text: item.text },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="checklist__form">
      <input type="hidden" name="id" value={item.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.text} label="Tekst van het punt" autoComplete="off" />
      <Button name="intent" value="rename" variant="secondary">
        Tekst opslaan
      </Button>
    </Form>
  );
}

function HeadingForm({
  item,
  options,
  lastResult,
}: {
  item: ItemView;
  options: LoaderData['headingOptions'];
  lastResult: ItemResult['result'] | null;
}) {
  const current = item.coverage.kind === 'gedekt' ? headingRefValue(item.coverage.ref) : '';
  const [form, fields] = useZodForm({
    id: `kop-${item.id}`,
    schema: itemHeadingSchema,
    lastResult,
    defaultValue: { heading: current },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="checklist__form">
      <input type="hidden" name="id" value={item.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.heading}
        label="Kop in het plan die dit punt dekt"
        description={
          options.length === 0
            ? 'Er is nog geen document met koppen in deze werkruimte.'
            : 'Kies de kop waaronder het plan dit punt behandelt, of ‘Geen kop’.'
        }
        options={options}
        placeholder="Geen kop (nog niet gedekt)"
      />
      <Button name="intent" value="heading" variant="secondary">
        Kop opslaan
      </Button>
    </Form>
  );
}

function RemoveForm({ item, lastResult }: { item: ItemView; lastResult: ItemResult['result'] | null }) {
  const [form, fields] = useZodForm({ id: `verwijder-${item.id}`, schema: removeItemSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="checklist__form">
      <input type="hidden" name="id" value={item.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <CheckboxField field={fields.confirm} label="Ja, verwijder dit punt van de checklist" />
      <Button name="intent" value="remove" variant="danger">
        Punt verwijderen
      </Button>
    </Form>
  );
}

function AddItemForm({ lastResult }: { lastResult: ItemResult['result'] | null }) {
  const [form, fields] = useZodForm({ id: 'nieuw-punt', schema: itemTextSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="checklist__form page-narrow">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField
        field={fields.text}
        label="Nieuw punt op de checklist"
        description={`Hoogstens ${MAX_ITEM_TEXT} tekens.`}
        autoComplete="off"
      />
      <Button name="intent" value="add">
        Punt toevoegen
      </Button>
    </Form>
  );
}
