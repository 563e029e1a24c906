/** Tags of task, report and milestone states, coloured the same everywhere in 行动方案督办. */
import { Tag } from 'antd';
import type { ProgressReportItem, PlanMilestoneItem, TaskStatus } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { statusColours } from './supervision-format.ts';

export function TaskStatusTag({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useApp();
  return (
    <Tag color={statusColours[status].tag} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`svStatus_${status}` as MessageKey)}
    </Tag>
  );
}

const reportColours: Record<ProgressReportItem['status'], string> = { draft: 'default', submitted: 'processing', returned: 'warning', accepted: 'success' };

export function ReportStatusTag({ status, testId }: { status: ProgressReportItem['status']; testId?: string }) {
  const { t } = useApp();
  return (
    <Tag color={reportColours[status]} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`svReport_${status}` as MessageKey)}
    </Tag>
  );
}

const milestoneColours: Record<PlanMilestoneItem['state'], string> = { open: 'processing', done: 'success', overdue: 'red' };

export function MilestoneStateTag({ state }: { state: PlanMilestoneItem['state'] }) {
  const { t } = useApp();
  return (
    <Tag color={milestoneColours[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`svMilestone_${state}` as MessageKey)}
    </Tag>
  );
}
