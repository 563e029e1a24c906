/**
 * 重新计算: a platform administrator starts the recalculation job with the library as published
 * today (optional note), follows its progress, and opens the change report; the earlier
 * recalculations are listed with their summaries. A second start while one runs is refused by the
 * server (RECALCULATION_RUNNING) and shown as such.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Flex, Input, Progress, Table, Tag, Typography } from 'antd';
import type { Recalculation, RecalculationList } from '@cfp/contracts';
import { ApiError } from '../../app/api-client.ts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';

const pollMs = 1000;
type Item = RecalculationList['items'][number];
export const isActive = (status: Recalculation['status'] | undefined) => status === 'queued' || status === 'running';

/** `canStart`: platform administrators; others (city-level government bodies) see the history only. */
export function RecalculationCard({ canStart }: { canStart: boolean }) {
  const { t, api, language } = useApp();
  const [note, setNote] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<Recalculation | null>(null);
  const history = useAsync(() => api.get<RecalculationList>('/api/v1/reference/recalculations'), [api]);
  const reloadHistory = history.reload;

  // Follow the started job until it ends; then the history shows it with its summary.
  useEffect(() => {
    if (!current || !isActive(current.status)) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get<Recalculation>(`/api/v1/reference/recalculations/${encodeURIComponent(current.id)}`).then(
        (next) => {
          if (!live) return;
          setCurrent(next);
          if (!isActive(next.status)) reloadHistory();
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, current, reloadHistory]);

  async function start() {
    setError(null);
    setStarting(true);
    try {
      const { jobId } = await api.post<{ jobId: string }>('/api/v1/reference/recalculations', note.trim() ? { note: note.trim() } : {});
      setCurrent(await api.get<Recalculation>(`/api/v1/reference/recalculations/${encodeURIComponent(jobId)}`));
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'RECALCULATION_RUNNING' ? t('recalcRunning') : e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  }

  const statusText = (s: Recalculation['status']) => t(dynamicKey('recalcStatus', s) ?? 'recalc');
  return (
    <Card data-testid="recalc-card" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('recalcTitle')}</h2>}>
      <Typography.Paragraph type="secondary">{t('recalcHint')}</Typography.Paragraph>
      {canStart && (
        <Flex gap={8} wrap align="center">
          <Input data-testid="recalc-note" placeholder={t('recalcNote')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 420 }} />
          <Button type="primary" data-testid="recalc-start" loading={starting} disabled={isActive(current?.status)} onClick={() => void start()}>
            {t('recalc')}
          </Button>
        </Flex>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="recalc-error" closable onClose={() => setError(null)} />}
      {current && (
        <div style={{ marginTop: 16 }} data-testid="recalc-job" data-status={current.status}>
          <Progress
            percent={current.status === 'succeeded' ? 100 : current.progress}
            status={current.status === 'failed' ? 'exception' : current.status === 'succeeded' ? 'success' : 'active'}
          />
          <Typography.Text type="secondary">
            {statusText(current.status)}
            {current.message ? ` · ${current.message}` : ''}
          </Typography.Text>
          {current.status === 'succeeded' && current.report && (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 12 }}
              message={language === 'en' ? current.report.summary.message.en : current.report.summary.message.zh}
              description={
                <Link to={`/reference/recalculations/${current.id}`} data-testid="recalc-open-report">
                  {t('recalcOpenReport')}
                </Link>
              }
            />
          )}
          {current.status === 'failed' && <Alert type="error" showIcon style={{ marginTop: 12 }} message={current.error?.message ?? statusText('failed')} />}
        </div>
      )}
      {(history.data?.items.length ?? 0) > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
            {t('recalcHistory')}
          </Typography.Title>
          <Table<Item>
            data-testid="recalc-history"
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={history.data?.items ?? []}
            columns={[
              { title: t('refPublishedAt'), key: 'at', render: (_, r) => formatInstant(r.createdAt, language) },
              { title: t('recalcAsOf'), key: 'asOf', render: (_, r) => r.params.asOf },
              { title: t('refStatus'), key: 'status', render: (_, r) => <Tag>{statusText(r.status)}</Tag> },
              { title: t('recalcEnterprisesChanged'), key: 'changed', render: (_, r) => r.summary?.enterprisesChanged ?? '—' },
              {
                title: t('recalcLabelsToRepublish'),
                key: 'republish',
                render: (_, r) => (r.summary ? r.summary.labelsNeedingRepublication > 0 ? <Tag color="volcano">{r.summary.labelsNeedingRepublication}</Tag> : 0 : '—'),
              },
              {
                title: t('recalcReport'),
                key: 'open',
                render: (_, r) => (r.status === 'succeeded' ? <Link to={`/reference/recalculations/${r.id}`}>{t('recalcOpenReport')}</Link> : null),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
