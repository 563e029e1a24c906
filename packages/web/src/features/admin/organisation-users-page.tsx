/** Users of one organisation; the API answers 404 for organisations outside the caller's reach. */
import { useParams } from 'react-router';
import { Tag } from 'antd';
import type { Organisation, User } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { NotFound } from '../common/not-found.tsx';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';
import { KeysetTable } from '../common/keyset-table.tsx';
import { isNotVisible, useAsync } from '../common/use-async.tsx';
import { CreateUserButton } from './create-user-form.tsx';

export function OrganisationUsersPage() {
  const { t, api, me } = useApp();
  const id = useParams().id ?? '';
  const organisation = useAsync(() => api.get<Organisation>(`/api/v1/organisations/${encodeURIComponent(id)}`), [id]);
  const list = useKeysetList<User>(`/api/v1/organisations/${encodeURIComponent(id)}/users`, { limit: 50 });

  if (isNotVisible(list.error) || isNotVisible(organisation.error)) return <NotFound />;
  return (
    <div data-testid="organisation-users-page">
      <PageTitle extra={me?.roles.includes('admin') ? <CreateUserButton organisationId={id} onCreated={list.reload} /> : undefined}>
        {t('organisationUsers')}
        {organisation.data ? ` · ${organisation.data.nameZh}` : ''}
      </PageTitle>
      <KeysetTable<User>
        list={list}
        rowKey="id"
        scroll={{ x: 640 }}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('displayName'), dataIndex: 'displayName' },
          { title: t('roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(dynamicKey('role', r) ?? 'roles')}</Tag>) },
          { title: t('phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('status'), dataIndex: 'disabled', render: (v: boolean) => (v ? <Tag color="red">{t('disabled')}</Tag> : <Tag color="green">{t('enabled')}</Tag>) },
        ]}
      />
    </div>
  );
}
