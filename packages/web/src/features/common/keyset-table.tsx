/** A keyset list as a table: its error, its rows, and "load more" while there are more pages. */
import { Alert, Button, Flex, Table, type TableProps } from 'antd';
import { useApp } from '../../app/app-context.tsx';
import type { KeysetList } from './keyset-list.tsx';

export function KeysetTable<T extends object>({ list, ...table }: { list: KeysetList<T> } & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>) {
  const { t } = useApp();
  return (
    <>
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<T> size="small" locale={{ emptyText: t('noData') }} {...table} loading={list.loading} dataSource={list.items} pagination={false} />
      {list.hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button loading={list.loading} onClick={list.loadMore}>
            {t('loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}
