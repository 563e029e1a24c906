/**
 * 情景模拟 (what-if): `/carbon-account/what-if` for an enterprise's own account and
 * `/enterprises/:id/what-if` for the commission. Pick a label period (the monitoring label's
 * rolling 12 months or a year with an account), add changes, run, and read baseline and scenario
 * side by side. Opening a period runs it without changes, which gives the baseline and the
 * enterprise's own fuels and activities to choose from. Nothing is saved, and the page says so.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Flex, Select, Skeleton, Typography } from 'antd';
import type { Enterprise, WhatIfResultBody } from '@cfp/contracts';
import { ApiError } from '../../app/api-client.ts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { describeLabelPeriod } from '../labels/describe-label-period.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { useEnterpriseAccount } from './use-enterprise-account.tsx';
import { toChangeInput, WhatIfChangeEditor, type DraftChange } from './what-if-change-editor.tsx';
import { WhatIfResult } from './what-if-result.tsx';

/** Field messages of a VALIDATION_FAILED answer, by path. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return {};
  const fields = (error.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.path, f.message]));
}

export function WhatIfPage() {
  const { t, api, language } = useApp();
  const me = useMe();
  const params = useParams();
  const ownAccount = params['id'] === undefined;
  const enterpriseId = params['id'] ?? me.organisation.id;
  const profile = useAsync(() => api.get<Enterprise>(`/api/v1/enterprises/${encodeURIComponent(enterpriseId)}`), [enterpriseId]);
  const account = useEnterpriseAccount({ enterpriseId });
  const periods = useMemo(() => {
    const monitoring = account.data?.labels.find((l) => l.kind === 'monitoring')?.period;
    const years = (account.data?.years ?? []).filter((a) => a.complete).map((a) => a.period);
    return [...new Set([...(monitoring ? [monitoring] : []), ...years.sort().reverse()])];
  }, [account.data]);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [changes, setChanges] = useState<DraftChange[]>([]);
  const [baseline, setBaseline] = useState<WhatIfResultBody | undefined>(undefined);
  const [result, setResult] = useState<WhatIfResultBody | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const path = `/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/what-if`;

  useEffect(() => {
    if (period === undefined && periods.length > 0) setPeriod(periods[0]);
  }, [period, periods]);

  // A new period: its baseline (no changes), and the changes start over.
  useEffect(() => {
    if (!period) return;
    let live = true;
    setBaseline(undefined);
    setResult(undefined);
    setError(undefined);
    setChanges([]);
    api.post<WhatIfResultBody>(path, { period, changes: [] }).then(
      (r) => {
        if (!live) return;
        setBaseline(r);
        setResult(r);
      },
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [api, path, period]);

  const run = async () => {
    if (!period) return;
    setRunning(true);
    setError(undefined);
    try {
      setResult(await api.post<WhatIfResultBody>(path, { period, changes: changes.map(toChangeInput) }));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setRunning(false);
    }
  };

  const errors = fieldErrors(error);
  const enterprise = profile.data;
  const name = enterprise ? (language === 'en' ? enterprise.nameEn || enterprise.nameZh : enterprise.nameZh) : '';
  const noData = !account.loading && account.data !== undefined && periods.length === 0;

  return (
    <div data-testid="what-if-page">
      <PageTitle
        extra={
          <Link to={ownAccount ? '/carbon-account' : `/enterprises/${encodeURIComponent(enterpriseId)}`} data-testid="what-if-back">
            {ownAccount ? t('whatIfBack') : t('enterpriseDetail')}
          </Link>
        }
      >
        {t('whatIf')}
        {name && !ownAccount ? ` · ${name}` : ''}
      </PageTitle>
      <Alert type="info" showIcon message={t('whatIfNotSaved')} description={t('whatIfIntro')} style={{ marginBottom: 16 }} data-testid="what-if-not-saved" />
      {account.error && <Alert type="error" showIcon message={account.error.message} style={{ marginBottom: 16 }} />}
      {noData && <Alert type="warning" showIcon message={t('whatIfNoData')} style={{ marginBottom: 16 }} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('whatIfPeriod')}</Typography.Text>
          <Select
            style={{ minWidth: 260 }}
            loading={account.loading}
            value={period}
            onChange={(p: string) => setPeriod(p)}
            options={periods.map((p) => ({ value: p, label: describeLabelPeriod(p, language) }))}
            data-testid="what-if-period"
            data-period={period ?? ''}
          />
        </Flex>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('whatIfChanges')}
        </Typography.Title>
        <WhatIfChangeEditor changes={changes} onChange={setChanges} baseline={baseline} errors={errors} />
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="what-if-error"
            message={error.message}
            description={
              Object.keys(errors).length > 0
                ? Object.entries(errors)
                    .map(([p, m]) => `${p}: ${m}`)
                    .join('；')
                : undefined
            }
          />
        )}
        <Button type="primary" style={{ marginTop: 12 }} onClick={() => void run()} loading={running} disabled={!baseline} data-testid="what-if-run">
          {t('whatIfRun')}
        </Button>
      </Card>
      {result ? <WhatIfResult result={result} /> : period && !error ? <Skeleton active /> : null}
    </div>
  );
}
