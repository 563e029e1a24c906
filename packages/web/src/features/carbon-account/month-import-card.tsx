/**
 * 导入月度数据: download the template (xlsx with instructions, or csv), upload a filled file to the
 * enterprise's record, start the import (optionally correcting months that already have data: each
 * gets a new revision, the history kept), and follow the job. On success the page's data reload; on
 * failure the row-by-row errors from the job's result are listed, with the report to download.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Progress, Space, Table, Tooltip, Typography, Upload } from 'antd';
import type { FileMetadata, Job, MonthImportReport, MonthImportReportRow, MonthImportResult } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';

const pollMs = 1000;
const isRunning = (job: Job | null) => job !== null && (job.status === 'queued' || job.status === 'running');

export function MonthImportCard({ enterpriseId, canImport, onImported }: { enterpriseId: string; canImport: boolean; onImported: () => void }) {
  const { t, api, language } = useApp();
  const [file, setFile] = useState<FileMetadata | null>(null);
  const [uploading, setUploading] = useState(false);
  const [starting, setStarting] = useState(false);
  const [supersede, setSupersede] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;
  const base = `/api/v1/enterprises/${encodeURIComponent(enterpriseId)}`;

  // Poll the job while it runs; reload the page's data once when it succeeds.
  useEffect(() => {
    if (!job || !isRunning(job)) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get<Job>(`/api/v1/jobs/${encodeURIComponent(job.id)}`).then(
        (next) => {
          if (!live) return;
          setJob(next);
          if (next.status === 'succeeded') onImportedRef.current();
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, job]);

  async function upload(selected: File) {
    setError(null);
    setJob(null);
    setUploading(true);
    try {
      const form = new FormData();
      form.set('attachedToType', 'enterprise');
      form.set('attachedToId', enterpriseId);
      form.set('file', selected, selected.name);
      setFile(await api.upload<FileMetadata>('/api/v1/files', form));
    } catch (e) {
      setFile(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  async function start() {
    if (!file) return;
    setError(null);
    setStarting(true);
    try {
      const { jobId } = await api.post<{ jobId: string }>(`${base}/imports`, { fileId: file.id, supersede });
      setJob({
        id: jobId,
        kind: 'month-import',
        status: 'queued',
        progress: 0,
        message: null,
        result: null,
        error: null,
        attempts: 0,
        createdAt: '',
        startedAt: null,
        finishedAt: null,
        updatedAt: '',
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  }

  const columnName = (key: string | undefined) => {
    const known = dynamicKey('importColumn', key);
    return known ? t(known) : (key ?? '—');
  };
  const report = job?.status === 'failed' && job.error?.code === 'IMPORT_INVALID' ? (job.result as MonthImportReport | null) : null;
  const succeeded = job?.status === 'succeeded' ? (job.result as MonthImportResult | null) : null;

  return (
    <Card data-testid="import-card" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('importMonths')}</h2>}>
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('downloadTemplate')}：</Typography.Text>
        <Button size="small" data-testid="template-xlsx" href={`${base}/imports/template?format=xlsx`} download>
          {t('templateXlsx')}
        </Button>
        <Button size="small" data-testid="template-csv" href={`${base}/imports/template?format=csv`} download>
          {t('templateCsv')}
        </Button>
      </Flex>
      {canImport ? (
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(selected) => {
                void upload(selected);
                return false;
              }}
            >
              <Button data-testid="import-choose-file" loading={uploading} disabled={isRunning(job)}>
                {t('chooseFile')}
              </Button>
            </Upload>
            <Typography.Text data-testid="import-file-name" type={file ? undefined : 'secondary'}>
              {file ? file.originalName : t('noFileChosen')}
            </Typography.Text>
          </Flex>
          <Tooltip title={t('supersedeHint')} placement="topLeft">
            <span data-testid="import-supersede" style={{ width: 'fit-content' }}>
              <Checkbox checked={supersede} onChange={(e) => setSupersede(e.target.checked)}>
                {t('supersede')}
              </Checkbox>
            </span>
          </Tooltip>
          <div>
            <Button type="primary" data-testid="import-start" disabled={!file || isRunning(job) || uploading} loading={starting} onClick={() => void start()}>
              {t('startImport')}
            </Button>
          </div>
        </Flex>
      ) : (
        <Alert type="info" showIcon message={t('importOfficersOnly')} />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} data-testid="import-error" closable onClose={() => setError(null)} />}
      {job && (
        <div style={{ marginTop: 16 }} data-testid="import-job" data-status={job.status}>
          <Progress
            percent={job.status === 'succeeded' ? 100 : job.progress}
            status={job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'}
            format={(p) => `${p ?? 0}%`}
          />
          <Typography.Text type="secondary">
            {t(dynamicKey('jobStatus', job.status) ?? 'status')}
            {job.message ? ` · ${job.message}` : ''}
          </Typography.Text>
          {succeeded && (
            <Alert
              type="success"
              showIcon
              data-testid="import-succeeded"
              style={{ marginTop: 12 }}
              message={`${t('importSucceeded')}：${succeeded.months.join('、')}`}
              description={`${t('importRows')} ${succeeded.rows} · ${t('importSubmissions')} ${succeeded.submissions}`}
            />
          )}
          {job.status === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="import-failed"
              style={{ marginTop: 12 }}
              message={report ? (language === 'en' ? report.summary.message.en : report.summary.message.zh) : (job.error?.message ?? t('jobStatus_failed'))}
              description={
                report && (
                  <Space wrap>
                    {t('downloadReport')}：
                    <a data-testid="import-report-xlsx" href={`/api/v1/jobs/${encodeURIComponent(job.id)}/import-report?format=xlsx`} download>
                      xlsx
                    </a>
                    <a data-testid="import-report-csv" href={`/api/v1/jobs/${encodeURIComponent(job.id)}/import-report?format=csv`} download>
                      csv
                    </a>
                  </Space>
                )
              }
            />
          )}
          {report && (
            <Table<MonthImportReportRow>
              data-testid="import-report"
              style={{ marginTop: 12 }}
              rowKey={(r, i) => `${r.row ?? 'file'}-${r.column ?? ''}-${r.code}-${i}`}
              size="small"
              dataSource={report.rows}
              pagination={report.rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
              scroll={{ x: 720 }}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 70, render: (v: number | null) => v ?? t('wholeFile') },
                { title: t('column'), dataIndex: 'column', width: 110, render: (v: string | undefined) => columnName(v) },
                { title: t('problem'), key: 'message', render: (_: unknown, r) => (language === 'en' ? r.message.en : r.message.zh) },
                { title: t('value'), dataIndex: 'value', width: 140, render: (v: string | undefined) => v ?? '—' },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
