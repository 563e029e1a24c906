/**
 * Authentication: sign-in with throttling (per account and per address, exponential backoff, no
 * permanent lockout), sessions for people (a random cookie value; only its SHA-256 is stored),
 * API tokens for systems (256-bit random values stored as an HMAC keyed with TOKEN_PEPPER, so a
 * request is checked with one fast hash, never a slow one), and resolution of the caller into an
 * Actor for the authorisation rules.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { identityRepository, type ApiTokenRow, type OrganisationPathRow, type UserRow } from '@cfp/db';
import type { Actor, OrganisationType, Role } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { Authenticated, Platform } from '../../http/context.ts';
export type { Authenticated } from '../../http/context.ts';
import { verifyPassword } from './passwords.ts';
import { recordAudit } from '../audit/audit-service.ts';

export const sessionCookie = 'cfp_session';
export const csrfCookie = 'cfp_csrf';
export const sessionTtlMs = 12 * 60 * 60 * 1000;
export const defaultTokenTtlMs = 24 * 60 * 60 * 1000;
/** Failures allowed before the backoff starts; then 1 s, 2 s, 4 s … capped at 15 minutes. */
const freeFailures = 5;
const maxBlockMs = 15 * 60 * 1000;

export const blockFor = (failures: number): number => (failures < freeFailures ? 0 : Math.min(maxBlockMs, 1000 * 2 ** (failures - freeFailures)));

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const randomToken = (): string => randomBytes(32).toString('base64url');

/**
 * Organisation paths change only when an organisation is re-parented, yet every authenticated
 * request needs its caller's: they are cached per database for `pathTtlMs`, and the organisation
 * service clears the cache on every change in this process. Other processes (PostgreSQL) see a
 * change within the TTL.
 */
const pathTtlMs = 10_000;
const pathCaches = new WeakMap<object, Map<string, { path: OrganisationPathRow[]; until: number }>>();

function organisationPathCache(platform: Platform) {
  let cache = pathCaches.get(platform.db);
  if (!cache) pathCaches.set(platform.db, (cache = new Map()));
  const entries = cache;
  return {
    async get(organisationId: string, load: () => Promise<OrganisationPathRow[]>): Promise<OrganisationPathRow[]> {
      // Real time, not the platform clock: a demo clock set back must not keep entries forever.
      const now = Date.now();
      const hit = entries.get(organisationId);
      if (hit && hit.until > now) return hit.path;
      const path = await load();
      if (entries.size > 10_000) entries.clear();
      entries.set(organisationId, { path, until: now + pathTtlMs });
      return path;
    },
  };
}

/** Called by the organisation service after any change to organisations. */
export function forgetOrganisationPaths(platform: Platform): void {
  pathCaches.get(platform.db)?.clear();
}

/** A token row as the audit trail digests it: never the (hashed) secret. */
function withoutSecret(row: ApiTokenRow): Omit<ApiTokenRow, 'tokenHash'> {
  const { tokenHash: _secret, ...rest } = row;
  return rest;
}

export function authService(platform: Platform) {
  const repo = identityRepository(platform.db.orm);
  const tokenHash = (token: string): string => createHmac('sha256', platform.config.secrets.tokenPepper).update(token).digest('hex');

  const paths = organisationPathCache(platform);

  async function actorAndPath(user: UserRow, tokenScopes: readonly string[] | null): Promise<{ actor: Actor; path: OrganisationPathRow[] }> {
    const path = await paths.get(user.organisationId, () => repo.organisationPath(user.organisationId));
    const own = path[0];
    if (!own) throw new AppError('UNAUTHENTICATED');
    const actor: Actor = {
      userId: user.id,
      organisationId: own.id,
      organisationType: own.type as OrganisationType,
      roles: user.roles as Role[],
      areaId: user.areaId ?? own.areaId,
      organisationPath: path.map((p) => p.id),
      accountManager: user.accountManager,
      tokenScopes,
    };
    return { actor, path };
  }

  const actorOf = async (user: UserRow, tokenScopes: readonly string[] | null): Promise<Actor> => (await actorAndPath(user, tokenScopes)).actor;

  /** Throws LOGIN_THROTTLED (with Retry-After) or LOGIN_FAILED; one argon2 verification either way. */
  async function checkPassword(options: { username: string; password: string; ip: string }): Promise<UserRow> {
    const now = platform.clock.now();
    const keys = [`user:${options.username}`, `ip:${options.ip}`];
    const blocked = (await repo.throttle(keys)).map((t) => t.blockedUntil?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    if (blocked > now.getTime()) {
      const seconds = Math.ceil((blocked - now.getTime()) / 1000);
      throw new AppError('LOGIN_THROTTLED', { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
    }
    const user = await repo.userByUsername(options.username);
    const ok = await verifyPassword({ hash: user?.passwordHash, password: options.password });
    if (!ok || !user || user.disabledAt) {
      for (const key of keys) await repo.recordFailure({ key, now, blockFor });
      throw new AppError('LOGIN_FAILED');
    }
    await repo.clearFailures(keys[0]!);
    return user;
  }

  return {
    actorOf,
    tokenHash,

    /** Throttling state is written outside the transaction: a failed attempt must still count. */
    async login(options: { username: string; password: string; ip: string; userAgent: string | undefined; requestId: string }) {
      const user = await checkPassword(options);
      const now = platform.clock.now();
      const cookieValue = randomToken();
      const csrfToken = randomToken();
      const expiresAt = new Date(now.getTime() + sessionTtlMs);
      const sessionId = sha256(cookieValue);
      await platform.db.inTransaction(async () => {
        await repo.insertSession({
          id: sessionId,
          userId: user.id,
          csrfToken,
          createdAt: now,
          expiresAt,
          lastSeenAt: now,
          ip: options.ip,
          userAgent: options.userAgent?.slice(0, 300) ?? null,
        });
        await recordAudit(platform.db.orm, {
          actor: { userId: user.id, organisationId: user.organisationId },
          action: 'auth.login',
          target: { type: 'session', id: sessionId },
          after: { userId: user.id, ip: options.ip, expiresAt },
          requestId: options.requestId,
          now,
          algorithm: platform.config.auditHash,
        });
      });
      const { actor, path } = await actorAndPath(user, null);
      return { user, actor, organisation: path[0]!, cookieValue, csrfToken, expiresAt };
    },

    async logout(sessionId: string): Promise<void> {
      await repo.revokeSession({ id: sessionId, now: platform.clock.now() });
    },

    /** Issues a token for a user (after a password check, or by an admin); returns the secret once. */
    async issueToken(options: { user: UserRow; name: string; scopes: string[]; ttlMs: number; createdBy: string | null }) {
      const now = platform.clock.now();
      const token = `cfp_${randomToken()}`;
      const row = await repo.insertToken({
        id: randomUUID(),
        userId: options.user.id,
        name: options.name,
        tokenHash: tokenHash(token),
        prefix: token.slice(0, 12),
        scopes: options.scopes,
        expiresAt: new Date(now.getTime() + options.ttlMs),
        createdBy: options.createdBy,
        createdAt: now,
      });
      return { token, row };
    },

    async tokenForPassword(options: { username: string; password: string; ip: string; requestId: string }) {
      const user = await checkPassword(options);
      return platform.db.inTransaction(async () => {
        const issued = await this.issueToken({ user, name: 'password grant', scopes: ['read', 'write'], ttlMs: defaultTokenTtlMs, createdBy: user.id });
        await recordAudit(platform.db.orm, {
          actor: { userId: user.id, organisationId: user.organisationId },
          action: 'auth.token',
          target: { type: 'api_token', id: issued.row.id },
          after: withoutSecret(issued.row),
          requestId: options.requestId,
          now: platform.clock.now(),
          algorithm: platform.config.auditHash,
        });
        return issued;
      });
    },

    /** Resolves a bearer token or a session cookie; undefined when neither is presented. */
    async authenticate(options: { bearer?: string | undefined; sessionCookieValue?: string | undefined }): Promise<Authenticated | undefined> {
      const now = platform.clock.now();
      if (options.bearer !== undefined) {
        const found = await repo.liveTokenWithUser({ tokenHash: tokenHash(options.bearer), now });
        if (!found) throw new AppError('UNAUTHENTICATED');
        const { token, user } = found;
        // Coarse last-used stamp: at most one write a minute per token keeps reads cheap.
        if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) await repo.touchToken({ id: token.id, now });
        const { actor, path } = await actorAndPath(user, token.scopes);
        return { actor, user, organisation: path[0]!, via: { kind: 'token', token } };
      }
      if (options.sessionCookieValue !== undefined) {
        const found = await repo.liveSessionWithUser({ id: sha256(options.sessionCookieValue), now });
        if (!found) throw new AppError('UNAUTHENTICATED');
        const { session, user } = found;
        if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession({ id: session.id, now });
        const { actor, path } = await actorAndPath(user, null);
        return { actor, user, organisation: path[0]!, via: { kind: 'session', sessionId: session.id, csrfToken: session.csrfToken } };
      }
      return undefined;
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
