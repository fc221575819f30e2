/**
 * How the full-rows routes answer (a view's `/pages/<id>/rows`, an embed's
 * `/embed/<id>/rows`): `format=csv` streams every row through the one CSV
 * writer (lib/format/csv.ts); otherwise JSON with the first rows Show data
 * lists (or, with `rows=all`, every row) and the total. A refusal says nothing about the page.
 */
import { csvFileName, csvStream } from '../../lib/format/csv';
import type { NodeRows } from '../../lib/host/node-rows';

/** As many rows as Show data lists (catalog/shared/chart-data.tsx); the CSV has them all. */
export const SHOWN_ROWS = 1000;

const PRIVATE = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' } as const;

/** `format=csv`: the streamed CSV; else JSON, the first SHOWN_ROWS rows, or all of them with `rows=all` (a table loading the rest). */
export function rowsResponse(answer: NodeRows, search: URLSearchParams | null, where: string): Response {
  const format = search?.get('format') ?? null;
  if (!answer.ok) {
    console.warn(`rows refused (${answer.status}) ${where}: ${answer.reason}`);
    return Response.json({ error: { code: 'not_found', message: 'These rows are not available' } }, { status: answer.status === 403 ? 403 : 404, headers: PRIVATE });
  }
  const { data, title } = answer;
  if (format === 'csv') {
    const file = csvFileName(title);
    return new Response(csvStream(data.columns.map((c) => ({ key: c.name })), data.rows), {
      headers: {
        ...PRIVATE,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      },
    });
  }
  return Response.json(
    { query: data.query, columns: data.columns, rows: search?.get('rows') === 'all' ? data.rows : data.rows.slice(0, SHOWN_ROWS), total: data.rows.length, truncated: data.truncated },
    { headers: PRIVATE },
  );
}

/** The page's params from a rows request: its query string less the route's own keys. */
export function paramsOf(search: URLSearchParams, reserved: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of search) if (!reserved.includes(key)) params[key] = value;
  return params;
}
