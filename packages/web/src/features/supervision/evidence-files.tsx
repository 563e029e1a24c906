/**
 * Evidence files (佐证材料) of milestones, indicator values and reports: uploaded through the files
 * API as evidence of the task (`supervision_task`, the code in lower case), so every reader of the
 * plan can open them; listed as download links. The server checks the bytes' type and size, who
 * may attach to the task and, when the evidence is used, that the caller's organisation uploaded it.
 */
import { useState } from 'react';
import { Button, Flex, Typography, Upload } from 'antd';
import type { FileMetadata } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';

export interface EvidenceFile {
  id: string;
  name: string;
}

/** Download links of evidence files by id (names when known). */
export function EvidenceLinks({ ids, names }: { ids: readonly string[]; names?: ReadonlyMap<string, string> }) {
  const { t } = useApp();
  if (ids.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={8} wrap data-testid="sv-evidence-links">
      {ids.map((id, i) => (
        <a key={id} href={`/api/v1/files/${encodeURIComponent(id)}/content`} target="_blank" rel="noreferrer">
          {names?.get(id) ?? `${t('svEvidence')} ${i + 1}`}
        </a>
      ))}
    </Flex>
  );
}

/** An upload button that adds each uploaded file to `value`; the list shows what is attached. */
export function EvidenceUpload({ taskCode, value, onChange, testId }: { taskCode: string; value: EvidenceFile[]; onChange: (files: EvidenceFile[]) => void; testId: string }) {
  const { t, api } = useApp();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setUploading(true);
    setError(null);
    try {
      const form = new FormData();
      form.set('attachedToType', 'supervision_task');
      form.set('attachedToId', taskCode.toLowerCase());
      form.set('file', file, file.name);
      const saved = await api.upload<FileMetadata>('/api/v1/files', form);
      onChange([...value, { id: saved.id, name: saved.originalName }]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Flex vertical gap={4} data-testid={testId}>
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button size="small" loading={uploading} data-testid={`${testId}-button`}>
          {t('svUploadEvidence')}
        </Button>
      </Upload>
      {value.map((f) => (
        <Flex key={f.id} gap={8} align="center">
          <Typography.Text>{f.name}</Typography.Text>
          <Button size="small" type="link" onClick={() => onChange(value.filter((x) => x.id !== f.id))}>
            {t('svRemove')}
          </Button>
        </Flex>
      ))}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Flex>
  );
}
