/** The supervision pages' dialog with a form: 确定/取消, a spinner while saving, a test id on 确定; closing forgets the form. */
import { Modal, type ButtonProps } from 'antd';
import type { ReactNode } from 'react';
import { useApp } from '../../app/app-context.tsx';

export function FormModal(props: { open: boolean; title: ReactNode; saving: boolean; submitTestId: string; onCancel: () => void; onSubmit: () => void; children: ReactNode }) {
  const { t } = useApp();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('ok')}
      cancelText={t('cancel')}
      confirmLoading={props.saving}
      okButtonProps={{ 'data-testid': props.submitTestId } as ButtonProps}
      onCancel={props.onCancel}
      onOk={props.onSubmit}
      destroyOnHidden
    >
      {props.children}
    </Modal>
  );
}
