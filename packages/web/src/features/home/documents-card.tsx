/**
 * The enterprise home's documents card: upload a file to the caller's own enterprise record and
 * list its files with download links. The server judges type and size; its refusal is shown.
 * Loaded lazily (only enterprises see it), outside the home page's initial bundle.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, List, Typography, Upload } from 'antd';
import type { FileMetadata } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { formatInstant } from '../../app/i18n.ts';
import { useKeysetList } from '../common/keyset-list.tsx';

function size(bytes: string): string {
  const n = Number(bytes);
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function DocumentsCard() {
  const { t, api, language } = useApp();
  const me = useMe();
  const { message } = App.useApp();
  const organisationId = me.organisation.id;
  const list = useKeysetList<FileMetadata>('/api/v1/files', { attachedToType: 'enterprise', attachedToId: organisationId, limit: 20 });
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setError(null);
    setUploading(true);
    try {
      const form = new FormData();
      form.set('attachedToType', 'enterprise');
      form.set('attachedToId', organisationId);
      form.set('file', file, file.name);
      await api.upload<FileMetadata>('/api/v1/files', form);
      void message.success(t('uploaded'));
      list.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Card
      data-testid="documents-card"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('documents')}</h2>}
      extra={
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button data-testid="upload-document" loading={uploading}>
            {t('uploadDocument')}
          </Button>
        </Upload>
      }
    >
      <Typography.Paragraph type="secondary">{t('uploadHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} data-testid="upload-error" />}
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 12 }} />}
      <div data-testid="documents-list">
        <List<FileMetadata>
          size="small"
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          locale={{ emptyText: t('noDocuments') }}
          renderItem={(f) => (
            <List.Item
              actions={[
                <a key="download" href={`/api/v1/files/${encodeURIComponent(f.id)}/content`} download={f.originalName}>
                  {t('download')}
                </a>,
              ]}
            >
              <List.Item.Meta
                title={<span style={{ wordBreak: 'break-all' }}>{f.originalName}</span>}
                description={`${size(f.sizeBytes)} · ${formatInstant(f.createdAt, language)}`}
              />
            </List.Item>
          )}
        />
      </div>
      {list.hasMore && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={list.loading} onClick={list.loadMore}>
            {t('loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
