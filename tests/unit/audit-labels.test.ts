import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditSummary } from '../../app/core/audit-labels.ts';
import { AUDIT_ACTIONS } from '../../app/core/audit.server.ts';

describe('the logboek in words', () => {
  it('every action in a logboek has a Dutch label', () => {
    // Sessions, users and organisations are not a workspace's: they never show in a logboek.
    const inWorkspaces = AUDIT_ACTIONS.filter((a) => !/^(session|user|organisation)\./.test(a));
    for (const action of inWorkspaces) expect(auditActionLabel(action), action).not.toBe(action);
  });

  it('says what happened to an action, a meeting and a woondeal', () => {
    expect(auditSummary('action.status', 'a', { title: 'Uitstroom BW', from: 'voorstel', to: 'besloten' }, null)).toBe(
      '“Uitstroom BW”: Voorstel → Besloten'
    );
    expect(auditSummary('action.progress', 'a', { title: 'Uitstroom BW', progress: 40 }, null)).toBe('“Uitstroom BW”: 40 %');
    expect(auditSummary('action.update', 'a', { title: 'X', changed: ['dueDate'] }, null)).toBe('“X”: 1 veld gewijzigd');
    expect(auditSummary('meeting.create', 'm', { title: 'Ambtelijk overleg', date: '2026-12-01' }, null)).toBe(
      '“Ambtelijk overleg” op 01-12-2026'
    );
    expect(auditSummary('woondeal.create', 'w', { name: 'Regionale Woondeal Twente' }, null)).toBe('“Regionale Woondeal Twente”');
  });
});
