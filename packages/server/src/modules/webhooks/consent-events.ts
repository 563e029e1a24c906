/**
 * The webhook events of consents: `consent.granted` and `consent.revoked`, sent to the grantee
 * office's endpoints. `data` is `{ consent, enterprise: { id, nameZh, nameEn } }`, the consent as
 * GET /api/v1/consents shows it.
 */
import type { Consent } from '@cfp/contracts';
import type { EmitEventOptions } from './emit-event.ts';

export function consentEvent(options: { event: 'granted' | 'revoked'; consent: Consent; enterprise: { id: string; nameZh: string; nameEn: string } }): EmitEventOptions {
  return {
    organisationId: options.consent.granteeId,
    type: options.event === 'granted' ? 'consent.granted' : 'consent.revoked',
    payload: { consent: options.consent, enterprise: { id: options.enterprise.id, nameZh: options.enterprise.nameZh, nameEn: options.enterprise.nameEn } },
  };
}
