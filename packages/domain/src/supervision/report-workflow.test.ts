import { describe, expect, it } from 'vitest';
import { initialReportStatus, nextReportStatus, type ProgressReportStatus, type ReportAction } from './report-workflow.ts';

const statuses: ProgressReportStatus[] = ['draft', 'submitted', 'returned', 'accepted'];
const actions: ReportAction[] = ['edit', 'submit', 'return', 'accept'];
const legal: Record<string, ProgressReportStatus> = {
  'draft edit': 'draft',
  'draft submit': 'submitted',
  'submitted return': 'returned',
  'submitted accept': 'accepted',
  'returned edit': 'returned',
  'returned submit': 'submitted',
};

describe('nextReportStatus', () => {
  for (const from of statuses)
    for (const action of actions) {
      const expected = legal[`${from} ${action}`];
      it(`${from} + ${action} → ${expected ?? 'refused'}`, () => {
        const result = nextReportStatus({ from, action });
        if (expected === undefined) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, status: expected });
      });
    }
  it('starts as a draft or submitted', () => {
    expect(initialReportStatus(false)).toBe('draft');
    expect(initialReportStatus(true)).toBe('submitted');
  });
});
