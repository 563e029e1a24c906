/**
 * The colour list of a year: counts by colour (doughnut chart and figures), the list (name, USCC,
 * area, sector, colour with 「暂定」, the province's colour with a conflict mark, the reasons for
 * those who may see them). The commission drafts the year's official labels (生成草稿), reviews
 * the drafts and publishes them (发布, after a confirmation). The year comes from `?year=`, else
 * the last complete year with data.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Input, Modal, Row, Segmented, Select, Skeleton, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { z } from 'zod';
import type { labelListItemSchema } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { canManageLabels, menuFor } from '../../app/role-home.ts';
import { useAsync } from '../common/use-async.tsx';
import { useAreas } from '../enterprises/use-area-names.tsx';
import { businessYearOf, defaultLabelYear } from './default-label-year.ts';
import { colourKey, colourStyle, LabelColourTag, labelColours, type LabelColour } from './label-colour-tag.tsx';

const ColourCountChart = lazy(() => import('./colour-count-chart.tsx').then((m) => ({ default: m.ColourCountChart })));

type LabelListItem = z.infer<typeof labelListItemSchema>;
interface LabelList {
  year: number;
  items: LabelListItem[];
  counts: Record<string, number>;
}
type ListStatus = 'published' | 'draft';

export function LabelListPanel() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const me = useMe();
  const manages = canManageLabels(me);
  const readsRegistry = menuFor(me).includes('enterprises');
  const { areas, nameOf } = useAreas();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const yearFromUrl = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const [fallbackYear, setFallbackYear] = useState<number | undefined>(undefined);
  const year = yearFromUrl ?? fallbackYear;
  const [status, setStatus] = useState<ListStatus>('published');
  const [areaId, setAreaId] = useState<string | undefined>(undefined);
  const [colour, setColour] = useState<LabelColour | 'none' | undefined>(undefined);
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    if (yearFromUrl !== undefined || fallbackYear !== undefined) return;
    let live = true;
    void defaultLabelYear({ api, readsRegistry }).then((y) => live && setFallbackYear(y));
    return () => {
      live = false;
    };
  }, [api, readsRegistry, yearFromUrl, fallbackYear]);

  const list = useAsync(async () => (year === undefined ? undefined : api.get<LabelList>('/api/v1/labels', { year, status, areaId })), [year, status, areaId]);
  const items = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (list.data?.items ?? []).filter(
      (i) =>
        (colour === undefined || (i.colour ?? 'none') === colour) && (needle === '' || i.nameZh.toLowerCase().includes(needle) || (i.uscc ?? '').toLowerCase().includes(needle)),
    );
  }, [list.data, colour, q]);
  const counts = list.data?.counts ?? {};
  const withReasons = (list.data?.items ?? []).some((i) => i.reason !== undefined);
  const withProvince = (list.data?.items ?? []).some((i) => i.provincialColour !== undefined);
  const lastYear = businessYearOf(new Date()) - 1;
  const years = [...new Set([...Array.from({ length: 8 }, (_, i) => lastYear - i), ...(year ? [year] : [])])].sort((a, b) => b - a);

  const chooseYear = (y: number) => setParams({ year: String(y) }, { replace: true });

  async function draft() {
    if (year === undefined) return;
    setActionError(null);
    setBusy('draft');
    try {
      const result = await api.post<{ drafted: number }>('/api/v1/labels/drafts', { year });
      void message.success(t('draftsCreated').replace('{n}', String(result.drafted)));
      setColour(undefined);
      if (status === 'draft') list.reload();
      else setStatus('draft');
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  async function publish() {
    if (year === undefined) return;
    setActionError(null);
    setBusy('publish');
    try {
      const result = await api.post<{ labelCount: number }>('/api/v1/labels/publications', { year, ...(note.trim() ? { note: note.trim() } : {}) });
      void message.success(t('labelsPublished').replace('{n}', String(result.labelCount)));
      setPublishing(false);
      setNote('');
      setColour(undefined);
      setStatus('published');
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
      setPublishing(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div data-testid="label-list-panel" data-year={year ?? ''} data-status={status}>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('labelYear')}</Typography.Text>
        <Select
          data-testid="label-year"
          loading={year === undefined}
          value={year}
          style={{ width: 110 }}
          onChange={(v: number) => chooseYear(v)}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        {manages && (
          <Segmented<ListStatus>
            data-testid="label-status"
            value={status}
            onChange={(v) => {
              setColour(undefined);
              setStatus(v);
            }}
            options={[
              { value: 'published', label: t('labelStatus_published') },
              { value: 'draft', label: t('labelStatus_draft') },
            ]}
          />
        )}
        <Select
          allowClear
          data-testid="label-area-filter"
          placeholder={t('allAreas')}
          style={{ minWidth: 180 }}
          value={areaId}
          onChange={(v: string | undefined) => setAreaId(v)}
          options={areas.filter((a) => a.type !== 'city').map((a) => ({ value: a.id, label: nameOf(a.id) }))}
        />
        <Select
          allowClear
          data-testid="label-colour-filter"
          placeholder={t('allColours')}
          style={{ minWidth: 120 }}
          value={colour}
          onChange={(v: LabelColour | 'none' | undefined) => setColour(v)}
          options={[...labelColours.map((c) => ({ value: c, label: t(colourKey(c)) })), { value: 'none', label: t('colour_none') }]}
        />
        <Input.Search
          allowClear
          data-testid="label-search"
          placeholder={t('searchPlaceholder')}
          style={{ maxWidth: 280 }}
          onSearch={(v) => setQ(v)}
          onChange={(e) => !e.target.value && setQ('')}
        />
        {manages && (
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            <Button data-testid="draft-labels" loading={busy === 'draft'} disabled={year === undefined || busy !== null} onClick={() => void draft()}>
              {t('generateDrafts')}
            </Button>
            {status === 'draft' && (
              <Button
                type="primary"
                data-testid="publish-labels"
                disabled={!list.data?.items.length || busy !== null}
                loading={busy === 'publish'}
                onClick={() => setPublishing(true)}
              >
                {t('publish')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      {actionError && (
        <Alert type="error" showIcon message={actionError} closable onClose={() => setActionError(null)} style={{ marginBottom: 16 }} data-testid="label-action-error" />
      )}
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} data-testid="label-list-error" />}
      {status === 'draft' && list.data && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={list.data.items.length ? t('draftsReview') : t('noDrafts')} data-testid="draft-hint" />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{`${year ?? ''} ${t('colourCounts')}`}</h2>} style={{ height: '100%' }}>
            <Row gutter={[8, 8]}>
              {labelColours.map((c) => (
                <Col xs={12} sm={6} key={c}>
                  <Card size="small" style={{ borderTop: `4px solid ${colourStyle[c].background}`, cursor: 'pointer' }} onClick={() => setColour(colour === c ? undefined : c)}>
                    <Statistic title={t(colourKey(c))} value={counts[c] ?? 0} valueRender={(node) => <span data-testid={`count-${c}`}>{node}</span>} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="label-total">
              {t('labelTotal').replace('{n}', String(list.data?.items.length ?? 0))}
              {counts.none ? ` · ${t('colour_none')} ${counts.none}` : ''}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" style={{ height: '100%' }}>
            {list.data && list.data.items.length > 0 ? (
              <Suspense fallback={<Skeleton active />}>
                <ColourCountChart counts={counts} onSelect={(c) => setColour(c)} />
              </Suspense>
            ) : list.loading ? (
              <Skeleton active />
            ) : (
              <Typography.Text type="secondary">{t('noData')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Table<LabelListItem>
        data-testid="label-table"
        rowKey="labelId"
        size="small"
        loading={list.loading || year === undefined}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: withReasons ? 1180 : 900 }}
        locale={{ emptyText: status === 'draft' ? t('noDrafts') : t('noPublishedLabels') }}
        columns={[
          {
            title: t('name'),
            dataIndex: 'nameZh',
            width: 230,
            render: (v: string, i) => <Link to={`/enterprises/${encodeURIComponent(i.enterpriseId)}`}>{v}</Link>,
          },
          { title: t('uscc'), dataIndex: 'uscc', width: 180, render: (v: string | null) => v ?? '—' },
          { title: t('area'), dataIndex: 'areaId', width: 120, render: (v: string) => nameOf(v) },
          { title: t('sector'), dataIndex: 'sector', width: 100, render: (v: string | null) => (v ? t(dynamicKey('sector', v) ?? 'sector') : '—') },
          {
            title: t('label'),
            key: 'colour',
            width: 120,
            render: (_: unknown, i) => <LabelColourTag colour={i.colour} provisional={i.provisional} testId={`list-colour-${i.enterpriseId}`} />,
          },
          ...(withProvince
            ? [
                {
                  title: t('provincialColour'),
                  key: 'province',
                  width: 150,
                  render: (_: unknown, i: LabelListItem) =>
                    i.provincialColour === undefined ? (
                      '—'
                    ) : (
                      <Flex gap={4} align="center">
                        <LabelColourTag colour={i.provincialColour} />
                        {i.conflict && (
                          <Tooltip title={t('conflictHint')}>
                            <Tag color="error" data-testid={`conflict-${i.enterpriseId}`}>
                              {t('conflict')}
                            </Tag>
                          </Tooltip>
                        )}
                      </Flex>
                    ),
                },
              ]
            : []),
          ...(withReasons
            ? [
                {
                  title: t('reason'),
                  key: 'reason',
                  render: (_: unknown, i: LabelListItem) =>
                    i.reason ? (
                      <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }} ellipsis={{ rows: 2, expandable: true, symbol: t('more') }} data-testid="label-reason">
                        {language === 'en' ? i.reason.en : i.reason.zh}
                      </Typography.Paragraph>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={publishing}
        title={t('publishTitle').replace('{year}', String(year ?? ''))}
        okText={t('publish')}
        cancelText={t('cancel')}
        confirmLoading={busy === 'publish'}
        onCancel={() => setPublishing(false)}
        onOk={() => void publish()}
        okButtonProps={{ 'data-testid': 'publish-confirm' } as Record<string, string>}
      >
        <Typography.Paragraph data-testid="publish-summary">
          {t('publishConfirm')
            .replace('{year}', String(year ?? ''))
            .replace('{n}', String(list.data?.items.length ?? 0))}
        </Typography.Paragraph>
        <Flex gap={4} wrap style={{ marginBottom: 12 }}>
          {labelColours.map((c) => (
            <Tag key={c} bordered={false} style={colourStyle[c]}>
              {t(colourKey(c))} {counts[c] ?? 0}
            </Tag>
          ))}
        </Flex>
        <Input.TextArea data-testid="publish-note" rows={3} maxLength={1000} placeholder={t('publishNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  );
}
