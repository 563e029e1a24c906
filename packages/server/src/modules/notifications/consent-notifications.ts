/**
 * What the grantee's inbox says when an enterprise grants or revokes a consent. The notification
 * goes to the grantee office itself (its members), not to the offices above or below it.
 */
import type { ConsentRow } from '@cfp/db';
import type { NotifyOptions } from './notify.ts';

const purposeNames: Record<string, { zh: string; en: string }> = {
  pre_loan: { zh: '贷前', en: 'pre-loan' },
  post_loan: { zh: '贷后', en: 'post-loan' },
  guarantee: { zh: '担保', en: 'guarantee' },
};

export function consentNotification(options: { event: 'granted' | 'revoked'; consent: ConsentRow; enterprise: { nameZh: string; nameEn: string } }): NotifyOptions {
  const { consent, enterprise } = options;
  const purpose = purposeNames[consent.purpose] ?? { zh: consent.purpose, en: consent.purpose };
  const nameEn = enterprise.nameEn || enterprise.nameZh;
  const term = { zh: `${consent.validFrom} 至 ${consent.validTo}`, en: `${consent.validFrom} to ${consent.validTo}` };
  const granted = options.event === 'granted';
  return {
    organisationId: consent.granteeId,
    type: `consent.${options.event}`,
    title: granted ? { zh: '新的数据授权', en: 'New data consent' } : { zh: '数据授权已撤销', en: 'Data consent revoked' },
    body: granted
      ? {
          zh: `${enterprise.nameZh} 授权贵机构查询其数据（用途：${purpose.zh}；期限：${term.zh}）。`,
          en: `${nameEn} consented to your office reading its data (purpose: ${purpose.en}; term: ${term.en}).`,
        }
      : {
          zh: `${enterprise.nameZh} 撤销了对贵机构的数据授权（用途：${purpose.zh}），即时生效。`,
          en: `${nameEn} revoked its consent to your office (purpose: ${purpose.en}), with immediate effect.`,
        },
    // No link yet: banks get a consents page of their own with the credit module.
  };
}
