import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { readForm } from '../http/form-body.server.ts';
import { allowed, check } from '../auth/policies/index.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { Alert } from '../components/ui/feedback.tsx';
import { moveSchema } from '../features/actions/action-forms.ts';
import { ActionBoard, BOARD_HELP_ID, type BoardCard, type MoveReply } from '../features/actions/action-board.tsx';
import { isActionOverdue } from '../features/actions/action-status.ts';
import { movedMessage } from '../features/actions/board-moves.ts';
import { actionScope, getAction, listActions, moveAction } from '../features/actions/actions.server.ts';

export const handle = crumbs(({ params }) => [{ label: 'Acties', to: `/w/${params.slug}/acties` }, { label: 'Bord' }]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  const actions = await listActions(context.db, await actionScope(context.db, workspace));
  const now = new Date();
  const cards: BoardCard[] = actions.map((a) => ({
    id: a.id,
    title: a.title,
    workspaceName: a.workspaceName,
    status: a.status,
    priority: a.priority,
    progress: a.progress,
    dueDate: a.dueDate,
    overdue: isActionOverdue(a, now),
    ownerName: a.ownerUserName,
    canEdit: allowed(actor, 'action.edit', { workspace: ref, action: a }),
  }));
  return {
    slug: workspace.slug,
    isRegion: workspace.kind === 'regio',
    cards,
    canEditAny: cards.some((c) => c.canEdit) || allowed(actor, 'action.create', { workspace: ref }),
  };
}

/** A move answers as data, also when refused: the board puts the card back and says why. */
export async function action({ context, request, params }: ActionFunctionArgs) {
  const { user, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  const formData = await readForm(request);
  const id = String(formData.get('id') ?? '');
  const submission = parseWithZod(formData, { schema: moveSchema });
  if (formData.get('intent') !== 'move' || submission.status !== 'success') {
    return data<MoveReply>({ ok: false, id, message: 'Kies een status uit de lijst. Er is niets veranderd.' }, { status: 400 });
  }
  const found = await getAction(context.db, submission.value.id);
  const refusal = check(actor, 'action.edit', { workspace: ref, action: found });
  if (refusal) return data<MoveReply>({ ok: false, id, message: refusal.message }, { status: refusal.status });
  const moved = await moveAction(context.db, found!, submission.value.status, user.id);
  if (!moved.ok) return data<MoveReply>({ ok: false, id, message: moved.message }, { status: 400 });
  return data<MoveReply>({
    ok: true,
    id,
    status: submission.value.status,
    message: movedMessage(found!.title, submission.value.status),
  });
}

/** The board keeps its own state after a move: reloading 500 cards would only redraw them all. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'move' ? false : defaultShouldRevalidate;

export default function Board() {
  const { slug, isRegion, cards, canEditAny } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h2 className="utrecht-heading-2">Actiebord</h2>
      <p className="utrecht-paragraph">
        De acties per status: voorstel, besloten, in uitvoering, gereed of vervallen.{' '}
        <Link to={`/w/${slug}/acties`} className="utrecht-link">
          Bekijk als lijst
        </Link>
      </p>
      {/* Without JavaScript a move posts the card's form and the page answers here. */}
      {reply ? (
        <Alert kind={reply.ok ? 'ok' : 'error'}>{reply.ok ? (reply.message ?? 'De actie is verplaatst.') : reply.message}</Alert>
      ) : null}
      {canEditAny ? (
        <div id={BOARD_HELP_ID} className="board-help">
          <p className="utrecht-paragraph">
            <strong>Verplaatsen met het toetsenbord:</strong> ga met Tab naar een kaart en druk op Alt + pijl rechts of Alt + pijl
            links. De kaart gaat naar de dichtstbijzijnde kolom in die richting waar zij heen mag, en houdt de focus. Of kies op
            de kaart een nieuwe status en druk op Verplaats. <strong>Met de muis:</strong> sleep een kaart naar een andere kolom.
          </p>
          <p className="utrecht-paragraph">
            Een actie gaat één stap tegelijk: voorstel, besloten, in uitvoering, gereed (terug mag ook), of naar vervallen zolang
            zij niet gereed is. {isRegion ? 'Acties van een gemeente wijzigt u in de werkruimte van die gemeente.' : ''}
          </p>
        </div>
      ) : (
        <p className="utrecht-paragraph">U kunt dit bord alleen bekijken.</p>
      )}
      <ActionBoard cards={cards} slug={slug} showWorkspace={isRegion} />
    </>
  );
}
