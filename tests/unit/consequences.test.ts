import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditEntry } from '../../app/core/audit.server.ts';
import { CONSEQUENCES, consequencesOf } from '../../app/core/consequences.ts';

const entry = (action: AuditEntry['action'], rest: Partial<AuditEntry> = {}): AuditEntry => ({
  actorId: 'actor',
  action,
  entityType: 'user',
  entityId: 'subject',
  ...rest,
});

describe('the table of consequences', () => {
  it('has exactly one row for every audited action', () => {
    expect(Object.keys(CONSEQUENCES).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('every action written anywhere in the app is a known one', () => {
    const written = execSync(`grep -rhoE "action: '[a-z_]+\\.[a-z_]+'" app`, { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice("action: '".length, -1));
    expect(written.length).toBeGreaterThan(30);
    for (const action of written) expect(AUDIT_ACTIONS).toContain(action);
  });

  it('closes the sockets of a user whose rights or sessions changed, and only then', () => {
    for (const action of [
      'membership.add',
      'membership.role',
      'membership.remove',
      'session.revoke_all',
      'user.password',
    ] as const)
      expect(consequencesOf([entry(action)])).toEqual([{ kind: 'close-user', userId: 'subject' }]);
    expect(consequencesOf([entry('session.end', { details: { sessionId: 's1' } })])).toEqual([
      { kind: 'close-user', userId: 'subject', sessionId: 's1' },
    ]);
    expect(consequencesOf([entry('user.update', { details: { disabled: true } })])).toEqual([
      { kind: 'close-user', userId: 'subject' },
    ]);
    expect(consequencesOf([entry('user.update', { details: { isAdmin: false } })])).toHaveLength(1);
    expect(consequencesOf([entry('user.update', { details: { organisationId: 'o' } })])).toEqual([]);
    expect(consequencesOf([entry('user.password_link'), entry('session.create'), entry('step.update')])).toEqual([]);
  });

  it('turns a document\u2019s editors read-only when it is archived, and tells comment panels of every comment change', () => {
    expect(consequencesOf([entry('document.archive', { entityType: 'document', entityId: 'd1' })])).toEqual([
      { kind: 'close-document', documentId: 'd1' },
    ]);
    expect(consequencesOf([entry('comment.create', { entityType: 'document', entityId: 'd1' })])).toEqual([
      { kind: 'announce-comments', documentId: 'd1' },
      { kind: 'mail-notifications' },
    ]);
    // A processing decision is audited on the comment; the document comes with it.
    expect(
      consequencesOf([entry('comment.decide', { entityType: 'comment', entityId: 'c1', details: { documentId: 'd2' } })])
    ).toContainEqual({ kind: 'announce-comments', documentId: 'd2' });
  });

  it('reconnects the invitees a review round gave rights, mails its notifications, and lists each consequence once', () => {
    const opened = entry('review.open', { entityType: 'review_round', details: { grantedUserIds: ['u1', 'u2'] } });
    expect(consequencesOf([opened, entry('review.remind')])).toEqual([
      { kind: 'close-user', userId: 'u1' },
      { kind: 'close-user', userId: 'u2' },
      { kind: 'mail-notifications' },
    ]);
  });

  it('no route carries out a consequence itself', () => {
    const routes = execSync('ls app/routes', { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const file of routes) {
      const source = readFileSync(`app/routes/${file}`, 'utf8');
      expect(source, file).not.toMatch(/closeUserConnections|closeDocumentConnections|\.announce\(|emailNotifications\(/);
    }
  });
});
