/**
 * The HTTP application: edge middleware, every module's routes, the OpenAPI 3.1 document and one
 * error handler that turns every failure into the error envelope. No port here: tests call
 * `app.request()` in-process; platform.ts serves it.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { errorCodeTable, type ErrorCode } from '@cfp/contracts';
import { platformVersion } from '../version.ts';
import { AppError, envelope, pickLanguage } from './app-error.ts';
import type { AppEnv, Platform } from './context.ts';
import { jsonBody, noNulInQuery, rateLimit, requestContext, securityHeaders } from './middleware.ts';
import { healthRoutes } from '../modules/health/health-routes.ts';
import { organisationRoutes } from '../modules/organisations/organisation-routes.ts';
import { jobRoutes } from '../modules/jobs/job-routes.ts';
import { docsRoutes } from '../modules/docs/docs-routes.ts';
import { calcRoutes } from '../modules/calc/calc-routes.ts';
import { referenceRoutes } from '../modules/reference/reference-routes.ts';
import { recalculationRoutes } from '../modules/reference/recalculation/recalculation-routes.ts';
import { enterpriseRoutes } from '../modules/carbon-accounts/enterprise-routes.ts';
import { labelRoutes } from '../modules/carbon-accounts/label-routes.ts';
import { dashboardRoutes } from '../modules/carbon-accounts/dashboard-routes.ts';
import { externalListRoutes } from '../modules/carbon-accounts/external-list-routes.ts';
import { monthImportRoutes } from '../modules/carbon-accounts/imports/month-import-routes.ts';
import { whatIfRoutes } from '../modules/carbon-accounts/what-if-routes.ts';
import { reportRoutes } from '../modules/carbon-accounts/report-routes.ts';
import { supervisionRoutes } from '../modules/supervision/supervision-routes.ts';
import { auditRoutes } from '../modules/audit/audit-routes.ts';
import { authenticate } from '../modules/identity/authenticate.ts';
import { commandAudit } from '../modules/audit/command-audit.ts';
import { authRoutes } from '../modules/identity/auth-routes.ts';
import { userRoutes } from '../modules/identity/user-routes.ts';
import { consentRoutes } from '../modules/identity/consent-routes.ts';
import { notificationRoutes } from '../modules/notifications/notification-routes.ts';
import { webhookRoutes } from '../modules/webhooks/webhook-routes.ts';
import { fileRoutes } from '../modules/files/file-routes.ts';
import { webRoutes } from '../modules/web/web-routes.ts';

/** Zod issues as `details.fields`: a path and a message per problem, never the raw input. */
export function validationDetails(error: ZodError): { fields: Array<{ path: string; message: string; code: string }> } {
  return { fields: error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message, code: i.code })) };
}

const httpStatusCodes: Record<number, ErrorCode> = {
  400: 'MALFORMED_JSON',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export function createApp(platform: Platform): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new AppError('VALIDATION_FAILED', validationDetails(result.error));
    },
  });

  app.use('*', requestContext({ logger: platform.logger }));
  app.use('*', securityHeaders({ hsts: platform.config.mode === 'production' }));
  app.use('/api/v1/*', rateLimit({ perMinute: platform.config.rateLimitPerMinute, clock: platform.clock, trustProxy: platform.config.trustProxy }));
  app.use('/api/v1/*', authenticate(platform));
  app.use('/api/v1/*', noNulInQuery());
  app.use('/api/v1/*', jsonBody({ limitBytes: platform.config.bodyLimitBytes }));
  app.use('/api/v1/*', commandAudit(platform));

  app.route('/', healthRoutes(platform));
  app.route('/', authRoutes(platform));
  app.route('/', userRoutes(platform));
  app.route('/', consentRoutes(platform));
  app.route('/', notificationRoutes(platform));
  app.route('/', webhookRoutes(platform));
  app.route('/', fileRoutes(platform));
  app.route('/', organisationRoutes(platform));
  app.route('/', jobRoutes(platform));
  app.route('/', auditRoutes(platform));
  app.route('/', calcRoutes(platform));
  app.route('/', referenceRoutes(platform));
  app.route('/', recalculationRoutes(platform));
  app.route('/', enterpriseRoutes(platform));
  app.route('/', labelRoutes(platform));
  app.route('/', dashboardRoutes(platform));
  app.route('/', externalListRoutes(platform));
  app.route('/', monthImportRoutes(platform));
  app.route('/', whatIfRoutes(platform));
  app.route('/', reportRoutes(platform));
  app.route('/', supervisionRoutes(platform));
  app.route('/', docsRoutes());
  app.route('/', webRoutes(platform));

  registerSecuritySchemes(app);
  app.doc31('/api/openapi.json', openApiInfo(platform.version));

  app.notFound((c) =>
    c.json(envelope({ code: 'ROUTE_NOT_FOUND', language: c.get('language') ?? pickLanguage(c.req.header('accept-language')), requestId: c.get('requestId') ?? '' }), 404),
  );

  app.onError((error, c) => {
    const language = c.get('language') ?? 'zh-CN';
    const requestId = c.get('requestId') ?? '';
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error instanceof HTTPException && httpStatusCodes[error.status]) appError = new AppError(httpStatusCodes[error.status]!);
    else {
      // Unknown failure: log it whole, tell the client nothing internal.
      (c.get('log') ?? platform.logger).error({ err: error }, 'unhandled error');
      appError = new AppError('INTERNAL');
    }
    for (const [name, value] of Object.entries(appError.headers ?? {})) c.header(name, value);
    c.header('X-Request-Id', requestId);
    return c.json(envelope({ code: appError.code, language, requestId, details: appError.details }), appError.status as 400);
  });

  return app;
}

/** Bearer tokens for systems, the session cookie for people (writes with the cookie need X-CSRF-Token). */
function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'From POST /api/v1/auth/token or issued by an organisation admin.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'cfp_session',
    description: 'Set by POST /api/v1/auth/login; writes also need X-CSRF-Token.',
  });
}

export function openApiInfo(version: string) {
  return {
    openapi: '3.1.0',
    security: [{ bearerToken: [] }, { sessionCookie: [] }] as Array<Record<string, string[]>>,
    info: {
      title: '碳金融服务平台 API · Carbon finance platform API',
      version,
      description: [
        'The platform API for banks’ and partners’ own systems. Conventions:',
        '',
        '- Versioned under `/api/v1`. JSON only (`Content-Type: application/json`); unknown fields are rejected.',
        '- Quantities are exact decimals written as strings; business dates are `YYYY-MM-DD` (Asia/Shanghai); instants are UTC ISO 8601.',
        '- Lists use keyset pagination: `limit` (≤ 200) and `cursor` in, `{ items, nextCursor }` out.',
        '- Creating writes accept `Idempotency-Key`; a repeat within 24 h replays the first response.',
        '- Updates carry the `version` they read; a stale version is `409 VERSION_CONFLICT` and changes nothing.',
        '- Errors: `{ "error": { "code", "message", "details?", "requestId" } }`, message in the `Accept-Language` language (zh-CN default, en).',
        '- Rate limits answer `429 RATE_LIMITED` with `Retry-After`.',
        '',
        '### Error codes',
        '',
        errorCodeTable(),
      ].join('\n'),
    },
  };
}

/** The OpenAPI document without a database: for `cfp openapi`. Handlers are never called. */
export function buildOpenApiDocument() {
  const never: object = new Proxy(() => undefined, {
    get: () => never,
    apply: () => {
      throw new Error('no database when building the OpenAPI document');
    },
  });
  const app = createApp({
    config: { rateLimitPerMinute: 1, bodyLimitBytes: 1, trustProxy: false } as never,
    db: never as never,
    clock: { now: () => new Date() },
    logger: never as never,
    jobs: never as never,
    fieldCipher: never as never,
    version: platformVersion,
  });
  registerSecuritySchemes(app);
  return app.getOpenAPI31Document(openApiInfo(platformVersion));
}
