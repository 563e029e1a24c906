/**
 * The unread count of the caller's inbox, shared by the header's bell and the inbox page: polled
 * every 30 s, refreshed on navigation and after the inbox's actions. Kept small: it is part of
 * the signed-in shell, hence of every home page's initial bundle.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button } from 'antd';
import { useApp } from '../../app/app-context.tsx';

export const unreadPollMs = 30_000;

interface UnreadState {
  count: number;
  refresh: () => void;
}

const UnreadContext = createContext<UnreadState>({ count: 0, refresh: () => undefined });

export function UnreadCountProvider({ children }: { children: ReactNode }) {
  const { api } = useApp();
  const [count, setCount] = useState(0);
  const generation = useRef(0);
  const location = useLocation();

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    api.get<{ count: number }>('/api/v1/notifications/unread-count').then(
      (r) => {
        if (mine === generation.current) setCount(r.count);
      },
      () => undefined, // the badge keeps its last value; a 401 already returns to the login page
    );
  }, [api]);

  useEffect(() => {
    const timer = window.setInterval(refresh, unreadPollMs);
    return () => window.clearInterval(timer);
  }, [refresh]);

  // On mount, and on each page change (which may follow an action elsewhere): count again.
  useEffect(() => {
    refresh();
  }, [location.pathname, refresh]);

  const value = useMemo(() => ({ count, refresh }), [count, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnreadCount(): UnreadState {
  return useContext(UnreadContext);
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" style={{ verticalAlign: '-4px' }}>
      <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

/** The header's bell: the unread count as a badge; opens the inbox. */
export function NotificationBell() {
  const { t } = useApp();
  const { count } = useUnreadCount();
  const navigate = useNavigate();
  const label = `${t('unreadNotifications')}: ${count}`;
  // A plain pill rather than antd's Badge: this sits in every page's initial bundle.
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Button data-testid="notification-bell" data-unread={count} aria-label={label} title={t('inbox')} icon={<BellIcon />} onClick={() => navigate('/inbox')} />
      {count > 0 && (
        <span
          aria-hidden="true"
          data-testid="notification-count"
          style={{
            position: 'absolute',
            top: -6,
            right: -6,
            minWidth: 18,
            height: 18,
            padding: '0 5px',
            borderRadius: 9,
            background: '#ff4d4f',
            color: '#fff',
            fontSize: 11,
            lineHeight: '18px',
            textAlign: 'center',
            boxShadow: '0 0 0 1px #fff',
            pointerEvents: 'none',
          }}
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </span>
  );
}
