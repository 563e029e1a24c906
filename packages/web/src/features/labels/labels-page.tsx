/**
 * 碳效标识 (`/labels`): the colour list of a year; for the commission a second tab, 异议处理
 * (`/labels/objections`), with the objections enterprises filed.
 */
import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useApp, useMe } from '../../app/app-context.tsx';
import { canManageLabels } from '../../app/role-home.ts';
import { PageTitle } from '../common/page-title.tsx';
import { LabelListPanel } from './label-list-panel.tsx';
import { ObjectionsPanel } from './objections-panel.tsx';

export function LabelsPage() {
  const { t } = useApp();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const manages = canManageLabels(me);
  const tab = manages && location.pathname === '/labels/objections' ? 'objections' : 'list';

  return (
    <div data-testid="labels-page">
      <PageTitle>{t('labels')}</PageTitle>
      {manages ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => navigate(key === 'objections' ? '/labels/objections' : '/labels')}
          items={[
            { key: 'list', label: <span data-testid="tab-list">{t('labelList')}</span>, children: <LabelListPanel /> },
            { key: 'objections', label: <span data-testid="tab-objections">{t('objections')}</span>, children: <ObjectionsPanel /> },
          ]}
        />
      ) : (
        <LabelListPanel />
      )}
    </div>
  );
}
