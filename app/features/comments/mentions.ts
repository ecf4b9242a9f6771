// @-mentions in comment text. A mention is "@" followed by a member's name as written in
// Thuisplan ("@Ria Jansen"); the longest matching name wins, so "@Ria Jansen-Bos" is not "@Ria Jansen".

export interface Mentionable {
  id: string;
  name: string;
}

export interface FoundMentions {
  userIds: string[];
  /** Words after an "@" that name nobody in the workspace, as typed. */
  unknown: string[];
}

const MENTION_START = /(^|[\s(["'])@(?=\p{L})/gu;
const WORD = /^\p{L}[\p{L}\p{M}'’-]*/u;
const NAME_END = /^($|[^\p{L}\p{M}\p{N}'’-])/u;

interface Occurrence {
  at: number; // index of the "@"
  member: Mentionable | undefined;
  typed: string; // "@" and the first word, as typed
}

function* occurrences(body: string, members: readonly Mentionable[]): Generator<Occurrence> {
  const byLength = [...members].sort((a, b) => b.name.length - a.name.length);
  for (const match of body.matchAll(MENTION_START)) {
    const at = match.index + match[0].length - 1;
    const rest = body.slice(at + 1);
    const member = byLength.find(
      (m) =>
        rest.slice(0, m.name.length).toLocaleLowerCase('nl') === m.name.toLocaleLowerCase('nl') &&
        NAME_END.test(rest.slice(m.name.length))
    );
    yield { at, member, typed: `@${rest.match(WORD)?.[0] ?? ''}` };
  }
}

export function findMentions(body: string, members: readonly Mentionable[]): FoundMentions {
  const userIds = new Set<string>();
  const unknown: string[] = [];
  for (const { member, typed } of occurrences(body, members)) {
    if (member) userIds.add(member.id);
    else unknown.push(typed);
  }
  return { userIds: [...userIds], unknown };
}

/** Splits text into plain parts and mentions of known members, for display. */
export function splitMentions(body: string, members: readonly Mentionable[]): Array<{ text: string; mention: boolean }> {
  const parts: Array<{ text: string; mention: boolean }> = [];
  let last = 0;
  for (const { at, member } of occurrences(body, members)) {
    if (!member) continue;
    const end = at + 1 + member.name.length;
    if (at > last) parts.push({ text: body.slice(last, at), mention: false });
    parts.push({ text: body.slice(at, end), mention: true });
    last = end;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}
