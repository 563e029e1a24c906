/** Users of one organisation; the API answers 404 for organisations outside the caller's reach. */
import { useParams } from 'react-router';
import { Alert, Button, Flex, Table, Tag } from 'antd';
import type { Organisation, User } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { NotFound } from '../common/not-found.tsx';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';
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
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<User>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('noData') }}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('displayName'), dataIndex: 'displayName' },
          { title: t('roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(dynamicKey('role', r) ?? 'roles')}</Tag>) },
          { title: t('phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('status'), dataIndex: 'disabled', render: (v: boolean) => (v ? <Tag color="red">{t('disabled')}</Tag> : <Tag color="green">{t('enabled')}</Tag>) },
        ]}
      />
      {list.hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button loading={list.loading} onClick={list.loadMore}>
            {t('loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
