/**
 * "Create a user" for an organisation's users page: shown to admins; the API decides whether the
 * caller may administer that organisation, and its refusal (403) is shown as it says it.
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal } from 'antd';
import type { User } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import type { MessageKey } from '../../app/i18n.ts';

const roleOptions = ['viewer', 'officer', 'approver', 'admin'] as const;
type Role = (typeof roleOptions)[number];

interface Values {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

export function CreateUserButton({ organisationId, onCreated }: { organisationId: string; onCreated: () => void }) {
  const { t, api } = useApp();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  async function create(values: Values) {
    setError(null);
    setSaving(true);
    try {
      await api.post<User>('/api/v1/users', { organisationId, username: values.username, displayName: values.displayName, password: values.password, roles: values.roles });
      setOpen(false);
      form.resetFields();
      void message.success(t('userCreated'));
      onCreated();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button
        type="primary"
        data-testid="create-user"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {t('createUser')}
      </Button>
      <Modal
        open={open}
        title={t('createUser')}
        okText={t('createUser')}
        cancelText={t('cancel')}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'create-user-submit' } as Record<string, string>) }}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="create-user-error" />}
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ roles: ['officer'] }}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input data-testid="new-username" autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input data-testid="new-display-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password data-testid="new-password" autoComplete="new-password" maxLength={256} />
          </Form.Item>
          <Form.Item name="roles" label={t('roles')} rules={[{ required: true, type: 'array', min: 1, message: t('required') }]}>
            <Checkbox.Group data-testid="new-roles" options={roleOptions.map((r) => ({ value: r, label: t(`role_${r}` as MessageKey) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
