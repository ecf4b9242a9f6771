import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { Button, FormErrors } from '../components/ui/feedback.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../components/ui/fields.tsx';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { ROLE_LABELS } from '../core/labels.ts';
import { roundSchema } from '../features/review-rounds/review-forms.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';
import { listOrganisations } from '../features/accounts/organisations.server.ts';
import { listRounds, openRound, versionChoices } from '../features/review-rounds/review-rounds.server.ts';
import { resolveInvitees, reviewCandidates } from '../features/review-rounds/invitees.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { plural, pluralWord } from '../lib/plural.ts';
import { listDocuments } from '../features/documents/documents.server.ts';

export const handle = crumbs(() => ({ label: 'Reviewrondes' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, abilities } = await requireAbility(context, request, params.slug, 'comment.process');
  const canOpen = abilities.includes('review.manage');
  const [rounds, versions, candidates, organisations] = await Promise.all([
    listRounds(context.db, workspace.id),
    canOpen ? versionChoices(context.db, workspace.id) : [],
    canOpen ? reviewCandidates(context.db, workspace) : [],
    canOpen ? listOrganisations(context.db) : [],
  ]);
  // With nothing to review yet: where a version is recorded (one document: its versions; else the list).
  const documents = canOpen && versions.length === 0 ? await listDocuments(context.db, workspace.id) : [];
  const versionsAt =
    documents.length === 1 ? `/w/${workspace.slug}/documenten/${documents[0]!.id}/versies` : `/w/${workspace.slug}/documenten`;
  return {
    rounds,
    canOpen,
    noVersion: { href: versionsAt, documents: documents.length, canRecord: abilities.includes('document.edit') },
    versions: versions.map((v) => ({ value: v.id, label: `${v.documentTitle} – ${v.name} (${formatDateTime(v.createdAt)})` })),
    candidates,
    organisations: organisations.filter((o) => o.userCount > 0).map((o) => ({ id: o.id, name: o.name, userCount: o.userCount })),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'review.manage');
  const submission = parseWithZod(await readForm(request), { schema: roundSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const round = submission.value;
  const [versions, candidates] = await Promise.all([
    versionChoices(context.db, workspace.id),
    reviewCandidates(context.db, workspace),
  ]);
  const version = versions.find((v) => v.id === round.versionId);
  if (!version) {
    return data({ result: submission.reply({ fieldErrors: { versionId: ['Kies een versie uit de lijst.'] } }) }, { status: 400 });
  }
  const known = new Set(candidates.map((c) => c.id));
  if (round.userIds.some((id) => !known.has(id))) {
    return data({ result: submission.reply({ fieldErrors: { userIds: ['Kies personen uit de lijst.'] } }) }, { status: 400 });
  }
  const organisations = await listOrganisations(context.db);
  if (round.organisationIds.some((id) => !organisations.some((o) => o.id === id && o.userCount > 0))) {
    return data(
      { result: submission.reply({ fieldErrors: { organisationIds: ['Kies organisaties uit de lijst.'] } }) },
      { status: 400 }
    );
  }
  // Everyone invited must be able to comment here; offer to grant the commentator role to the others.
  const invited = await resolveInvitees(context.db, candidates, round.userIds, round.organisationIds);
  const withoutRights = invited.filter((c) => !c.mayComment);
  if (withoutRights.length > 0 && !round.grant) {
    const names = withoutRights.map((c) => c.name).join(', ');
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            grant: [
              `${names} ${pluralWord(withoutRights.length, 'mag', 'mogen')} hier nog niet reageren. Vink aan dat zij de rol commentator krijgen, of nodig anderen uit.`,
            ],
          },
        }),
      },
      { status: 400 }
    );
  }
  const documentUrl = `/w/${workspace.slug}/documenten/${version.documentId}`;
  const opened = await openRound(context.db, {
    workspaceId: workspace.id,
    documentId: version.documentId,
    versionId: version.id,
    title: round.title,
    deadline: round.deadline,
    userIds: round.userIds,
    organisationIds: round.organisationIds,
    grantUserIds: withoutRights.map((c) => c.id),
    actor: { id: user.id, name: user.name },
    documentUrl,
  });
  return redirect(`/w/${workspace.slug}/reviewrondes/${opened.id}`);
}

export default function ReviewRounds() {
  const { rounds, canOpen, versions, candidates, organisations, noVersion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useZodForm({ id: 'reviewronde', schema: roundSchema, lastResult: actionData?.result });
  return (
    <>
      <Section id="rondes-titel" title="Reviewrondes">
        <p className="utrecht-paragraph muted">
          In een reviewronde vraagt u zorgpartijen, corporaties en anderen om een reactie op een vastgelegde versie. Hun
          opmerkingen verwerkt u daarna één voor één; de reactienota laat zien wat met elke reactie is gedaan.
        </p>
        {rounds.length === 0 ? (
          <p className="utrecht-paragraph">Er zijn nog geen reviewrondes.</p>
        ) : (
          <DataTable caption="Reviewrondes" columns={['Reviewronde', 'Document en versie', 'Reageren tot', 'Status', 'Reacties']}>
            {rounds.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={r.id} className="utrecht-link">
                    {r.title}
                  </Link>
                </th>
                <td className="utrecht-table__cell">
                  {r.documentTitle} – {r.versionName}
                </td>
                <td className="utrecht-table__cell">{formatDate(r.deadline)}</td>
                <td className="utrecht-table__cell">
                  {r.status === 'open' ? 'Open' : `Gesloten op ${formatDateTime(r.closedAt)}`}
                </td>
                <td className="utrecht-table__cell">{r.commentCount}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {canOpen ? (
        <Section id="nieuwe-ronde-titel" title="Nieuwe reviewronde" narrow>
          {versions.length === 0 ? (
            <p className="utrecht-paragraph">
              Een reviewronde gaat over een vastgelegde versie.{' '}
              {!noVersion.canRecord ? (
                'Een redacteur of projectleider van deze werkruimte legt versies vast.'
              ) : noVersion.documents === 0 ? (
                <>
                  Er is nog geen document.{' '}
                  <Link to={noVersion.href} className="utrecht-link">
                    Maak eerst een document
                  </Link>{' '}
                  en leg daar een versie vast.
                </>
              ) : (
                <>
                  <Link to={noVersion.href} className="utrecht-link">
                    Leg eerst een versie vast
                  </Link>
                  {noVersion.documents === 1 ? ' van het document.' : ' op de pagina Versies van een document.'}
                </>
              )}
            </p>
          ) : (
            <Form method="post" {...getFormProps(form)}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <TextField field={fields.title} label="Naam van de ronde" autoComplete="off" />
              <SelectField
                field={fields.versionId}
                label="Versie die ter review gaat"
                options={versions}
                placeholder="Kies een versie"
              />
              <TextField field={fields.deadline} label="Reageren kan tot en met" type="date" />
              <CheckboxGroup
                field={fields.organisationIds}
                legend="Organisaties"
                description="Alle gebruikers van de organisatie worden uitgenodigd."
                options={organisations.map((o) => ({
                  value: o.id,
                  label: `${o.name} (${plural(o.userCount, 'gebruiker', 'gebruikers')})`,
                }))}
              />
              <CheckboxGroup
                field={fields.userIds}
                legend="Personen"
                description="Leden van deze werkruimte. Anderen nodigt u uit via hun organisatie of via Leden."
                options={candidates.map((c) => ({
                  value: c.id,
                  label: `${c.name}${c.organisationName ? `, ${c.organisationName}` : ''} – ${ROLE_LABELS[c.role].toLowerCase()}${
                    c.mayComment ? '' : ' (mag nog niet reageren)'
                  }`,
                }))}
              />
              <CheckboxField field={fields.grant} label="Geef genodigden die hier nog niet mogen reageren de rol commentator" />
              <Button>Reviewronde openen</Button>
            </Form>
          )}
        </Section>
      ) : null}
    </>
  );
}
