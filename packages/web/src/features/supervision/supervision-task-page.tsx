/**
 * One task of the action plan (行动方案督办 › 任务): its summary, status with the reasons, deadline,
 * lead and partner agencies (unmapped names flagged), the plan's own paragraph (原文) beside it with
 * the whole text in a drawer, then milestones, indicators and progress reports. Edit controls show
 * only for those the server says may use them (`viewer`); the server decides all the same.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Drawer, Flex, Grid, Row, Skeleton, Space, Tag, Typography } from 'antd';
import type { PlanAgency, PlanTaskItem } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { NotFound } from '../common/not-found.tsx';
import { PageTitle } from '../common/page-title.tsx';
import { isNotVisible, useAsync } from '../common/use-async.tsx';
import { IndicatorsCard } from './indicators-card.tsx';
import { MilestonesCard } from './milestones-card.tsx';
import { ReportsCard } from './reports-card.tsx';
import { TaskStatusTag } from './status-tag.tsx';
import { businessToday, locateExcerpt } from './supervision-format.ts';
import { useAgencyNames } from './use-agency-names.tsx';

const base = '/api/v1/supervision';

function Agencies({ agencies, testId }: { agencies: PlanAgency[]; testId: string }) {
  const { t } = useApp();
  if (agencies.length === 0) return <>—</>;
  return (
    <Flex gap={4} wrap data-testid={testId}>
      {agencies.map((a) =>
        a.organisationId ? (
          <Tag key={a.name} data-organisation={a.organisationId} style={{ marginInlineEnd: 0 }}>
            {a.name}
          </Tag>
        ) : (
          <Tag key={a.name} color="warning" data-unmapped="true" style={{ marginInlineEnd: 0 }} title={t('svUnmappedHint')}>
            {a.name}
            {t('svParenOpen')}
            {t('svUnmapped')}
            {t('svParenClose')}
          </Tag>
        ),
      )}
    </Flex>
  );
}

/** The whole text with the task's paragraph marked. */
function FullText({ text, excerpt }: { text: string; excerpt: string | null }) {
  const found = excerpt ? locateExcerpt({ text, excerpt }) : null;
  const style = { whiteSpace: 'pre-wrap' as const, lineHeight: 1.8, fontSize: 14 };
  if (!found) return <div style={style}>{text}</div>;
  return (
    <div style={style}>
      {text.slice(0, found.start)}
      <mark ref={(el) => el?.scrollIntoView({ block: 'center' })} data-testid="sv-full-text-mark" style={{ background: '#fff1b8' }}>
        {text.slice(found.start, found.end)}
      </mark>
      {text.slice(found.end)}
    </div>
  );
}

export function SupervisionTaskPage() {
  const { code = '' } = useParams();
  const { t, api } = useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const agencies = useAgencyNames();
  const task = useAsync(() => api.get<PlanTaskItem>(`${base}/tasks/${encodeURIComponent(code)}`), [code]);
  const [fullTextOpen, setFullTextOpen] = useState(false);
  const fullText = useAsync(
    () => (fullTextOpen && task.data ? api.get<{ text: string | null }>(`${base}/plans/${encodeURIComponent(task.data.planId)}/full-text`) : Promise.resolve(undefined)),
    [fullTextOpen, task.data?.planId],
  );
  const today = businessToday();

  if (task.error && isNotVisible(task.error)) return <NotFound />;
  const x = task.data;
  return (
    <div data-testid="supervision-task-page">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/supervision">{t('supervision')}</Link> }, { title: x ? (x.kind === 'safeguard' ? x.code : `${t('svTaskNo')}${x.code}`) : code }]}
      />
      {task.error && <Alert type="error" showIcon message={task.error.message} style={{ marginBottom: 16 }} />}
      {!x && task.loading && <Skeleton active />}
      {x && (
        <>
          <PageTitle extra={<TaskStatusTag status={x.status} testId="sv-task-status" />}>
            <span data-testid="sv-task-title">
              {x.kind === 'safeguard' ? x.code : `${t('svTaskNo')}${x.code}`} {x.title}
            </span>
          </PageTitle>
          <Flex vertical gap={16}>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Card size="small" title={t('svSummary')} data-testid="sv-task-summary" style={{ height: '100%' }}>
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'group', label: t('svGroup'), children: x.group },
                      {
                        key: 'deadline',
                        label: t('svDeadline'),
                        children: x.deadlineText ? `${x.deadlineText}${x.dueYear ? `${t('svParenOpen')}${x.dueYear}${t('svParenClose')}` : ''}` : t('svNoDeadline'),
                      },
                      { key: 'leads', label: t('svLeads'), children: <Agencies agencies={x.leads} testId="sv-task-leads" /> },
                      { key: 'partners', label: t('svPartners'), children: <Agencies agencies={x.partners} testId="sv-task-partners" /> },
                      {
                        key: 'reasons',
                        label: t('svStatusReasons'),
                        children: x.statusReasons.length ? (
                          <Flex vertical gap={2} data-testid="sv-task-reasons">
                            {x.statusReasons.map((r) => (
                              <span key={r}>{r}</span>
                            ))}
                          </Flex>
                        ) : (
                          '—'
                        ),
                      },
                    ]}
                  />
                  <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>{x.summary}</Typography.Paragraph>
                  {!x.viewer.canManage && !x.viewer.canReport && !x.viewer.canContribute && (
                    <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="sv-read-only">
                      {t('svReadOnly')}
                    </Typography.Text>
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card
                  size="small"
                  title={t('svOriginalText')}
                  data-testid="sv-task-excerpt"
                  style={{ height: '100%' }}
                  extra={
                    <Button size="small" type="link" data-testid="sv-full-text-open" onClick={() => setFullTextOpen(true)}>
                      {t('svFullText')}
                    </Button>
                  }
                >
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, maxHeight: narrow ? undefined : 360, overflow: 'auto', lineHeight: 1.8 }}>
                    {x.fullTextExcerpt ?? t('svNoExcerpt')}
                  </Typography.Paragraph>
                </Card>
              </Col>
            </Row>
            <MilestonesCard task={x} agencies={agencies} onChanged={task.reload} />
            <IndicatorsCard task={x} today={today} agencies={agencies} onChanged={task.reload} />
            <ReportsCard task={x} today={today} agencies={agencies} onChanged={task.reload} />
          </Flex>
          <Drawer open={fullTextOpen} onClose={() => setFullTextOpen(false)} title={t('svFullText')} width={narrow ? '100%' : 720} data-testid="sv-full-text">
            {fullText.error && <Alert type="error" showIcon message={fullText.error.message} />}
            {fullText.loading && <Skeleton active />}
            {fullText.data && (fullText.data.text ? <FullText text={fullText.data.text} excerpt={x.fullTextExcerpt} /> : <Space>{t('svNoFullText')}</Space>)}
          </Drawer>
        </>
      )}
    </div>
  );
}
