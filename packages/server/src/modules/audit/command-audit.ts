/**
 * Every command — an API write — runs in one transaction and writes one audit entry in it, as
 * its last step: the change and its entry commit together or not at all. A failed command (any
 * 4xx or 5xx) is rolled back whole and leaves no entry. Handlers may describe their command more
 * precisely (action, target, state before and after) with `describeCommand`; otherwise the
 * action comes from the route and the "after" state is the response body.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, CommandDescription, Platform } from '../../http/context.ts';
export type { CommandDescription } from '../../http/context.ts';
import { recordAudit } from './audit-service.ts';

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Commands that manage their own transaction (and call auditCommand in it): sign-in writes
 * throttling state that must survive a failed attempt; an upload reads and stores its bytes
 * first, so that a slow client never holds a transaction (or PGlite's one connection) open.
 */
const selfManaged = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/token', 'POST /api/v1/files']);
/** Computations posted with a body but writing nothing (a what-if): reads, so neither wrapped nor audited, like a GET. */
const computations: readonly RegExp[] = [/^\/api\/v1\/enterprises\/[^/]+\/what-if$/];

class Rollback extends Error {}

export function describeCommand(c: Context<AppEnv>, description: CommandDescription): void {
  c.set('command', { ...c.get('command'), ...description });
}

/** `POST /api/v1/consents/:id/revoke` → `consents.revoke`; `POST /api/v1/organisations` → `organisations.create`. */
export function actionOf(method: string, routePath: string): string {
  const segments = routePath
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter((s) => s && !s.startsWith(':'))
    .map((s) => s.toLowerCase().replace(/[^a-z0-9_-]/g, '-'));
  const verbs: Record<string, string> = { POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' };
  const last = routePath.split('/').at(-1) ?? '';
  const isCollectionOrItem = segments.length <= 1 || last.startsWith(':');
  return [...segments, ...(isCollectionOrItem ? [verbs[method] ?? method.toLowerCase()] : [])].join('.') || 'unknown';
}

function handlerRoutePath(c: Context<AppEnv>): string {
  const handlers = c.req.matchedRoutes.filter((r) => r.method !== 'ALL');
  return handlers.at(-1)?.path ?? c.req.path;
}

export async function auditCommand(options: { c: Context<AppEnv>; platform: Platform; description?: CommandDescription | undefined; after: unknown }): Promise<void> {
  const { c, platform } = options;
  const described = options.description ?? {};
  const routePath = handlerRoutePath(c);
  const auth = c.get('auth');
  const idParam = c.req.param('id');
  const afterId = (options.after as { id?: unknown } | null)?.id;
  const targetId = idParam ?? (typeof afterId === 'string' ? afterId : undefined);
  await recordAudit(platform.db.orm, {
    actor: described.actor ?? (auth ? { userId: auth.actor.userId, organisationId: auth.actor.organisationId } : null),
    action: described.action ?? actionOf(c.req.method, routePath),
    target: described.target !== undefined ? described.target : targetId ? { type: routePath.split('/')[3] ?? 'unknown', id: targetId } : null,
    before: described.before ?? null,
    after: described.after ?? options.after ?? null,
    requestId: c.get('requestId') ?? null,
    now: platform.clock.now(),
    algorithm: platform.config.auditHash,
  });
}

export function commandAudit(platform: Platform): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (readOnly.has(c.req.method) || selfManaged.has(`${c.req.method} ${c.req.path}`)) return next();
    if (c.req.method === 'POST' && computations.some((path) => path.test(c.req.path))) return next();
    try {
      await platform.db.inTransaction(async () => {
        await next();
        if (c.error || c.res.status >= 400) throw new Rollback();
        // A replayed idempotent response changed nothing the first time did not already record.
        if (c.res.headers.get('Idempotent-Replayed') === 'true') return;
        const after = c.res.headers.get('content-type')?.includes('json') ? await c.res.clone().json() : null;
        await auditCommand({ c, platform, description: c.get('command'), after });
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
  };
}
