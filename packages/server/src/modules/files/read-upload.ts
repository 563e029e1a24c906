/**
 * Reading a multipart/form-data upload with a hard size limit. The request body is counted as it
 * streams in and the read stops — the socket is no longer drained, nothing more is buffered — the
 * moment it passes the limit: FILE_TOO_LARGE (413). A declared Content-Length over the limit is
 * refused before a byte is read. Only then is the form parsed (the platform's own multipart
 * parser, `Request.formData()`), so memory stays bounded by the limit.
 *
 * The limit on the body is the file limit plus `multipartAllowanceBytes` for the form's envelope
 * (boundaries, part headers, the text fields); the file part itself is then held to the file limit
 * exactly.
 */
import { AppError } from '../../http/app-error.ts';

/** Room for the multipart envelope and the text fields on top of the file, in bytes. */
export const multipartAllowanceBytes = 64 * 1024;

export interface Upload {
  file: File;
  /** The text fields, by name (each at most once). */
  fields: Record<string, string>;
}

const invalid = (path: string, message: string, code = 'invalid_multipart') => new AppError('VALIDATION_FAILED', { fields: [{ path, message, code }] });

/** The multipart/form-data parts of `request`: exactly one `file` part and text fields. */
export async function readUpload(options: { request: Request; maxFileBytes: number }): Promise<Upload> {
  const { request, maxFileBytes } = options;
  const contentType = request.headers.get('content-type') ?? '';
  const [mediaType = '', ...params] = contentType.split(';').map((p) => p.trim());
  if (mediaType.toLowerCase() !== 'multipart/form-data') throw new AppError('MULTIPART_REQUIRED');
  if (!params.some((p) => /^boundary=("?)[^"]{1,70}\1$/i.test(p))) throw invalid('(body)', 'multipart/form-data needs a boundary parameter (1–70 characters)');

  const limitBytes = maxFileBytes + multipartAllowanceBytes;
  const tooLarge = () => new AppError('FILE_TOO_LARGE', { limitBytes: maxFileBytes });
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  if (!request.body) throw invalid('file', 'required: the file to upload', 'invalid_type');

  let received = 0;
  let exceeded = false;
  const limiter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > limitBytes) {
        exceeded = true;
        // Erroring the pipe cancels the request body: reading from the client stops here.
        controller.error(new RangeError('upload over the size limit'));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  let form: FormData;
  try {
    form = await new Request('http://upload.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: request.body.pipeThrough(limiter),
      duplex: 'half',
    }).formData();
  } catch {
    if (exceeded) throw tooLarge();
    throw invalid('(body)', 'not a well-formed multipart/form-data body');
  }

  let file: File | undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name === 'file') {
      if (typeof value === 'string') throw invalid('file', 'must be a file part (with a filename), not a text field', 'invalid_type');
      if (file) throw invalid('file', 'exactly one file per upload');
      file = value;
    } else if (typeof value !== 'string') {
      throw invalid(name.slice(0, 64), 'only the file part may carry a file', 'invalid_type');
    } else if (Object.hasOwn(fields, name)) {
      throw invalid(name.slice(0, 64), 'given more than once');
    } else {
      fields[name] = value;
    }
  }
  if (!file) throw invalid('file', 'required: the file to upload', 'invalid_type');
  if (file.size > maxFileBytes) throw tooLarge();
  return { file, fields };
}
