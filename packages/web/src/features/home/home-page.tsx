/**
 * Each role's own home page: the organisation (nameZh), its type, and the scope — the area, and
 * for banks the hierarchy path — plus the modules that come later, labelled 即将上线.
 * No chart here: ECharts alone is ~160 KB gzipped, which would break the home pages' bundle budget.
 */
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import type { Area, Organisation } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey, type MessageKey } from '../../app/i18n.ts';
import { homeKindOf, menuFor, menuPaths, type MenuKey } from '../../app/role-home.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';

// Only enterprises see it: its code (Upload, List) stays out of every home's initial bundle.
/** The carbon-account pages the role may open, as shortcuts on its home. */
const carbonAccountKeys: readonly MenuKey[] = ['carbonAccount', 'enterprises', 'labels'];

const DocumentsCard = lazy(() => import('./documents-card.tsx').then((m) => ({ default: m.DocumentsCard })));

export function HomePage() {
  const { t, api, language } = useApp();
  const me = useMe();
  const kind = homeKindOf(me);
  const scope = useAsync(async () => {
    const areas = await api.get<{ items: Area[] }>('/api/v1/areas').catch(() => ({ items: [] as Area[] }));
    const area = areas.items.find((a) => a.id === me.scope.areaId);
    // The path is the caller's organisation, then the offices above it; shown top-down.
    const path = await Promise.all(
      [...me.scope.organisationPath]
        .reverse()
        .map((id) =>
          id === me.organisation.id
            ? Promise.resolve({ id, nameZh: me.organisation.nameZh, nameEn: me.organisation.nameEn })
            : api.get<Organisation>(`/api/v1/organisations/${encodeURIComponent(id)}`).catch(() => ({ id, nameZh: id, nameEn: id })),
        ),
    );
    return { area, path };
  }, [me.user.id]);

  const name = (o: { nameZh: string; nameEn: string }) => (language === 'en' ? o.nameEn || o.nameZh : o.nameZh);
  const navigate = useNavigate();
  const shortcuts = menuFor(me).filter((k) => carbonAccountKeys.includes(k));
  const typeKey = dynamicKey('type', me.organisation.type);
  const levelKey = dynamicKey('bankLevel', me.organisation.bankLevel);

  return (
    <div data-testid={`home-${kind}`}>
      <PageTitle>{t(`homeTitle_${kind}` as MessageKey)}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('organisation')}</h2>}>
            <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }} data-testid="home-organisation">
              {me.organisation.nameZh}
            </Typography.Title>
            {language === 'en' && me.organisation.nameEn && <Typography.Paragraph type="secondary">{me.organisation.nameEn}</Typography.Paragraph>}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('organisationType')}>
                <span data-testid="home-organisation-type">
                  {typeKey ? t(typeKey) : me.organisation.type}
                  {levelKey ? ` · ${t(levelKey)}` : ''}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('area')}>
                <span data-testid="home-area">{scope.data?.area ? name(scope.data.area) : me.scope.areaId}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('hierarchy')}>
                {scope.loading ? <Skeleton.Input size="small" active /> : <span data-testid="home-hierarchy">{(scope.data?.path ?? []).map(name).join(' / ')}</span>}
              </Descriptions.Item>
              <Descriptions.Item label={t('roles')}>
                {me.roles.map((r) => (
                  <Tag key={r}>{t(dynamicKey('role', r) ?? 'roles')}</Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {shortcuts.length > 0 && (
          <Col xs={24}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('availableModules')}</h2>} data-testid="home-shortcuts">
              <Flex gap={8} wrap>
                {shortcuts.map((k) => (
                  <Button key={k} data-testid={`home-shortcut-${k}`} type={k === shortcuts[0] ? 'primary' : 'default'} onClick={() => navigate(menuPaths[k])}>
                    {t(k)}
                  </Button>
                ))}
              </Flex>
            </Card>
          </Col>
        )}
        {kind === 'enterprise' && (
          <Col xs={24}>
            <Suspense fallback={<Card loading />}>
              <DocumentsCard />
            </Suspense>
          </Col>
        )}
        <Col xs={24}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('upcomingModules')}</h2>}
            extra={
              <Tag color="blue" data-testid="coming-soon">
                {t('comingSoon')}
              </Tag>
            }
          >
            <Typography.Paragraph style={{ margin: 0 }}>{t(`upcoming_${kind}` as MessageKey)}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
