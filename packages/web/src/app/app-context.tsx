/**
 * App-wide state: the language toggle (zh-CN by default, kept in localStorage), the signed-in
 * caller with the CSRF token (in memory only), and the API client that uses both.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api-client.ts';
import { translator, type MessageKey, type WebLanguage } from './i18n.ts';
import type { Me } from './role-home.ts';

const languageStorageKey = 'cfp.language';

interface AppState {
  language: WebLanguage;
  setLanguage: (language: WebLanguage) => void;
  t: (key: MessageKey) => string;
  api: ApiClient;
  /** undefined while the session is being checked; null when signed out. */
  me: Me | null | undefined;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const AppContext = createContext<AppState | null>(null);

function initialLanguage(): WebLanguage {
  try {
    return window.localStorage.getItem(languageStorageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<WebLanguage>(initialLanguage);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const languageRef = useRef(language);
  const csrfRef = useRef<string | null>(null);
  languageRef.current = language;

  const api = useMemo(
    () =>
      createApiClient({
        language: () => languageRef.current,
        csrfToken: () => csrfRef.current,
        onUnauthenticated: () => {
          csrfRef.current = null;
          setMe(null);
        },
      }),
    [],
  );

  useEffect(() => {
    let live = true;
    api.get<Me>('/api/v1/me').then(
      (m) => {
        if (!live) return;
        csrfRef.current = m.csrfToken;
        setMe(m);
      },
      () => live && setMe(null),
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((l: WebLanguage) => {
    setLanguageState(l);
    try {
      window.localStorage.setItem(languageStorageKey, l);
    } catch {
      // private mode: the toggle still works for this tab
    }
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await api.post<{ me: Me }>('/api/v1/auth/login', { username, password });
      csrfRef.current = result.me.csrfToken;
      setMe(result.me);
      return result.me;
    },
    [api],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', {});
    } finally {
      csrfRef.current = null;
      setMe(null);
    }
  }, [api]);

  const t = useMemo(() => translator(language), [language]);
  const value = useMemo<AppState>(() => ({ language, setLanguage, t, api, me, login, logout }), [language, setLanguage, t, api, me, login, logout]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside AppProvider');
  return state;
}

/** The signed-in caller; only for pages behind the login guard. */
export function useMe(): Me {
  const { me } = useApp();
  if (!me) throw new Error('useMe without a signed-in caller');
  return me;
}
