/** An enterprise's registry flags as tags: key energy user (重点用能单位), 「两高」, national ETS key emitter (重点排放单位). */
import { Tag } from 'antd';
import type { Enterprise } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';

export function EnterpriseFlags({ enterprise }: { enterprise: Pick<Enterprise, 'keyEmitter' | 'highEnergyHighEmission' | 'etsKeyEmitter'> }) {
  const { t } = useApp();
  const none = !enterprise.keyEmitter && !enterprise.highEnergyHighEmission && !enterprise.etsKeyEmitter;
  return (
    <>
      {enterprise.keyEmitter && <Tag color="blue">{t('keyEmitter')}</Tag>}
      {enterprise.highEnergyHighEmission && <Tag color="volcano">{t('twoHigh')}</Tag>}
      {enterprise.etsKeyEmitter && <Tag color="purple">{t('etsKeyEmitter')}</Tag>}
      {none && '—'}
    </>
  );
}
