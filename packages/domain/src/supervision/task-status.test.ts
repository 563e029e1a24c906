import { describe, expect, it } from 'vitest';
import { milestoneState, taskStatus, type StatusMilestone, type StatusReport } from './task-status.ts';

const m = (title: string, dueDate: string, done = false): StatusMilestone => ({ title, dueDate, done });
const r = (period: string, status: StatusReport['status'], claimedStatus: StatusReport['claimedStatus'] = 'on_track'): StatusReport => ({ period, status, claimedStatus });
const today = '2025-05-10'; // last quarter 2025-Q1

describe('taskStatus', () => {
  it.each([
    ['nothing at all', [], [], 'not_started'],
    ['a milestone far away, nothing done', [m('a', '2025-12-31')], [], 'not_started'],
    ['a milestone past due', [m('a', '2025-05-09')], [r('2025-Q1', 'accepted', 'done')], 'overdue'],
    ['overdue beats done claims', [m('a', '2025-01-01', true), m('b', '2025-05-01')], [r('2025-Q1', 'accepted', 'done')], 'overdue'],
    ['due today is not overdue but at risk', [m('a', today)], [], 'at_risk'],
    ['due within 30 days', [m('a', '2025-06-09')], [r('2025-Q1', 'accepted')], 'at_risk'],
    ['due in 31 days is fine', [m('a', '2025-06-10'), m('b', '2025-01-01', true)], [r('2025-Q1', 'submitted')], 'on_track'],
    ['accepted report claims at risk', [m('a', '2025-01-01', true)], [r('2025-Q1', 'accepted', 'at_risk')], 'at_risk'],
    ['started but last quarter missing', [m('a', '2025-01-01', true)], [r('2024-Q4', 'accepted')], 'at_risk'],
    ['a returned report does not count', [m('a', '2025-01-01', true)], [r('2025-Q1', 'returned')], 'at_risk'],
    ['all done and accepted done', [m('a', '2025-01-01', true)], [r('2024-Q4', 'accepted', 'at_risk'), r('2025-Q1', 'accepted', 'done')], 'done'],
    ['done claimed but only submitted', [m('a', '2025-01-01', true)], [r('2025-Q1', 'submitted', 'done')], 'on_track'],
    ['only a draft is not started', [], [r('2025-Q1', 'draft')], 'not_started'],
  ] as const)('%s → %s', (_, milestones, reports, expected) => {
    const result = taskStatus({ milestones, reports, today });
    expect(result.status).toBe(expected);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('names the overdue milestone in the reasons', () => {
    expect(taskStatus({ milestones: [m('平台上线', '2024-12-31')], reports: [], today }).reasons).toEqual(['里程碑“平台上线”已于 2024-12-31 到期，尚未完成']);
  });
});

describe('milestoneState', () => {
  it('is overdue only after the due date', () => {
    expect(milestoneState({ dueDate: '2025-05-10', done: false, today })).toBe('open');
    expect(milestoneState({ dueDate: '2025-05-09', done: false, today })).toBe('overdue');
    expect(milestoneState({ dueDate: '2025-05-09', done: true, today })).toBe('done');
  });
});
