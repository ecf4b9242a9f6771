import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { forbidden, requireRound } from '../http/guards.server.ts';
import { allowed, check } from '../auth/policies/index.ts';
import { Alert, Button } from '../components/ui/feedback.tsx';
import { Field } from '../components/ui/fields.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { DECISIONS, decisionSchema } from '../features/comments/comment-forms.ts';
import { DECISION_LABELS } from '../core/labels.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';
import { decideComment } from '../features/comments/comments.server.ts';
import { closeRound, roundComments } from '../features/review-rounds/review-rounds.server.ts';
import { remindRound } from '../features/review-rounds/reminders.server.ts';
import { roundInvitees, roundOrganisations } from '../features/review-rounds/invitees.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { formatCount, plural } from '../lib/plural.ts';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Reviewrondes', to: `/w/${params.slug}/reviewrondes` },
  { label: data.round.title },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { round, workspace, actor, ref } = await requireRound(context, request, params, 'comment.process');
  const [invitees, organisations, comments] = await Promise.all([
    roundInvitees(context.db, round.id),
    roundOrganisations(context.db, round.id),
    roundComments(context.db, round.id),
  ]);
  return {
    round,
    invitees,
    organisations,
    comments,
    // The remind and close buttons: for the projectleider, while the round is open.
    can: {
      remind: allowed(actor, 'review.remind', { workspace: ref, round }),
      close: allowed(actor, 'review.close', { workspace: ref, round }),
    },
    base: `/w/${workspace.slug}`,
  };
}

type ActionResult =
  { done: 'remind' | 'close'; count?: number } | { decided: string } | { commentId: string; errors: Record<string, string[]> };

export async function action({ context, request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get('intent');
  const access = await requireRound(context, request, params, intent === 'decide' ? 'comment.process' : 'review.manage');
  const { round, user, workspace, actor, ref } = access;
  const documentUrl = `/w/${workspace.slug}/documenten/${round.documentId}`;
  if (intent === 'remind' || intent === 'close') {
    const refusal = check(actor, intent === 'remind' ? 'review.remind' : 'review.close', { workspace: ref, round });
    if (refusal) return data<ActionResult>({ commentId: '', errors: { form: [refusal.message] } }, { status: refusal.status });
    const ids =
      intent === 'remind'
        ? await remindRound(context.db, round, user.id, documentUrl)
        : await closeRound(context.db, round, { id: user.id, name: user.name }, documentUrl);
    if (ids === null) {
      return data<ActionResult>({ commentId: '', errors: { form: ['Deze ronde is al gesloten.'] } }, { status: 409 });
    }
    return data<ActionResult>({ done: intent, count: ids.length });
  }
  if (intent !== 'decide') throw forbidden();
  const commentId = String(form.get('commentId') ?? '');
  const comments = await roundComments(context.db, round.id);
  const refusal = check(actor, 'review.decide', {
    workspace: ref,
    round,
    inRound: comments.some((c) => c.commentId === commentId),
  });
  if (refusal) return data<ActionResult>({ commentId, errors: { form: [refusal.message] } }, { status: refusal.status });
  const parsed = decisionSchema.safeParse({ decision: form.get('decision') ?? undefined, note: form.get('note') ?? undefined });
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
    return data<ActionResult>({ commentId, errors }, { status: 400 });
  }
  await decideComment(context.db, round.workspaceId, commentId, parsed.data, user.id); // shows in the document's comment panel too
  return data<ActionResult>({ decided: commentId });
}

export default function ReviewRound() {
  const { round, invitees, organisations, comments, can, base } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const responded = invitees.filter((i) => i.commentCount > 0).length;
  const processed = comments.filter((c) => c.decision).length;
  const perOrganisation = new Map<string, number>();
  for (const c of comments)
    perOrganisation.set(
      c.organisationName ?? 'Zonder organisatie',
      (perOrganisation.get(c.organisationName ?? 'Zonder organisatie') ?? 0) + 1
    );
  const mostPerOrganisation = Math.max(1, ...perOrganisation.values());
  return (
    <>
      <p className="utrecht-paragraph">
        <Link to={`${base}/reviewrondes`} className="utrecht-link">
          Alle reviewrondes
        </Link>
      </p>
      <h2 className="utrecht-heading-2">{round.title}</h2>
      <p className="utrecht-paragraph">
        Over{' '}
        <Link to={`${base}/documenten/${round.documentId}/versies/${round.versionId}`} className="utrecht-link">
          {round.documentTitle}, versie {round.versionName}
        </Link>{' '}
        · reageren tot en met {formatDate(round.deadline)} ·{' '}
        {round.status === 'open' ? 'open' : `gesloten op ${formatDateTime(round.closedAt)}`} · geopend door{' '}
        {round.openedByName ?? 'onbekend'}
      </p>
      <p className="utrecht-paragraph">
        <Link to={`${base}/documenten/${round.documentId}`} className="utrecht-link">
          Naar het document en de opmerkingen
        </Link>
      </p>
      {result && 'done' in result ? (
        <Alert kind="ok">
          {result.done === 'close'
            ? 'De ronde is gesloten. Nieuwe opmerkingen tellen niet meer mee.'
            : `Herinnering verstuurd aan ${plural(result.count ?? 0, 'genodigde', 'genodigden')}.`}
        </Alert>
      ) : null}
      {result && 'errors' in result && result.errors.form ? <Alert kind="error">{result.errors.form.join(' ')}</Alert> : null}

      <Section id="respons-titel" title="Wie heeft gereageerd">
        <p className="utrecht-paragraph" id="respons-uitleg">
          {`Gereageerd: ${formatCount(responded)} van ${plural(invitees.length, 'genodigde', 'genodigden')}; samen ${plural(
            comments.length,
            'opmerking',
            'opmerkingen'
          )}, waarvan ${formatCount(processed)} verwerkt.`}
        </p>
        <progress
          className="round-progress"
          max={Math.max(1, invitees.length)}
          value={responded}
          aria-label="Deel van de genodigden dat reageerde"
          aria-describedby="respons-uitleg"
        >
          {responded} van {invitees.length}
        </progress>
        {organisations.length > 0 ? (
          <p className="utrecht-paragraph muted">Uitgenodigde organisaties: {organisations.map((o) => o.name).join(', ')}.</p>
        ) : null}
        <DataTable
          caption="Genodigden en hun reacties"
          columns={['Genodigde', 'Organisatie', 'Uitgenodigd', 'Opmerkingen', 'Laatste reactie']}
        >
          {invitees.map((i) => (
            <tr key={i.userId} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {i.name}
              </th>
              <td className="utrecht-table__cell">{i.organisationName ?? '–'}</td>
              <td className="utrecht-table__cell">{i.viaOrganisation ? 'via de organisatie' : 'persoonlijk'}</td>
              <td className="utrecht-table__cell">{i.commentCount > 0 ? i.commentCount : 'Nog niet gereageerd'}</td>
              <td className="utrecht-table__cell">{formatDateTime(i.lastCommentAt) || '–'}</td>
            </tr>
          ))}
        </DataTable>
        {perOrganisation.size > 0 ? (
          <figure className="bar-chart">
            <figcaption className="utrecht-paragraph">Opmerkingen per organisatie</figcaption>
            <table className="utrecht-table">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    Organisatie
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Opmerkingen
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {[...perOrganisation].map(([name, n]) => (
                  <tr key={name} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell">
                      {name}
                    </th>
                    <td className="utrecht-table__cell">
                      {/* An SVG bar: its width is an attribute, where a style attribute would break the CSP. */}
                      <svg className="bar-chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect width={(n / mostPerOrganisation) * 100} height="10" />
                      </svg>
                      <span className="bar-chart__value">{n}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        ) : null}
        {can.remind || can.close ? (
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="intent" value="remind" />
              <Button variant="secondary" disabled={responded === invitees.length}>
                Herinnering sturen aan wie nog niet reageerde
              </Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <Button variant="danger">Ronde sluiten</Button>
            </Form>
          </div>
        ) : null}
      </Section>

      <Section id="verwerking-titel" title="Verwerking van de reacties">
        <p className="utrecht-paragraph">
          Leg bij elke reactie vast wat ermee is gedaan. De reactienota zet ze op een rij:{' '}
          <a href={`${base}/reviewrondes/${round.id}/reactienota.docx`} className="utrecht-link">
            reactienota downloaden (Word)
          </a>{' '}
          of{' '}
          <a href={`${base}/reviewrondes/${round.id}/reactienota.csv`} className="utrecht-link">
            als CSV
          </a>
          .
        </p>
        {comments.length === 0 ? <p className="utrecht-paragraph">Er zijn nog geen reacties in deze ronde.</p> : null}
        <ol className="processing">
          {comments.map((c, index) => (
            <li key={c.commentId}>
              <ProcessComment comment={c} index={index} result={result} />
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}

function ProcessComment({
  comment,
  index,
  result,
}: {
  comment: ReturnType<typeof useLoaderData<typeof loader>>['comments'][number];
  index: number;
  result: ReturnType<typeof useActionData<typeof action>>;
}) {
  const navigation = useNavigation();
  const errors = result && 'errors' in result && result.commentId === comment.commentId ? result.errors : {};
  const saved = result && 'decided' in result && result.decided === comment.commentId;
  const id = `reactie-${index + 1}`;
  return (
    <article className="processing__item" aria-labelledby={`${id}-titel`}>
      <h3 id={`${id}-titel`} className="utrecht-heading-3">
        Reactie {index + 1}: {comment.authorName}
        {comment.organisationName ? ` (${comment.organisationName})` : ''}
      </h3>
      <p className="comments__meta">{formatDateTime(comment.createdAt)}</p>
      {comment.quote ? (
        <p className="utrecht-paragraph">
          Bij: <q className="comments__quote">{comment.quote}</q>
        </p>
      ) : null}
      <p className="comments__body">{comment.body}</p>
      {saved ? <Alert kind="ok">De verwerking is opgeslagen.</Alert> : null}
      <Form method="post" className="processing__form">
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="commentId" value={comment.commentId} />
        <Field id={`${id}-besluit`} label="Verwerking" errors={errors.decision}>
          {(control) => (
            <select
              {...control}
              name="decision"
              defaultValue={comment.decision ?? ''}
              className="utrecht-select utrecht-select--html-select"
            >
              <option value="">Kies hoe de reactie is verwerkt</option>
              {DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {DECISION_LABELS[d]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-toelichting`} label="Toelichting" errors={errors.note}>
          {(control) => (
            <textarea
              {...control}
              name="note"
              rows={2}
              defaultValue={comment.decisionNote ?? ''}
              className="utrecht-textarea utrecht-textarea--html-textarea"
            />
          )}
        </Field>
        <Button variant="secondary" disabled={navigation.state !== 'idle'}>
          Verwerking opslaan
        </Button>
        {comment.decidedByName ? <p className="comments__meta">Laatst vastgelegd door {comment.decidedByName}.</p> : null}
      </Form>
    </article>
  );
}
