/**
 * The 「情景模拟」 button on 我的碳账户 and on an enterprise's detail page, for those the server
 * lets run a what-if (what-if-routes.ts): the enterprise itself, the development & reform
 * commission, the ecology & environment bureau and platform administrators. Banks may run one
 * through the API under a consent; the page is not offered to them.
 */
import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { useApp, useMe } from '../../app/app-context.tsx';
import { commissionOrganisationId } from '../../app/role-home.ts';

/** The ecology & environment bureau (server: demoIds.eeb). */
const environmentBureauId = 'gov-eeb';

export function WhatIfLink({ enterpriseId }: { enterpriseId?: string }) {
  const { t } = useApp();
  const me = useMe();
  const navigate = useNavigate();
  const own = enterpriseId === undefined || enterpriseId === me.organisation.id;
  const allowed =
    (own && me.organisation.type === 'enterprise') ||
    (me.organisation.type === 'platform' && me.roles.includes('admin')) ||
    [commissionOrganisationId, environmentBureauId].includes(me.organisation.id);
  if (!allowed) return null;
  const to = own && me.organisation.type === 'enterprise' ? '/carbon-account/what-if' : `/enterprises/${encodeURIComponent(enterpriseId ?? '')}/what-if`;
  return (
    <Button onClick={() => void navigate(to)} data-testid="what-if-open">
      {t('whatIf')}
    </Button>
  );
}
