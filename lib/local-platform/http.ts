import { ApiError } from './errors';

export const MAX_BODY_BYTES = 1_000_000;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}

export function errorBody(error: ApiError): Record<string, unknown> {
  const inner: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.details && Object.keys(error.details).length > 0) inner.details = error.details;
  return { error: inner };
}

/** The request's JSON body; undefined when there is none. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new ApiError('invalid_argument', `the body is larger than ${MAX_BODY_BYTES} bytes`, undefined, 413);
  const type = req.headers.get('content-type') ?? '';
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new ApiError('invalid_argument', `expected a JSON body (content-type application/json), got ${type}`, undefined, 415);
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError('invalid_argument', `the body is larger than ${MAX_BODY_BYTES} bytes`, undefined, 413);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError('invalid_argument', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** `If-Match: "3"` (also `3`, `W/"3"`); undefined when absent or `*`. */
export function parseIfMatch(header: string | null): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (value === '*' || value === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (!m) throw new ApiError('invalid_argument', `If-Match must be a page version such as "3", got ${header}`);
  return Number(m[1]);
}
