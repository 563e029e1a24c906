/**
 * A reference value's source status as a badge — 已核实 (verified), 二手来源 (secondary source),
 * 未核实 (unverified), 设计值 (design value) — and the 「暂定」 marker for values whose results are
 * provisional (unverified).
 */
import { Tag, Tooltip } from 'antd';
import type { ReferenceRecordSummary } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';

export type ReferenceStatus = ReferenceRecordSummary['status'];
export const referenceStatusList: readonly ReferenceStatus[] = ['verified', 'secondary', 'unverified', 'design'];
const tagColour: Record<ReferenceStatus, string> = { verified: 'green', secondary: 'blue', unverified: 'orange', design: 'default' };

export function ReferenceStatusTag({ status }: { status: ReferenceStatus }) {
  const { t } = useApp();
  return (
    <Tag color={tagColour[status]} data-testid="reference-status" data-status={status}>
      {t(dynamicKey('refStatus', status) ?? 'refStatus')}
    </Tag>
  );
}

export function ProvisionalTag() {
  const { t } = useApp();
  return (
    <Tooltip title={t('refProvisionalHint')}>
      <Tag color="gold" data-testid="reference-provisional">
        {t('refProvisional')}
      </Tag>
    </Tooltip>
  );
}
