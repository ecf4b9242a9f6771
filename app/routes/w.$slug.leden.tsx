import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from '../lib/zod.ts';
import { requireAbility } from '../http/guards.server.ts';
import { ROLES, isRole } from '../auth/permissions.ts';
import { allowed, check } from '../auth/policies/index.ts';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { useZodForm } from '../components/ui/use-zod-form.ts';
import { Alert, Button, FormErrors } from '../components/ui/feedback.tsx';
import { CompactSelect, SelectField, TextField } from '../components/ui/fields.tsx';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../core/labels.ts';
import { formatDateTime } from '../lib/time.ts';
import { emailField, roleField } from '../core/validation.ts';
import { createInvitation, listPendingInvitations, revokeInvitation } from '../features/accounts/invitations.server.ts';
import { grantMembership, listMembers, removeMembership } from '../core/memberships.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Leden' }));

const inviteSchema = z.object({ email: emailField, role: roleField });
const ROLE_CHOICES = [...ROLES].reverse().map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const ROLE_OPTIONS = [...ROLES].reverse().map((r) => ({ value: r, label: `${ROLE_LABELS[r]} — ${ROLE_DESCRIPTIONS[r]}` }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, abilities, user, actor, ref } = await requireAbility(context, request, params.slug, 'members.view');
  const canManage = abilities.includes('members.manage');
  const members = await listMembers(context.db, workspace);
  return {
    currentUserId: user.id,
    isGemeente: workspace.kind === 'gemeente',
    canManage,
    // Per member what this manager may change: not themself, not someone above them.
    members: members.map((m) => {
      const record = { workspace: ref, member: { userId: m.userId, role: m.role } };
      return {
        ...m,
        can: {
          changeRole: allowed(actor, 'membership.set-role', { ...record, role: m.role }),
          remove: allowed(actor, 'membership.remove', record),
        },
      };
    }),
    invitations: canManage ? await listPendingInvitations(context.db, workspace.id) : [],
  };
}

type ActionResult =
  | { intent: 'invite'; result: SubmissionResult<string[]>; inviteLink?: string; email?: string }
  | { intent: 'row'; ok: boolean; message: string };

export async function action({ context, request, params }: ActionFunctionArgs) {
  const { workspace, user, actor, ref } = await requireAbility(context, request, params.slug, 'members.manage');
  const formData = await readForm(request);
  const intent = formData.get('intent');
  const rowError = (message: string, status = 400) => data<ActionResult>({ intent: 'row', ok: false, message }, { status });

  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: inviteSchema });
    if (submission.status !== 'success')
      return data<ActionResult>({ intent: 'invite', result: submission.reply() }, { status: 400 });
    const refusal = check(actor, 'invitation.create', { workspace: ref, role: submission.value.role });
    if (refusal) {
      return data<ActionResult>(
        { intent: 'invite', result: submission.reply({ fieldErrors: { role: [refusal.message] } }) },
        { status: refusal.status }
      );
    }
    const members = await listMembers(context.db, workspace);
    if (members.some((m) => m.ownRole && m.email === submission.value.email.toLowerCase())) {
      return data<ActionResult>(
        {
          intent: 'invite',
          result: submission.reply({ fieldErrors: { email: ['Deze persoon is al lid van deze werkruimte.'] } }),
        },
        { status: 400 }
      );
    }
    const { token } = await createInvitation(context.db, { workspaceId: workspace.id, ...submission.value }, user.id);
    return {
      intent: 'invite',
      result: submission.reply({ resetForm: true }),
      inviteLink: new URL(`/uitnodiging/${token}`, request.url).href,
      email: submission.value.email,
    } satisfies ActionResult;
  }

  if (intent === 'role' || intent === 'remove') {
    const userId = String(formData.get('userId') ?? '');
    const member = (await listMembers(context.db, workspace)).find((m) => m.userId === userId);
    if (!member) return rowError('Dit lid bestaat niet (meer) in deze werkruimte.', 404);
    const record = { workspace: ref, member: { userId, role: member.role } };
    if (intent === 'remove') {
      const refusal = check(actor, 'membership.remove', record);
      if (refusal) return rowError(refusal.message, refusal.status);
      const removed = await removeMembership(context.db, { workspaceId: workspace.id, userId }, user.id);
      if (!removed) return rowError(`${member.name} heeft toegang via de regio; dat wijzigt u in de regionale werkruimte.`);
      return { intent: 'row', ok: true, message: `${member.name} is verwijderd uit deze werkruimte.` } satisfies ActionResult;
    }
    const role = formData.get('role');
    const refusal = check(actor, 'membership.set-role', { ...record, role: isRole(role) ? role : member.role });
    if (refusal) return rowError(refusal.message, refusal.status);
    if (!isRole(role)) return rowError('Kies een rol uit de lijst.');
    await grantMembership(context.db, { workspaceId: workspace.id, userId, role }, user.id);
    const after = (await listMembers(context.db, workspace)).find((m) => m.userId === userId);
    const message =
      after && after.role !== role
        ? `${member.name} is ${ROLE_LABELS[role].toLowerCase()} in deze werkruimte, maar blijft ${ROLE_LABELS[
            after.role
          ].toLowerCase()} via de regio.`
        : `${member.name} is nu ${ROLE_LABELS[role].toLowerCase()} in deze werkruimte.`;
    return { intent: 'row', ok: true, message } satisfies ActionResult;
  }

  if (intent === 'revoke') {
    const revoked = await revokeInvitation(
      context.db,
      { workspaceId: workspace.id, invitationId: String(formData.get('invitationId') ?? '') },
      user.id
    );
    if (!revoked) return rowError('Deze uitnodiging bestaat niet of is al gebruikt.', 404);
    return { intent: 'row', ok: true, message: 'De uitnodiging is ingetrokken.' } satisfies ActionResult;
  }

  return rowError('Onbekende handeling.');
}

export default function Members() {
  const { members, invitations, canManage, currentUserId, isGemeente } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const inviteData = actionData?.intent === 'invite' ? actionData : undefined;
  const rowData = actionData?.intent === 'row' ? actionData : undefined;
  const [form, fields] = useZodForm({
    id: 'uitnodigen',
    schema: inviteSchema,
    lastResult: inviteData?.result,
    defaultValue: { role: 'redacteur' },
  });

  return (
    <>
      <Section id="leden-titel" title="Leden">
        {rowData ? <Alert kind={rowData.ok ? 'ok' : 'error'}>{rowData.message}</Alert> : null}
        {isGemeente ? (
          <p className="utrecht-paragraph muted">
            Leden van de regio hebben hier ook toegang: een regionale projectleider is hier projectleider, een regionale redacteur
            leest mee. Een rol in deze werkruimte zelf gaat voor als die hoger is.
          </p>
        ) : null}
        <DataTable
          caption="Leden van deze werkruimte"
          columns={['Naam', 'Organisatie', 'Rol hier', ...(canManage ? ['Wijzigen'] : [])]}
        >
          {members.map((m) => (
            <tr key={m.userId} className="utrecht-table__row" data-member={m.email}>
              <th scope="row" className="utrecht-table__header-cell">
                {m.name}
                <div className="muted">{m.email}</div>
              </th>
              <td className="utrecht-table__cell">{m.organisationName ?? '—'}</td>
              <td className="utrecht-table__cell">
                {ROLE_LABELS[m.role]}
                {m.viaRegion ? <div className="muted">via de regio</div> : null}
              </td>
              {canManage ? (
                <td className="utrecht-table__cell">
                  {!m.can.changeRole && !m.can.remove ? (
                    <span className="muted">{m.userId === currentUserId ? 'Dit bent u' : 'Hogere rol dan de uwe'}</span>
                  ) : (
                    <div className="row-actions">
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <CompactSelect
                          id={`rol-${m.userId}`}
                          name="role"
                          label={`Rol van ${m.name}`}
                          defaultValue={m.ownRole ?? m.role}
                          options={ROLE_CHOICES}
                        />
                        <Button variant="secondary">
                          {m.ownRole ? 'Rol wijzigen' : 'Rol hier geven'}
                          <span className="visually-hidden"> voor {m.name}</span>
                        </Button>
                      </Form>
                      {m.ownRole && m.can.remove ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="userId" value={m.userId} />
                          <Button variant="danger">
                            Verwijderen<span className="visually-hidden"> {m.name}</span>
                          </Button>
                        </Form>
                      ) : null}
                    </div>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      </Section>

      {canManage ? (
        <Section id="uitnodigen-titel" title="Iemand uitnodigen" narrow>
          {inviteData?.inviteLink ? (
            <Alert kind="ok">
              <p>
                De uitnodiging voor {inviteData.email} is klaar. Stuur deze link naar de genodigde; hij werkt één keer en zeven
                dagen lang:
              </p>
              <output className="copy-link" data-testid="invite-link">
                {inviteData.inviteLink}
              </output>
            </Alert>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="invite" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.email} label="E-mailadres" type="email" autoComplete="off" />
            <SelectField field={fields.role} label="Rol" options={ROLE_OPTIONS} />
            <Button>Uitnodiging maken</Button>
          </Form>
        </Section>
      ) : null}

      {canManage && invitations.length > 0 ? (
        <Section id="open-uitnodigingen-titel" title="Openstaande uitnodigingen">
          <DataTable
            caption="Openstaande uitnodigingen"
            columns={['E-mailadres', 'Rol', 'Geldig tot', <span className="visually-hidden">Acties</span>]}
          >
            {invitations.map((i) => (
              <tr key={i.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{i.email}</td>
                <td className="utrecht-table__cell">{ROLE_LABELS[i.role]}</td>
                <td className="utrecht-table__cell">{formatDateTime(i.expiresAt)}</td>
                <td className="utrecht-table__cell">
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <Button variant="secondary">
                      Intrekken<span className="visually-hidden"> uitnodiging {i.email}</span>
                    </Button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
    </>
  );
}
