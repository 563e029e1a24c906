/** Sign-in: username and password; the API's message on failure (wrong password, throttled). */
import { useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useApp } from '../../app/app-context.tsx';

export function LoginPage() {
  const { t, me, login, language, setLanguage } = useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The demo password is shown only when the server says it runs in demo mode.
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json() as Promise<{ mode?: string }>)
      .then((h) => setDemo(h.mode === 'demo'))
      .catch(() => setDemo(false));
  }, []);
  if (me) return <Navigate to="/home" replace />;

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await login(values.username, values.password);
      navigate('/home', { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f7f6' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('loginTitle')}
          </Typography.Title>
          <Button size="small" data-testid="language-toggle" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
            {t('languageToggle')}
          </Button>
        </Flex>
        {error && <Alert data-testid="login-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('usernameRequired') }]}>
            <Input autoComplete="username" data-testid="username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
        {demo && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }} data-testid="demo-hint">
            {t('demoHint')}
          </Typography.Paragraph>
        )}
      </Card>
    </Flex>
  );
}
