/**
 * The agencies a task can name (government bodies, regulators, county governments) by id, named in
 * the toggle's language, for milestone owners and report authors. A county's users see only their
 * own area's organisations; other ids then show as the id (the plan's own names still show).
 */
import { useMemo } from 'react';
import type { Organisation } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { useAsync } from '../common/use-async.tsx';

const agencyTypes = ['government', 'regulator', 'county_government'] as const;

export interface AgencyNames {
  agencies: Organisation[];
  nameOf: (id: string | null | undefined) => string;
}

export function useAgencyNames(): AgencyNames {
  const { api, language } = useApp();
  const loaded = useAsync(
    () =>
      Promise.all(
        agencyTypes.map((type) =>
          api.get<{ items: Organisation[] }>('/api/v1/organisations', { type, limit: 200 }).then(
            (p) => p.items,
            () => [] as Organisation[],
          ),
        ),
      ).then((lists) => lists.flat()),
    [],
  );
  return useMemo(() => {
    const agencies = loaded.data ?? [];
    const byId = new Map(agencies.map((o) => [o.id, o]));
    return {
      agencies,
      nameOf: (id) => {
        if (!id) return '—';
        const o = byId.get(id);
        if (!o) return id;
        return language === 'en' ? o.nameEn || o.nameZh : o.nameZh;
      },
    };
  }, [loaded.data, language]);
}
