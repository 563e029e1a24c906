/**
 * Every demo role signs in through the login page and lands on its own home page, which shows its
 * organisation's name; a bank cannot open another bank's pages; a wrong password shows the API's message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meOf, signIn, startWebStack, type WebStack } from './web-harness.ts';

let stack: WebStack;
beforeAll(async () => {
  stack = await startWebStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const roles: Array<[username: string, home: string, nameIncludes: string]> = [
  ['admin', 'admin', '平台'],
  ['drc', 'bureau', '发展改革委'],
  ['eeb', 'bureau', '生态环境局'],
  ['finance', 'bureau', '财政局'],
  ['zoucheng', 'county', '邹城'],
  ['pboc', 'regulator', '人民银行'],
  ['nfra', 'regulator', '监管分局'],
  ['bank1', 'bank', '示例泰岳银行'],
  ['bank1-sub', 'bank', '示例泰岳银行'],
  ['bank2', 'bank', '示例洙泗银行'],
  ['enterprise1', 'enterprise', ''],
  ['verifier1', 'verifier', ''],
  ['partner-bus', 'partner', ''],
  ['resident1', 'resident', '居民'],
];

describe('role home pages', () => {
  it('every demo role lands on its own home page showing its organisation', async () => {
    // Four browsers contexts at a time: each role has its own cookies.
    const queue = [...roles];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [username, home, nameIncludes] = next;
        const page = await stack.newPage();
        await stack.step(page, `home-${username}`, async () => {
          await signIn(page, username);
          await page.getByTestId(`home-${home}`).waitFor();
          const me = await meOf(page);
          const shown = (await page.getByTestId('home-organisation').textContent())?.trim();
          expect(shown, username).toBe(me.organisation.nameZh);
          expect(shown, username).toContain(nameIncludes);
          // The placeholder for later modules is labelled as coming.
          expect(await page.getByTestId('coming-soon').textContent()).toBe('即将上线');
          // Area and hierarchy are resolved to names, not left as ids.
          await expect.poll(async () => (await page.getByTestId('home-hierarchy').textContent())?.trim(), { timeout: 5000 }).toContain(me.organisation.nameZh);
        });
        await page.context().close();
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }, 60_000);

  it('menus show only what the role may use', async () => {
    const menuOf = async (username: string) => {
      const page = await stack.newPage();
      await signIn(page, username);
      const items = await page.getByTestId('main-menu').locator('li[role=menuitem]').allTextContents();
      await page.context().close();
      return items;
    };
    expect(await menuOf('admin')).toEqual(['首页', '企业名录', '碳效标识', '行动方案督办', '因子库', '机构管理', 'API 令牌', '审计日志', '任务进度', 'Webhook 推送']);
    expect(await menuOf('pboc')).toEqual(['首页', '企业名录', '碳效标识', '行动方案督办', '机构管理', '审计日志']);
    expect(await menuOf('enterprise1')).toEqual(['首页', '我的碳账户', 'API 令牌', '审计日志', '任务进度', 'Webhook 推送', '数据授权']);
    expect(await menuOf('bank1-sub')).toEqual(['首页', '碳效标识']);
    expect(await menuOf('resident1')).toEqual(['首页']);
  });

  it("a bank cannot open another bank's users page: not-found state, no data", async () => {
    const own = await stack.newPage();
    await signIn(own, 'bank1');
    await own.goto('/organisations/bank-taiyue/users');
    await stack.step(own, 'bank1-own-users', async () => {
      await own.getByTestId('organisation-users-page').waitFor();
      await expect.poll(() => own.locator('td').allTextContents()).toContain('bank1');
    });

    const page = await stack.newPage();
    await signIn(page, 'bank2');
    await page.goto('/organisations/bank-taiyue/users');
    await stack.step(page, 'bank2-other-bank', async () => {
      await page.getByTestId('not-found').waitFor();
      expect(await page.locator('td').allTextContents()).toEqual([]);
      expect(await page.content()).not.toContain('bank1-sub');
    });
    // A page outside the role's menu is the same state.
    await page.goto('/consents');
    await page.getByTestId('not-found').waitFor();
  });

  it('a wrong password shows the API message and stays on the login page', async () => {
    const page = await stack.newPage();
    await page.goto('/home');
    await page.getByTestId('username').fill('bank1');
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await stack.step(page, 'wrong-password', async () => {
      await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码不正确');
    });
    expect(new URL(page.url()).pathname).toBe('/login');
    // In English the client asks for English (Accept-Language) and shows the API's English message.
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong username or password.');
  });

  it('signing out returns to the login page and the session is gone', async () => {
    const page = await stack.newPage();
    await signIn(page, 'drc');
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    const status = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
    expect(status).toBe(401);
  });
});
