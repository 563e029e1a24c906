/** Keyset pagination for `{ items, nextCursor }` lists: the first page on filter change, then "load more". */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Query } from '../../app/api-client.ts';
import { useApp } from '../../app/app-context.tsx';

export interface KeysetList<T> {
  items: T[];
  loading: boolean;
  error: Error | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

export function useKeysetList<T>(path: string, query: Query): KeysetList<T> {
  const { api } = useApp();
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>(undefined);
  const generation = useRef(0);
  const key = JSON.stringify([path, query]);

  const fetchPage = useCallback(
    async (after: string | null, replace: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const page = await api.get<{ items: T[]; nextCursor: string | null }>(path, { ...query, cursor: after ?? undefined });
        if (mine !== generation.current) return;
        setItems((old) => (replace ? page.items : [...old, ...page.items]));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        if (mine !== generation.current) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        if (replace) setItems([]);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    // `key` stands for path and query (a new object every render).
    [api, key],
  );

  useEffect(() => {
    void fetchPage(null, true);
  }, [fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => void fetchPage(cursor, false),
    reload: () => void fetchPage(null, true),
  };
}
