/** How the app's routes answer: the platform's error envelope, never a stack trace. */
import { isPlatformError } from '../../lib/platform';
import type { SaveResult } from '../../lib/host/host';

export function errorResponse(error: unknown): Response {
  if (isPlatformError(error)) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status >= 400 ? error.status : 502 });
  }
  console.error(error);
  return Response.json({ error: { code: 'internal', message: 'Something went wrong on the server' } }, { status: 500 });
}

export function saveResponse(result: SaveResult, okStatus: number): Response {
  if (result.ok) return Response.json({ page: result.page, diagnostics: result.diagnostics }, { status: okStatus });
  return Response.json(
    { error: { code: result.code, message: result.message }, diagnostics: result.diagnostics ?? [], current: result.current },
    { status: result.status },
  );
}
