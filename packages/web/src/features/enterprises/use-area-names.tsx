/** The city's areas (counties, county-level cities, districts, zones) by id, named in the toggle's language. */
import { useMemo } from 'react';
import type { Area } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { useAsync } from '../common/use-async.tsx';

export function useAreas(): { areas: Area[]; nameOf: (id: string | null | undefined) => string } {
  const { api, language } = useApp();
  const loaded = useAsync(() => api.get<{ items: Area[] }>('/api/v1/areas').catch(() => ({ items: [] as Area[] })), []);
  return useMemo(() => {
    const areas = loaded.data?.items ?? [];
    const byId = new Map(areas.map((a) => [a.id, a]));
    return {
      areas,
      nameOf: (id) => {
        if (!id) return '—';
        const area = byId.get(id);
        if (!area) return id;
        return language === 'en' ? area.nameEn || area.nameZh : area.nameZh;
      },
    };
  }, [loaded.data, language]);
}
