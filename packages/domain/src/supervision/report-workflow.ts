/**
 * The progress-report workflow: draft → submitted → returned → submitted … → accepted. Only the
 * transitions listed here are legal; an accepted report is final.
 *
 * @example
 * nextReportStatus({ from: 'submitted', action: 'accept' }) // { ok: true, status: 'accepted' }
 */

export type ProgressReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportAction = 'edit' | 'submit' | 'return' | 'accept';

const transitions: Record<ProgressReportStatus, Partial<Record<ReportAction, ProgressReportStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  submitted: { return: 'returned', accept: 'accepted' },
  returned: { edit: 'returned', submit: 'submitted' },
  accepted: {},
};

export function nextReportStatus(options: {
  readonly from: ProgressReportStatus;
  readonly action: ReportAction;
}): { readonly ok: true; readonly status: ProgressReportStatus } | { readonly ok: false; readonly reason: string } {
  const to = transitions[options.from][options.action];
  if (to === undefined) return { ok: false, reason: `报告状态 ${options.from} 下不能执行 ${options.action} / cannot ${options.action} a ${options.from} report` };
  return { ok: true, status: to };
}

/** The status a new report gets: a draft, or submitted at once. */
export function initialReportStatus(submit: boolean): ProgressReportStatus {
  return submit ? 'submitted' : 'draft';
}
