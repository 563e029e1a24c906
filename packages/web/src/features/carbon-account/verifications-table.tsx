/** 核查: the verifier's verifications of the enterprise's annual data, with the report file (download for whoever may read it). */
import { Table } from 'antd';
import { useApp } from '../../app/app-context.tsx';
import { formatInstant } from '../../app/i18n.ts';
import { formatDecimal } from './format-decimal.ts';

/** GET /api/v1/enterprises/{id}/verifications (external-list-routes.ts `Verification`). */
export interface VerificationView {
  id: string;
  year: number;
  verifierId: string;
  reportFileId: string;
  verifiedTco2e: string | null;
  note: string | null;
  verifiedAt: string;
}

export function VerificationsTable({ verifications, verifierName, loading }: { verifications: VerificationView[]; verifierName?: (id: string) => string; loading?: boolean }) {
  const { t, language } = useApp();
  return (
    <Table<VerificationView>
      data-testid="verifications"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={verifications}
      pagination={false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t('noVerification') }}
      columns={[
        { title: t('labelYear'), dataIndex: 'year' },
        { title: t('type_verifier'), dataIndex: 'verifierId', render: (id: string) => verifierName?.(id) ?? id },
        { title: t('verifiedTco2e'), dataIndex: 'verifiedTco2e', align: 'right', render: (v: string | null) => formatDecimal(v, 3) },
        { title: t('verifiedAt'), dataIndex: 'verifiedAt', render: (at: string) => formatInstant(at, language) },
        {
          title: t('verificationReport'),
          dataIndex: 'reportFileId',
          render: (fileId: string) => (
            <a href={`/api/v1/files/${encodeURIComponent(fileId)}/content`} download>
              {t('download')}
            </a>
          ),
        },
      ]}
    />
  );
}
