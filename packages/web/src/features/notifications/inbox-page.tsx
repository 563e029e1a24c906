/**
 * The inbox: the caller's and their organisation's notifications, newest first, with "load more";
 * unread ones in bold. Opening one marks it read and follows its link (a path inside the app).
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Flex, List, Tag, Typography } from 'antd';
import type { Notification } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';
import { useUnreadCount } from './unread-count.tsx';

/** Only paths of this app: never another origin (`//host`, `/\host`, `https:`, `javascript:`). */
export function inAppPath(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}

export function InboxPage() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const list = useKeysetList<Notification>('/api/v1/notifications', { limit: 20 });
  // Read locally since the page was loaded (the list is not refetched for each click).
  const [readIds, setReadIds] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const isRead = (n: Notification) => n.read || readIds.has(n.id);

  async function markRead(n: Notification): Promise<boolean> {
    if (isRead(n)) return true;
    try {
      await api.post(`/api/v1/notifications/${encodeURIComponent(n.id)}/read`, {});
      setReadIds((old) => new Set(old).add(n.id));
      return true;
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      unread.refresh();
    }
  }

  async function open(n: Notification) {
    await markRead(n);
    const path = inAppPath(n.link);
    if (path) navigate(path);
  }

  async function markAll() {
    setBusy(true);
    try {
      await api.post('/api/v1/notifications/read-all', {});
      setReadIds(new Set(list.items.map((n) => n.id)));
      void message.success(t('markedAllRead'));
      list.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      unread.refresh();
    }
  }

  const text = (b: { zh: string; en: string }) => (language === 'en' ? b.en || b.zh : b.zh);
  return (
    <div data-testid="inbox-page">
      <PageTitle
        extra={
          <Button data-testid="mark-all-read" loading={busy} disabled={unread.count === 0 && list.items.every(isRead)} onClick={() => void markAll()}>
            {t('markAllRead')}
          </Button>
        }
      >
        {t('inbox')}
      </PageTitle>
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} />}
      <div data-testid="inbox-list">
        <List<Notification>
          bordered
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          locale={{ emptyText: t('noNotifications') }}
          style={{ background: '#fff' }}
          renderItem={(n) => {
            const read = isRead(n);
            const link = inAppPath(n.link);
            return (
              <List.Item
                data-testid="inbox-item"
                data-read={read ? 'true' : 'false'}
                actions={
                  read
                    ? []
                    : [
                        <Button key="read" size="small" type="link" data-testid="mark-read" onClick={() => void markRead(n)}>
                          {t('markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} wrap align="center">
                      {!read && <Tag color="green">{t('unread')}</Tag>}
                      {link ? (
                        <Typography.Link strong={!read} onClick={() => void open(n)}>
                          {text(n.title)}
                        </Typography.Link>
                      ) : (
                        <Typography.Text strong={!read}>{text(n.title)}</Typography.Text>
                      )}
                    </Flex>
                  }
                  description={
                    <>
                      <Typography.Paragraph style={{ marginBottom: 4, fontWeight: read ? 'normal' : 600 }}>{text(n.body)}</Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatInstant(n.createdAt, language)} · {t(n.audience === 'user' ? 'audience_user' : 'audience_organisation')}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      </div>
      {list.hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button data-testid="inbox-load-more" loading={list.loading} onClick={list.loadMore}>
            {t('loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
