/**
 * The platform's one error contract: a documented code enum, the HTTP status each code maps to,
 * and the messages users read (zh-CN first, en). Server, CLI and web all use this table.
 *
 * @example
 * errorStatus.VERSION_CONFLICT // 409
 */
import { z } from '@hono/zod-openapi';

/** Every stable error code, with its HTTP status and bilingual message. Never rename a code. */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, zh: '请求内容不符合要求，请检查各字段。', en: 'The request is invalid; check the fields listed in details.' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  INVALID_CURSOR: { status: 400, zh: '分页游标无效或已过期，请从第一页重新查询。', en: 'The pagination cursor is invalid; start again from the first page.' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, zh: 'Idempotency-Key 格式无效（1–200 个可见字符）。', en: 'The Idempotency-Key header is invalid (1–200 visible characters).' },
  PASSWORD_POLICY: {
    status: 400,
    zh: '密码不符合要求：至少 12 位，并包含字母和数字。',
    en: 'The password does not meet the policy: at least 12 characters with letters and digits.',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录，或登录已过期。', en: 'Sign in first; your session or token is missing, expired or revoked.' },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码不正确。', en: 'Wrong username or password.' },
  CSRF_FAILED: { status: 403, zh: '页面已过期，请刷新后重试（缺少或错误的 CSRF 令牌）。', en: 'The page is stale: the CSRF token is missing or wrong; reload and try again.' },
  FORBIDDEN: { status: 403, zh: '您无权执行此操作。', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, zh: '未找到该记录。', en: 'The record was not found.' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在。', en: 'No such endpoint.' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '该接口不支持此请求方法。', en: 'This endpoint does not support that method.' },
  VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试。', en: 'The record was changed by someone else; reload it and try again.' },
  ALREADY_EXISTS: { status: 409, zh: '记录已存在。', en: 'The record already exists.' },
  PERIOD_EXISTS: {
    status: 409,
    zh: '该月份已有数据；如需更正，请在提交时注明所替换的版本（supersedes）。',
    en: 'This month already has data; to correct it, name the submission it supersedes.',
  },
  UNKNOWN_METER_ACCOUNT: {
    status: 422,
    zh: '电表户号未关联到任何企业，本批读数均未写入。',
    en: 'A meter account is not mapped to an enterprise; none of the readings were written.',
  },
  IMPORT_INVALID: {
    status: 422,
    zh: '导入文件中有错误行，全部未导入；请按逐行错误报告修改后重新导入。',
    en: 'The file has invalid rows and nothing was imported; fix the rows in the error report and import again.',
  },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, zh: '相同 Idempotency-Key 的请求仍在处理中。', en: 'A request with this Idempotency-Key is still being processed.' },
  NO_APPLICABLE_METHOD: {
    status: 422,
    zh: '没有可用的评价方法：请提供有标杆值的产品能耗，或行业平均强度。',
    en: 'No labelling method applies: give a product value with a benchmark, or an industry average intensity.',
  },
  UNSUPPORTED_BENCHMARK: {
    status: 422,
    zh: '该标杆的方向无法判定（标杆值高于基准值），不能据此评价。',
    en: 'This benchmark cannot be used: its benchmark value is above its base value.',
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '该 Idempotency-Key 已用于内容不同的请求。', en: 'This Idempotency-Key was already used with a different request.' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大。', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '请求体必须是 application/json。', en: 'The request body must be application/json.' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  LOGIN_THROTTLED: { status: 429, zh: '登录失败次数过多，请稍后再试。', en: 'Too many failed sign-ins; wait a moment and try again.' },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后再试；如持续出现请联系管理员并提供请求编号。',
    en: 'Internal error; try again later, and quote the request id if it persists.',
  },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用，请稍后再试。', en: 'The service is temporarily unavailable.' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大，超过了允许的上传大小。', en: 'The file is larger than the upload limit.' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持该文件类型：仅可上传 xlsx、csv、pdf 及 png/jpeg/gif/webp 图片（按文件内容判断）。',
    en: 'This file type is not accepted: upload xlsx, csv, pdf or png/jpeg/gif/webp images (judged by the content).',
  },
  MULTIPART_REQUIRED: { status: 415, zh: '上传文件须使用 multipart/form-data。', en: 'Upload files as multipart/form-data.' },
  WEBHOOK_URL_INVALID: {
    status: 400,
    zh: 'Webhook 地址无效：须为不含用户名和密码的 https 地址。',
    en: 'The webhook URL is invalid: it must be an https URL without a user name or password.',
  },
  WEBHOOK_NOT_RETRYABLE: {
    status: 409,
    zh: '只能重新投递已放弃（dead）的记录，且其接收地址须仍在启用。',
    en: 'Only a dead delivery of an endpoint that is still enabled can be re-queued.',
  },
  RECALCULATION_RUNNING: {
    status: 409,
    zh: '已有一项重新计算正在进行，请待其完成后再试。',
    en: 'A recalculation is already queued or running; wait for it to finish.',
  },
  CONSENT_REQUIRED: {
    status: 403,
    zh: '该企业尚未授权贵机构为此用途查阅这些数据。请企业在「数据授权」中授予（数据范围、用途、期限）后再查阅。',
    en: 'The enterprise has not consented to your office reading this data for this purpose. Ask it to grant a consent (data, purpose, term) under Consents.',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态下不能执行该操作（例如已通过的报告不能再修改或审核）。',
    en: 'This step is not allowed from the record’s current state (e.g. an accepted report cannot be edited or reviewed again).',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;
export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

/** The one error envelope every failing response carries. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).openapi({ description: 'Stable error code; see the table in the API description.' }),
      message: z.string().openapi({ description: 'Human-readable message in the language of Accept-Language (zh-CN default, en).' }),
      details: z.unknown().optional().openapi({ description: 'Structured details, e.g. the invalid fields.' }),
      requestId: z.string().openapi({ description: 'Quote this when reporting a problem; it is also in the X-Request-Id header.' }),
    }),
  })
  .openapi('ErrorEnvelope');
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** A markdown table of every code, for the OpenAPI description and the README. */
export function errorCodeTable(): string {
  const rows = Object.entries(errorCatalog).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.zh} | ${e.en} |`);
  return ['| code | HTTP | 中文 | English |', '|---|---|---|---|', ...rows].join('\n');
}
