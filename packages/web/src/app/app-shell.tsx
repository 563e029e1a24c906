/**
 * The signed-in layout: a side menu with only the entries the role may use (a drawer on phones),
 * a header with the organisation, the notification bell, the language toggle and sign-out.
 */
import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Flex, Grid, Layout, Menu, Typography } from 'antd';
import { useApp, useMe } from './app-context.tsx';
import { menuFor, menuPaths, type MenuKey } from './role-home.ts';
import { NotificationBell, UnreadCountProvider } from '../features/notifications/unread-count.tsx';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): MenuKey {
  const hit = (Object.entries(menuPaths) as Array<[MenuKey, string]>).find(([, p]) => pathname === p || pathname.startsWith(`${p}/`));
  return hit?.[0] ?? 'home';
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage, logout } = useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  const menu = (
    <Menu
      data-testid="main-menu"
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={menuFor(me).map((key) => ({ key, label: t(key) }))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(menuPaths[key as MenuKey]);
      }}
    />
  );

  return (
    <UnreadCountProvider>
      <Layout style={{ minHeight: '100vh' }}>
        {!phone && (
          <Sider theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
            <div style={{ padding: '16px 20px', fontWeight: 600, color: '#1f7a4d' }}>{t('appName')}</div>
            {menu}
          </Sider>
        )}
        {phone && (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('appName')} width={240} styles={{ body: { padding: 0 } }}>
            {menu}
          </Drawer>
        )}
        <Layout>
          <Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #f0f0f0', height: 'auto', lineHeight: '56px' }}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Flex align="center" gap={8} style={{ minWidth: 0 }}>
                {phone && (
                  <Button data-testid="menu-toggle" onClick={() => setDrawerOpen(true)}>
                    {t('menu')}
                  </Button>
                )}
                <Typography.Text ellipsis data-testid="header-organisation" style={{ maxWidth: phone ? 160 : 420 }}>
                  {language === 'en' ? me.organisation.nameEn || me.organisation.nameZh : me.organisation.nameZh}
                </Typography.Text>
              </Flex>
              <Flex gap={8} align="center">
                <NotificationBell />
                <Button data-testid="language-toggle" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
                  {t('languageToggle')}
                </Button>
                <Button
                  data-testid="logout"
                  onClick={() => {
                    void logout().then(() => navigate('/login'));
                  }}
                >
                  {t('logout')}
                </Button>
              </Flex>
            </Flex>
          </Header>
          <Content style={{ padding: phone ? 12 : 24 }}>{children}</Content>
        </Layout>
      </Layout>
    </UnreadCountProvider>
  );
}
