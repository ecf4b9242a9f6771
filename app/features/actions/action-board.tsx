// The action board: a column per status. Cards move by mouse (drag and drop), by keyboard (Alt+→ / Alt+←
// on a focused card) and, without JavaScript, with the small form on each card. A move shows at once and is
// sent with a fetcher; when the server refuses it, the card goes back and the board says why. Cards are
// memoised and a column keeps its array while its cards stay the same: a move re-renders two columns and one card.
import { Link, useFetcher } from '@remix-run/react';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type { ActionPriority, ActionStatus } from '../../../db/schema.ts';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, PRIORITY_LABELS } from '../../core/labels.ts';
import { formatDate } from '../../lib/time.ts';
import { allowedNextStatuses, canMoveStatus, statusJumpMessage } from './action-status.ts';
import { boardTarget, movedMessage, noMoveMessage, type Direction } from './board-moves.ts';
import { OverdueMark } from './action-parts.tsx';

export interface BoardCard {
  id: string;
  title: string;
  workspaceName: string;
  status: ActionStatus;
  priority: ActionPriority;
  progress: number;
  dueDate: string | null;
  overdue: boolean;
  ownerName: string | null;
  canEdit: boolean;
}

export type MoveReply =
  { ok: true; id: string; status: ActionStatus; message?: string } | { ok: false; id: string; message: string };

interface Pending {
  key: number;
  id: string;
  from: ActionStatus;
  to: ActionStatus;
}

export const BOARD_HELP_ID = 'bord-uitleg';

interface CardHandlers {
  onKey: (id: string, direction: Direction) => void;
  onMove: (id: string, to: ActionStatus) => void;
  onDragStart: (id: string) => void;
}

const Card = memo(function Card({
  card,
  status,
  showWorkspace,
  slug,
  handlers,
}: {
  card: BoardCard;
  status: ActionStatus;
  showWorkspace: boolean;
  slug: string;
  handlers: CardHandlers;
}) {
  const next = allowedNextStatuses(status);
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!card.canEdit || !event.altKey || event.target !== event.currentTarget) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      handlers.onKey(card.id, event.key === 'ArrowRight' ? 'right' : 'left');
    }
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const to = new FormData(event.currentTarget).get('status');
    if (typeof to === 'string') handlers.onMove(card.id, to as ActionStatus);
  };
  return (
    <li
      id={`kaart-${card.id}`}
      className={`board-card${card.overdue ? ' board-card--overdue' : ''}`}
      tabIndex={0}
      aria-label={`${card.title}, ${ACTION_STATUS_LABELS[status]}${card.canEdit ? '' : ', alleen inzien'}`}
      aria-describedby={card.canEdit ? BOARD_HELP_ID : undefined}
      draggable={card.canEdit}
      data-status={status}
      onKeyDown={onKeyDown}
      onDragStart={
        card.canEdit
          ? (event: DragEvent<HTMLLIElement>) => {
              event.dataTransfer.setData('text/plain', card.id);
              event.dataTransfer.effectAllowed = 'move';
              handlers.onDragStart(card.id);
            }
          : undefined
      }
    >
      <p className="board-card__title">
        {/* Discovered on click: Remix's eager discovery rescans a column's links on every move. */}
        <Link to={`/w/${slug}/acties/${card.id}`} className="utrecht-link" discover="none">
          {card.title}
        </Link>
      </p>
      {showWorkspace ? <p className="board-card__meta">{card.workspaceName}</p> : null}
      <p className="board-card__meta">
        {card.dueDate ? `Streefdatum ${formatDate(card.dueDate)}` : 'Geen streefdatum'}
        {card.overdue && status !== 'gereed' && status !== 'vervallen' ? (
          <>
            {' '}
            <OverdueMark />
          </>
        ) : null}
      </p>
      <p className="board-card__meta">
        {PRIORITY_LABELS[card.priority]} · {status === 'gereed' ? 100 : card.progress} %
        {card.ownerName ? ` · ${card.ownerName}` : ''}
      </p>
      {card.canEdit ? (
        <form method="post" className="board-card__move" onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="id" value={card.id} />
          <label className="visually-hidden" htmlFor={`naar-${card.id}`}>
            Nieuwe status van {card.title}
          </label>
          <select
            id={`naar-${card.id}`}
            name="status"
            className="utrecht-select utrecht-select--html-select"
            defaultValue={next[0]}
          >
            {next.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <button type="submit" className="utrecht-button utrecht-button--subtle">
            Verplaats<span className="visually-hidden"> {card.title}</span>
          </button>
        </form>
      ) : null}
    </li>
  );
});

const Column = memo(function Column({
  status,
  cards,
  showWorkspace,
  slug,
  handlers,
  onDragOver,
  onDrop,
}: {
  status: ActionStatus;
  cards: readonly BoardCard[];
  showWorkspace: boolean;
  slug: string;
  handlers: CardHandlers;
  onDragOver: (status: ActionStatus, event: DragEvent<HTMLElement>) => void;
  onDrop: (status: ActionStatus, event: DragEvent<HTMLElement>) => void;
}) {
  return (
    <section
      className="board-column"
      aria-labelledby={`kolom-${status}`}
      data-column={status}
      onDragOver={(event) => onDragOver(status, event)}
      onDrop={(event) => onDrop(status, event)}
    >
      <h3 id={`kolom-${status}`} className="board-column__title">
        {ACTION_STATUS_LABELS[status]} <span className="board-column__count">({cards.length})</span>
      </h3>
      {cards.length === 0 ? <p className="board-column__empty muted">Geen acties</p> : null}
      <ul className="board-column__cards">
        {cards.map((card) => (
          <Card key={card.id} card={card} status={status} showWorkspace={showWorkspace} slug={slug} handlers={handlers} />
        ))}
      </ul>
    </section>
  );
});

/** Sends one move; the next move of the same card waits until this one is answered. */
function PendingMove({ move, onDone }: { move: Pending; onDone: (move: Pending, reply: MoveReply) => void }) {
  const fetcher = useFetcher<MoveReply>({ key: `actie-verplaatsen-${move.key}` });
  const sent = useRef(false);
  // After the paint: the card shows in its new column first, the request follows.
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    fetcher.submit({ intent: 'move', id: move.id, status: move.to }, { method: 'post' });
  }, [fetcher, move]);
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data) onDone(move, fetcher.data);
  }, [fetcher.state, fetcher.data, move, onDone]);
  return null;
}

function sameCards(a: readonly BoardCard[] | undefined, b: readonly BoardCard[]): boolean {
  return !!a && a.length === b.length && a.every((card, i) => card === b[i]);
}

export function ActionBoard({
  cards,
  slug,
  showWorkspace,
}: {
  cards: readonly BoardCard[];
  slug: string;
  showWorkspace: boolean;
}) {
  const [moved, setMoved] = useState<Record<string, ActionStatus>>({});
  const [pending, setPending] = useState<Pending[]>([]);
  const [message, setMessage] = useState('');
  // What the board shows now, also between a move and its render (two quick key presses).
  const statusNow = useRef(new Map<string, ActionStatus>());
  const byId = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards]);
  const focusAfter = useRef<string | null>(null);
  const dragged = useRef<string | null>(null);
  const counter = useRef(0);
  const previousColumns = useRef<Record<string, readonly BoardCard[]>>({});

  const statusOf = useCallback((id: string) => statusNow.current.get(id) ?? byId.get(id)?.status, [byId]);

  const columns = useMemo(() => {
    const grouped = Object.fromEntries(ACTION_STATUSES.map((s) => [s, [] as BoardCard[]])) as Record<ActionStatus, BoardCard[]>;
    for (const card of cards) grouped[moved[card.id] ?? card.status].push(card);
    const result = {} as Record<ActionStatus, readonly BoardCard[]>;
    for (const status of ACTION_STATUSES) {
      const before = previousColumns.current[status];
      result[status] = sameCards(before, grouped[status]) ? before! : grouped[status];
    }
    previousColumns.current = result;
    return result;
  }, [cards, moved]);

  // The moved card is a new element in another column: give it the keyboard focus back before the paint.
  useLayoutEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(`kaart-${focusAfter.current}`)?.focus();
    focusAfter.current = null;
  }, [moved]);

  const place = useCallback((id: string, status: ActionStatus) => {
    statusNow.current.set(id, status);
    setMoved((current) => ({ ...current, [id]: status }));
  }, []);

  const move = useCallback(
    (id: string, to: ActionStatus) => {
      const card = byId.get(id);
      const from = statusOf(id);
      if (!card || !from || !card.canEdit || from === to) return;
      if (!canMoveStatus(from, to)) {
        setMessage(`${statusJumpMessage(from, to)} De kaart ${card.title} blijft in ${ACTION_STATUS_LABELS[from]}.`);
        return;
      }
      focusAfter.current = id;
      place(id, to);
      setMessage(movedMessage(card.title, to));
      setPending((list) => [...list, { key: ++counter.current, id, from, to }]);
    },
    [byId, statusOf, place]
  );

  const onDone = useCallback(
    (done: Pending, reply: MoveReply) => {
      setPending((list) => list.filter((p) => p.key !== done.key));
      if (reply.ok) return;
      const card = byId.get(done.id);
      // Back where it was, with every later move of this card (they built on this one).
      setPending((list) => list.filter((p) => p.id !== done.id));
      if (document.activeElement?.id === `kaart-${done.id}`) focusAfter.current = done.id;
      place(done.id, done.from);
      setMessage(
        `Verplaatsen van ${card?.title ?? 'de actie'} is niet gelukt: ${reply.message} De kaart staat weer in ${ACTION_STATUS_LABELS[done.from]}.`
      );
    },
    [byId, place]
  );

  const handlers = useMemo<CardHandlers>(
    () => ({
      onMove: move,
      onKey: (id, direction) => {
        const from = statusOf(id);
        const card = byId.get(id);
        if (!from || !card) return;
        const to = boardTarget(from, direction);
        if (to) move(id, to);
        else setMessage(noMoveMessage(card.title, from, direction));
      },
      onDragStart: (id) => {
        dragged.current = id;
      },
    }),
    [move, statusOf, byId]
  );

  const onDragOver = useCallback(
    (status: ActionStatus, event: DragEvent<HTMLElement>) => {
      const id = dragged.current;
      const from = id ? statusOf(id) : undefined;
      if (from && from !== status && canMoveStatus(from, status)) {
        event.preventDefault(); // allows the drop here
        event.dataTransfer.dropEffect = 'move';
      }
    },
    [statusOf]
  );
  const onDrop = useCallback(
    (status: ActionStatus, event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      const id = dragged.current ?? event.dataTransfer.getData('text/plain');
      dragged.current = null;
      if (id) move(id, status);
    },
    [move]
  );

  // One request per card at a time, in order.
  const sending = pending.filter((p, i) => pending.findIndex((q) => q.id === p.id) === i);
  return (
    <>
      <p className="board-announcer" aria-live="polite" role="status">
        {message}
      </p>
      <div className="board">
        {ACTION_STATUSES.map((status) => (
          <Column
            key={status}
            status={status}
            cards={columns[status]}
            showWorkspace={showWorkspace}
            slug={slug}
            handlers={handlers}
            onDragOver={onDragOver}
            onDrop={onDrop}
          />
        ))}
      </div>
      {sending.map((p) => (
        <PendingMove key={p.key} move={p} onDone={onDone} />
      ))}
    </>
  );
}
