/** Request bodies for the app's own routes, with a clear 400 instead of an exception. */
const LIMIT = 2_000_000;

function bad(message: string, status = 400): Response {
  return Response.json({ error: { code: 'invalid_argument', message } }, { status });
}

export async function readText(request: Request): Promise<string | Response> {
  const text = await request.text();
  if (text.length > LIMIT) return bad('The body is larger than 2 MB', 413);
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const body = JSON.parse(text) as unknown;
      // {"text": "<page JSON>"} is the envelope; a page or node that happens to have a `text` prop is not.
      const envelope = body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).every((k) => k === 'text' || k === 'params');
      if (envelope && typeof (body as { text?: unknown }).text === 'string') return (body as { text: string }).text;
    } catch {
      // A JSON content type with a page that does not parse: validate the text itself.
    }
  }
  return text;
}

export async function readJson(request: Request): Promise<Record<string, unknown> | Response> {
  const text = await request.text();
  if (text.length > LIMIT) return bad('The body is larger than 2 MB', 413);
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  return bad('The body must be a JSON object');
}
