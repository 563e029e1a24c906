/**
 * Files end to end, in-process: uploads of every allowed type read back byte for byte with their
 * detected type and SHA-256; disguised executables, markup and archives refused whatever their
 * name; the size limit enforced while the body streams in; one blob for identical bytes; who may
 * upload and read, per kind of record (consents logged for the enterprise); malformed uploads; the
 * command transaction (audit entry, nothing left behind by a failure). PGlite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, demoOrganisations, sampleFiles } from '@cfp/domain';
import { testPlatform, type ApiResponse, type TestPlatform } from '../../testing/test-platform.ts';
import { multipartAllowanceBytes } from './read-upload.ts';

interface FileBody {
  id: string;
  sha256: string;
  sizeBytes: string;
  contentType: string;
  charset: string | null;
  originalName: string;
  uploadedBy: string;
  organisationId: string;
  attachedToType: string;
  attachedToId: string;
  createdAt: string;
}
type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const outsideZoucheng = demoOrganisations().find((o) => o.type === 'enterprise' && o.areaId !== 'zoucheng')!.id;
const insideZoucheng = demoIds.enterprise1; // ent-001 lies in 邹城

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t?.close());

interface UploadOptions {
  bytes: Uint8Array;
  name: string;
  declaredType?: string;
  attachedToType?: string;
  attachedToId?: string;
  headers?: Record<string, string>;
  form?: (form: FormData) => void;
}

async function parse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers };
}

async function upload<T = FileBody>(platform: TestPlatform, username: string, options: UploadOptions): Promise<ApiResponse<T>> {
  const form = new FormData();
  form.append('file', new Blob([options.bytes as Uint8Array<ArrayBuffer>], { type: options.declaredType ?? 'application/octet-stream' }), options.name);
  if (options.attachedToType !== '') form.append('attachedToType', options.attachedToType ?? 'enterprise');
  if (options.attachedToId !== '') form.append('attachedToId', options.attachedToId ?? demoIds.enterprise1);
  options.form?.(form);
  const response = await platform.platform.app.request('/api/v1/files', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${await platform.tokenFor(username)}`, ...options.headers },
  });
  return (await parse(response)) as ApiResponse<T>;
}

async function download(username: string, id: string, query = ''): Promise<{ status: number; bytes: Uint8Array; headers: Headers; body: unknown }> {
  const response = await t.platform.app.request(`/api/v1/files/${id}/content${query}`, { headers: { authorization: `Bearer ${await t.tokenFor(username)}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = undefined;
  }
  return { status: response.status, bytes, headers: response.headers, body };
}

const rowCount = async (platform: TestPlatform = t) => Number((await platform.db.query<{ n: string }>('select count(*) as n from files'))[0]!.n);
const blobPath = (platform: TestPlatform, key: string) => join(platform.platform.config.fileStoreDir, key.slice(0, 2), key.slice(2, 4), key);
const blobCount = (platform: TestPlatform): number =>
  existsSync(platform.platform.config.fileStoreDir)
    ? (readdirSync(platform.platform.config.fileStoreDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]).filter((d) => d.isFile()).length
    : 0;

describe('uploads of every allowed type, read back byte for byte', () => {
  it.each([
    { kind: 'pdf', bytes: sampleFiles.pdf(), name: '年度报告.pdf', contentType: 'application/pdf', charset: null },
    { kind: 'png', bytes: sampleFiles.png(), name: 'site.png', contentType: 'image/png', charset: null },
    { kind: 'jpeg', bytes: sampleFiles.jpeg(), name: 'meter.jpg', contentType: 'image/jpeg', charset: null },
    { kind: 'gif', bytes: sampleFiles.gif(), name: 'chart.gif', contentType: 'image/gif', charset: null },
    { kind: 'webp', bytes: sampleFiles.webp(), name: 'plant.webp', contentType: 'image/webp', charset: null },
    { kind: 'xlsx', bytes: sampleFiles.xlsx(), name: '能耗.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', charset: null },
    { kind: 'csv (UTF-8)', bytes: sampleFiles.csvUtf8(), name: 'energy.csv', contentType: 'text/csv', charset: 'utf-8' },
    { kind: 'csv (GB18030)', bytes: sampleFiles.csvGb18030(), name: '煤炭.csv', contentType: 'text/csv', charset: 'gb18030' },
  ])('$kind', async ({ bytes, name, contentType, charset }) => {
    const created = await upload(t, 'enterprise1', { bytes, name, declaredType: 'application/octet-stream' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const file = created.body;
    expect(file).toMatchObject({
      sha256: sha256(bytes),
      sizeBytes: String(bytes.length),
      contentType,
      charset,
      originalName: name,
      organisationId: demoIds.enterprise1,
      attachedToType: 'enterprise',
      attachedToId: demoIds.enterprise1,
    });
    expect((await t.as('enterprise1')('GET', `/api/v1/files/${file.id}`)).body).toEqual(file);

    const got = await download('enterprise1', file.id);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(bytes);
    expect(sha256(got.bytes)).toBe(file.sha256);
    expect(got.headers.get('content-type')).toBe(charset ? `${contentType}; charset=${charset}` : contentType);
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
    expect(got.headers.get('etag')).toBe(`"${file.sha256}"`);
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('a Chinese name round-trips through Content-Disposition (RFC 5987)', async () => {
    const name = '2024年 能耗数据（示例）(终稿).xlsx';
    const created = await upload(t, 'enterprise1', { bytes: sampleFiles.xlsx(), name });
    expect(created.status).toBe(201);
    expect(created.body.originalName).toBe(name);
    const disposition = (await download('enterprise1', created.body.id)).headers.get('content-disposition')!;
    const encoded = /filename\*=UTF-8''([^;]+)$/.exec(disposition)![1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+.^_`|~-]+$/); // RFC 5987 attr-chars only
    expect(decodeURIComponent(encoded)).toBe(name);
    // The ASCII fallback: full-width brackets fold to ASCII (NFKD), ideographs become _.
    expect(disposition).toContain('filename="2024_ ____(__)(__).xlsx"');
  });

  it('names are sanitised and carry the real type’s extension', async () => {
    const created = await upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: '..\\..\\invoice\u202e.pdf.exe' });
    expect(created.status).toBe(201);
    expect(created.body.originalName).toBe('invoice.pdf.exe.pdf');
  });
});

describe('refusals by content, whatever the name or declared type', () => {
  it.each([
    { kind: 'exe named .pdf', bytes: sampleFiles.exe(), name: 'report.pdf', declaredType: 'application/pdf', detected: 'exe' },
    { kind: 'ELF named .xlsx', bytes: sampleFiles.elf(), name: 'data.xlsx', declaredType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: 'elf' },
    { kind: 'HTML named .csv', bytes: sampleFiles.html(), name: 'data.csv', declaredType: 'text/csv', detected: 'html' },
    { kind: 'HTML after a CSV line', bytes: sampleFiles.htmlAfterCsv(), name: 'data.csv', declaredType: 'text/csv', detected: 'html' },
    { kind: 'SVG named .png', bytes: sampleFiles.svg(), name: 'logo.png', declaredType: 'image/png', detected: 'svg' },
    { kind: 'zip named .xlsx', bytes: sampleFiles.zip(), name: 'data.xlsx', declaredType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: 'zip' },
    { kind: 'docx named .xlsx', bytes: sampleFiles.docx(), name: 'data.xlsx', declaredType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: 'docx' },
    { kind: 'docx named .pdf', bytes: sampleFiles.docx(), name: 'report.pdf', declaredType: 'application/pdf', detected: 'docx' },
    { kind: 'xlsm named .xlsx', bytes: sampleFiles.xlsm(), name: 'data.xlsx', declaredType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: 'xlsm' },
    { kind: 'legacy xls', bytes: sampleFiles.xls(), name: 'data.xls', declaredType: 'application/vnd.ms-excel', detected: 'ole2' },
    { kind: 'shell script named .csv', bytes: sampleFiles.shellScript(), name: 'data.csv', declaredType: 'text/csv', detected: 'script' },
  ])('$kind → 415 ($detected), no row, no blob', async ({ bytes, name, declaredType, detected }) => {
    const [rows, blobs] = [await rowCount(), blobCount(t)];
    const refused = await upload<ErrorBody>(t, 'enterprise1', { bytes, name, declaredType });
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refused.body.error.details).toMatchObject({ detectedType: detected });
    expect(await rowCount()).toBe(rows);
    expect(blobCount(t)).toBe(blobs);
    expect(existsSync(blobPath(t, sha256(bytes)))).toBe(false);
  });
});

describe('the size limit (FILE_MAX_BYTES)', () => {
  let small: TestPlatform;
  const limit = 10_000;
  beforeAll(async () => {
    small = await testPlatform({ env: { FILE_MAX_BYTES: String(limit) } });
  });
  afterAll(() => small?.close());

  const csvOf = (bytes: number) => new TextEncoder().encode(`a,b\n${'x'.repeat(bytes - 4)}`);

  it('accepts a file of exactly the limit', async () => {
    const created = await upload(small, 'enterprise1', { bytes: csvOf(limit), name: 'max.csv' });
    expect(created.status).toBe(201);
    expect(created.body.sizeBytes).toBe(String(limit));
  });

  it('refuses one byte more with 413 FILE_TOO_LARGE and leaves no row and no blob', async () => {
    const [rows, blobs] = [await rowCount(small), blobCount(small)];
    const refused = await upload<ErrorBody>(small, 'enterprise1', { bytes: csvOf(limit + 1), name: 'over.csv' });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limitBytes: limit } });
    expect(await rowCount(small)).toBe(rows);
    expect(blobCount(small)).toBe(blobs);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await small.platform.app.request('/api/v1/files', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: {
        authorization: `Bearer ${await small.tokenFor('enterprise1')}`,
        'content-type': 'multipart/form-data; boundary=xyz',
        'content-length': String(limit + multipartAllowanceBytes + 1),
      },
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('FILE_TOO_LARGE');
    expect(pulled).toBeLessThanOrEqual(1); // a stream may be primed with one chunk; nothing is read
  });

  it('stops reading a streamed body (no Content-Length) as soon as it passes the limit', async () => {
    const boundary = 'cfp-boundary-1234';
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachedToType"\r\n\r\nenterprise\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachedToId"\r\n\r\n${demoIds.enterprise1}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\na,b\n`,
    );
    const chunk = new Uint8Array(16 * 1024).fill(0x78);
    let sent = 0;
    let first = true;
    // An endless body: only the limit can end this request.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = first ? head : chunk;
        first = false;
        sent += next.byteLength;
        controller.enqueue(next);
      },
    });
    const response = await small.platform.app.request('/api/v1/files', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${await small.tokenFor('enterprise1')}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('FILE_TOO_LARGE');
    // Read up to the limit plus the envelope allowance, and a chunk or two of read-ahead: never the rest.
    expect(sent).toBeLessThan(limit + multipartAllowanceBytes + 4 * chunk.byteLength);
  });
});

describe('the store behind the rows', () => {
  it('HEAD gives the download headers without a body', async () => {
    const created = await upload(t, 'enterprise1', { bytes: sampleFiles.png(), name: 'head.png' });
    const response = await t.platform.app.request(`/api/v1/files/${created.body.id}/content`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${await t.tokenFor('enterprise1')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${created.body.sha256}"`);
    expect(response.headers.get('content-length')).toBe(created.body.sizeBytes);
    expect(await response.text()).toBe('');
  });

  it('a download whose blob was altered on disk fails before completing; a missing blob is 500', async () => {
    const bytes = new TextEncoder().encode(`篡改,测试\n${'1,2\n'.repeat(50_000)}`);
    const created = await upload(t, 'enterprise1', { bytes, name: 'tamper.csv' });
    expect(created.status).toBe(201);
    const { writeFileSync, rmSync } = await import('node:fs');
    const path = blobPath(t, created.body.sha256);
    writeFileSync(path, new Uint8Array(bytes.length).fill(0x41));
    const response = await t.platform.app.request(`/api/v1/files/${created.body.id}/content`, { headers: { authorization: `Bearer ${await t.tokenFor('enterprise1')}` } });
    expect(response.status).toBe(200); // headers are sent before the last chunk is checked…
    await expect(response.arrayBuffer()).rejects.toThrow(); // …and the body never completes
    rmSync(path);
    const missing = await download('enterprise1', created.body.id);
    expect(missing.status).toBe(500);
    expect((missing.body as ErrorBody).error.code).toBe('INTERNAL');
  });
});

describe('one blob for identical bytes', () => {
  it('stores the same bytes twice as two rows naming one blob', async () => {
    const bytes = new TextEncoder().encode('去重,测试\n1,2\n');
    const blobs = blobCount(t);
    const first = await upload(t, 'enterprise1', { bytes, name: 'a.csv' });
    const second = await upload(t, 'enterprise1', { bytes, name: 'b.csv' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).not.toBe(second.body.id);
    expect(first.body.sha256).toBe(second.body.sha256);
    expect(blobCount(t)).toBe(blobs + 1);
    const rows = await t.db.query<{ n: string }>('select count(*) as n from files where sha256 = $1', [first.body.sha256]);
    expect(rows[0]!.n).toBe('2');
  });
});

describe('who may upload and read', () => {
  let fileId: string;
  let outsideFileId: string;
  beforeAll(async () => {
    const own = await upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: '授权测试.pdf' });
    expect(own.status).toBe(201);
    fileId = own.body.id;
    const outside = await upload(t, 'admin', { bytes: sampleFiles.png(), name: 'outside.png', attachedToId: outsideZoucheng });
    expect(outside.status).toBe(201);
    outsideFileId = outside.body.id;
  });

  it('the enterprise reads its own file; another enterprise gets 404 for it', async () => {
    expect((await download('enterprise1', fileId)).status).toBe(200);
    const other = await download('enterprise2', fileId);
    expect(other.status).toBe(404);
    expect((other.body as ErrorBody).error.code).toBe('NOT_FOUND');
    expect((await t.as('enterprise2')<ErrorBody>('GET', `/api/v1/files/${fileId}`)).status).toBe(404);
    // The list names the record, which enterprise2 may not see: refused as the profile is.
    expect((await t.as('enterprise2')<ErrorBody>('GET', `/api/v1/files?attachedToType=enterprise&attachedToId=${demoIds.enterprise1}`)).status).toBe(403);
  });

  it('only the enterprise itself (and platform admins) upload to it', async () => {
    for (const username of ['enterprise2', 'bank1', 'drc', 'pboc']) {
      const refused = await upload<ErrorBody>(t, username, { bytes: sampleFiles.pdf(), name: 'x.pdf' });
      expect(refused.status, username).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect((await upload(t, 'admin', { bytes: sampleFiles.pdf(), name: 'by-admin.pdf' })).status).toBe(201);
    // An unknown enterprise, or one outside a county's area: 404.
    expect((await upload<ErrorBody>(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'x.pdf', attachedToId: 'ent-999' })).status).toBe(404);
    expect((await upload<ErrorBody>(t, 'zoucheng', { bytes: sampleFiles.pdf(), name: 'x.pdf', attachedToId: outsideZoucheng })).status).toBe(404);
  });

  it('a bank reads only under a consent in force, with its purpose; the read is logged for the enterprise', async () => {
    expect((await download('bank1', fileId, '?purpose=pre_loan')).status).toBe(404);
    const noPurpose = await download('bank1', fileId);
    expect(noPurpose.status).toBe(400);
    expect((noPurpose.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');

    const consent = await t.as('enterprise1')<{ id: string }>('POST', '/api/v1/consents', {
      body: { granteeId: demoIds.bank1, dataScopes: ['profile'], purpose: 'pre_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
    });
    expect(consent.status).toBe(201);
    const readsBefore = (await t.as('enterprise1')<{ items: unknown[] }>('GET', '/api/v1/consents/reads?limit=200')).body.items.length;

    const got = await download('bank1', fileId, '?purpose=pre_loan');
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(sampleFiles.pdf());
    expect((await download('bank1', fileId, '?purpose=post_loan')).status).toBe(404); // another purpose
    expect((await download('bank2', fileId, '?purpose=pre_loan')).status).toBe(404); // another bank

    const log = await t.as('enterprise1')<{ items: Array<{ consentId: string; readerOrganisationId: string; dataScope: string; purpose: string }> }>(
      'GET',
      '/api/v1/consents/reads?limit=200',
    );
    expect(log.body.items.length).toBe(readsBefore + 1);
    expect(log.body.items[0]).toMatchObject({ consentId: consent.body.id, readerOrganisationId: demoIds.bank1, dataScope: 'profile', purpose: 'pre_loan' });

    // Metadata and the list are reads of the enterprise's data too: same rule, logged as well.
    expect((await t.as('bank1')('GET', `/api/v1/files/${fileId}?purpose=pre_loan`)).status).toBe(200);
    const page = await t.as('bank1')<{ items: FileBody[] }>('GET', `/api/v1/files?attachedToType=enterprise&attachedToId=${demoIds.enterprise1}&purpose=pre_loan`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((f) => f.id)).toContain(fileId);
    expect((await t.as('enterprise1')<{ items: unknown[] }>('GET', '/api/v1/consents/reads?limit=200')).body.items.length).toBe(readsBefore + 3);
  });

  it('a county sees files of enterprises in its area, not outside it', async () => {
    expect((await download('zoucheng', fileId)).status).toBe(200);
    expect(insideZoucheng).toBe(demoIds.enterprise1);
    expect((await download('zoucheng', outsideFileId)).status).toBe(404);
    expect((await t.as('zoucheng')('GET', `/api/v1/files/${outsideFileId}`)).status).toBe(404);
    expect((await t.as('zoucheng')('GET', `/api/v1/files?attachedToType=enterprise&attachedToId=${outsideZoucheng}`)).status).toBe(404);
    expect((await download('drc', outsideFileId)).status).toBe(200); // a city bureau sees the whole city
    expect((await download('finance', outsideFileId)).status).toBe(404); // not detailed data for the finance bureau
  });

  it('organisation files: members read, admins upload; other offices see nothing', async () => {
    // bank1 (head office admin) attaches to its sub-branch; the sub-branch reads it, its sibling does not.
    const created = await upload(t, 'bank1', { bytes: sampleFiles.csvUtf8(), name: '授信政策.csv', attachedToType: 'organisation', attachedToId: demoIds.bank1SubBranch });
    expect(created.status).toBe(201);
    expect((await download('bank1-sub', created.body.id)).status).toBe(200);
    expect((await download('bank1-sibling', created.body.id)).status).toBe(404);
    expect((await download('bank2', created.body.id)).status).toBe(404);
    // A member who is not an admin may read but not upload; a stranger gets 404.
    const member = await upload<ErrorBody>(t, 'bank1-sub', { bytes: sampleFiles.pdf(), name: 'x.pdf', attachedToType: 'organisation', attachedToId: demoIds.bank1SubBranch });
    expect(member.status).toBe(403);
    const stranger = await upload<ErrorBody>(t, 'bank2', { bytes: sampleFiles.pdf(), name: 'x.pdf', attachedToType: 'organisation', attachedToId: demoIds.bank1SubBranch });
    expect(stranger.status).toBe(404);
    const list = await t.as('bank1-sub')<{ items: FileBody[] }>('GET', `/api/v1/files?attachedToType=organisation&attachedToId=${demoIds.bank1SubBranch}`);
    expect(list.body.items.map((f) => f.id)).toEqual([created.body.id]);
    expect((await t.as('bank1-sibling')('GET', `/api/v1/files?attachedToType=organisation&attachedToId=${demoIds.bank1SubBranch}`)).status).toBe(404);
  });

  it('action-plan evidence: the agencies writing for a task upload; every reader of the plan reads', async () => {
    const to = (code: string) => ({ bytes: sampleFiles.csvUtf8(), name: '佐证.csv', attachedToType: 'supervision_task', attachedToId: code });
    // Task 2: drc leads (and manages the plan), eeb is a partner; task 7: eeb leads.
    const byLead = await upload(t, 'drc', to('2'));
    expect(byLead.status, JSON.stringify(byLead.body)).toBe(201);
    expect((await upload(t, 'eeb', to('2'))).status).toBe(201);
    expect((await upload(t, 'eeb', to('7'))).status).toBe(201);
    // A reader with no part in the task: 403; not a reader of the plan, or no such task: 404.
    expect((await upload<ErrorBody>(t, 'nfra', to('7'))).status).toBe(403);
    expect((await upload<ErrorBody>(t, 'bank1', to('2'))).status).toBe(404);
    expect((await upload<ErrorBody>(t, 'drc', to('99'))).status).toBe(404);
    // A safeguard's code is lower case in the id (S1 → s1).
    expect((await upload(t, 'drc', to('s1'))).status).toBe(201);
    for (const reader of ['eeb', 'pboc', 'zoucheng', 'admin']) expect((await download(reader, byLead.body.id)).status, reader).toBe(200);
    for (const outsider of ['bank1', 'enterprise1', 'resident1']) expect((await download(outsider, byLead.body.id)).status, outsider).toBe(404);
  });

  it('unknown files are 404; ids that are not UUIDs 400', async () => {
    expect((await download('admin', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download('admin', 'not-a-uuid')).status).toBe(400);
  });
});

describe('listing a record’s files', () => {
  it('pages newest first with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/files?attachedToType=enterprise&attachedToId=${demoIds.enterprise1}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: ApiResponse<{ items: FileBody[]; nextCursor: string | null }> = await t.as('enterprise1')('GET', query);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((f) => f.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const rows = await t.db.query<{ id: string }>(`select id from files where attached_to_type = 'enterprise' and attached_to_id = $1 order by created_at desc, id desc`, [
      demoIds.enterprise1,
    ]);
    expect(seen).toEqual(rows.map((r) => r.id));
    expect(seen.length).toBeGreaterThan(3);
  });

  it('refuses an unknown record kind with 400', async () => {
    const response = await t.as('enterprise1')<ErrorBody>('GET', `/api/v1/files?attachedToType=loan&attachedToId=x`);
    expect(response.status).toBe(400);
  });
});

describe('malformed uploads: 4xx, nothing written', () => {
  const cases: Array<{ name: string; send: () => Promise<ApiResponse<ErrorBody>>; status: number; code: string }> = [
    { name: 'no file part', send: () => upload(t, 'enterprise1', { bytes: new Uint8Array(), name: '', form: (f) => f.delete('file') }), status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'two file parts',
      send: () =>
        upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', form: (f) => f.append('file', new Blob([sampleFiles.pdf() as Uint8Array<ArrayBuffer>]), 'b.pdf') }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'file as a text field',
      send: () => upload(t, 'enterprise1', { bytes: new Uint8Array(), name: '', form: (f) => f.set('file', '%PDF-1.4 not a file part') }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'missing attachedToId', send: () => upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', attachedToId: '' }), status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'missing attachedToType',
      send: () => upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', attachedToType: '' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'unknown attachedToType',
      send: () => upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', attachedToType: 'loan' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'attachedToId with NUL',
      send: () => upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', attachedToId: 'ent\u0000001' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an unknown field',
      send: () => upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', form: (f) => f.append('isDemo', 'true') }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'a field twice',
      send: () => upload(t, 'enterprise1', { bytes: sampleFiles.pdf(), name: 'a.pdf', form: (f) => f.append('attachedToId', 'ent-002') }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'an empty file', send: () => upload(t, 'enterprise1', { bytes: new Uint8Array(), name: 'empty.csv' }), status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'JSON instead of a form',
      send: () => t.as('enterprise1')<ErrorBody>('POST', '/api/v1/files', { body: { attachedToType: 'enterprise', attachedToId: demoIds.enterprise1 } }),
      status: 415,
      code: 'MULTIPART_REQUIRED',
    },
    {
      name: 'multipart without a boundary',
      send: () => t.as('enterprise1')<ErrorBody>('POST', '/api/v1/files', { rawBody: 'x', headers: { 'content-type': 'multipart/form-data' } }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'multipart that does not parse',
      send: () => t.as('enterprise1')<ErrorBody>('POST', '/api/v1/files', { rawBody: '--b\r\nnonsense', headers: { 'content-type': 'multipart/form-data; boundary=b' } }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'text/plain',
      send: () => t.as('enterprise1')<ErrorBody>('POST', '/api/v1/files', { rawBody: 'a,b', headers: { 'content-type': 'text/plain' } }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'no credentials',
      send: async () => parse(await t.platform.app.request('/api/v1/files', { method: 'POST', body: new FormData() })) as Promise<ApiResponse<ErrorBody>>,
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a read-only token',
      send: async () =>
        parse(
          await t.platform.app.request('/api/v1/files', {
            method: 'POST',
            body: new FormData(),
            headers: { authorization: `Bearer ${await t.tokenFor('enterprise1', ['read'])}` },
          }),
        ) as Promise<ApiResponse<ErrorBody>>,
      status: 403,
      code: 'FORBIDDEN',
    },
  ];

  it.each(cases)('$name → $status $code', async ({ send, status, code }) => {
    const [rows, audit] = [await rowCount(), await t.db.query<{ n: string }>('select count(*) as n from audit_entries')];
    const response = await send();
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await rowCount()).toBe(rows);
    expect((await t.db.query<{ n: string }>('select count(*) as n from audit_entries'))[0]!.n).toBe(audit[0]!.n);
  });
});

describe('the upload is a command: one transaction, one audit entry', () => {
  it('writes one audit entry naming the file', async () => {
    const created = await upload(t, 'enterprise1', { bytes: sampleFiles.gif(), name: 'audit.gif' });
    expect(created.status).toBe(201);
    const entries = await t.db.query<{ action: string; target_type: string; actor_organisation_id: string }>(
      'select action, target_type, actor_organisation_id from audit_entries where target_id = $1',
      [created.body.id],
    );
    expect(entries).toEqual([{ action: 'files.create', target_type: 'files', actor_organisation_id: demoIds.enterprise1 }]);
  });

  it('a repeated Idempotency-Key replays the first answer and adds no row', async () => {
    const headers = { 'idempotency-key': 'upload-once-1' };
    const first = await upload(t, 'enterprise1', { bytes: sampleFiles.webp(), name: 'once.webp', headers });
    const rows = await rowCount();
    const again = await upload(t, 'enterprise1', { bytes: sampleFiles.webp(), name: 'once.webp', headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await rowCount()).toBe(rows);
    const other = await upload<ErrorBody>(t, 'enterprise1', { bytes: sampleFiles.gif(), name: 'once.gif', headers });
    expect(other.status).toBe(422);
  });

  it('a failure after the row was written rolls the row back; the stored blob stays as an orphan', async () => {
    // Make the command's last step (its audit entry) fail, inside the same transaction.
    await t.db.exec(`
      create function fail_file_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'files.create' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$;
      create trigger fail_file_audit before insert on audit_entries for each row execute function fail_file_audit();`);
    try {
      const bytes = new TextEncoder().encode('回滚,测试\n1,2\n');
      const rows = await rowCount();
      const failed = await upload<ErrorBody>(t, 'enterprise1', { bytes, name: 'rollback.csv' });
      expect(failed.status).toBe(500);
      expect(failed.body.error.code).toBe('INTERNAL');
      expect(await rowCount()).toBe(rows);
      expect(existsSync(blobPath(t, sha256(bytes)))).toBe(true); // documented: a cleanup job may remove unreferenced blobs
    } finally {
      await t.db.exec('drop trigger fail_file_audit on audit_entries; drop function fail_file_audit();');
    }
  });
});
