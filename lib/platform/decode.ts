/**
 * Checking a 2xx body against its zod schema. A body that does not fit is an
 * `invalid_response` error whose message names the field path, e.g.
 * `items[0].id: expected string, received number`, so a platform drift is
 * reported where it happened instead of surfacing later as `undefined`.
 */
import type { z } from 'zod';
import { PlatformError, isRecord } from './errors';

type Issue = z.core.$ZodIssue;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

function issueText(issue: Issue): string {
  if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors)) {
    // "Invalid input" says nothing; list what each branch expected instead.
    const expected = new Set<string>();
    let received: string | undefined;
    for (const branch of issue.errors) {
      for (const sub of branch) {
        if (sub.path.length === 0 && sub.code === 'invalid_type') {
          expected.add(String(sub.expected));
          const m = /received (\w+)/.exec(sub.message);
          if (m) received = m[1];
        }
      }
    }
    if (expected.size > 0) return `expected ${[...expected].join(' | ')}${received ? `, received ${received}` : ''}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/** `items[0].id: expected string, received number; items[1].name: ...` (at most `max` issues). */
export function formatIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = [], max = 5): string {
  const shown = issues.slice(0, max).map((issue) => `${formatPath([...prefix, ...issue.path])}: ${issueText(issue)}`);
  if (issues.length > max) shown.push(`and ${issues.length - max} more`);
  return shown.join('; ');
}

export interface DecodeContext {
  status: number;
  method?: string;
  path?: string;
  requestId?: string;
  /** Path of `value` inside the body, for the message (`items` when decoding one array). */
  at?: readonly PropertyKey[];
}

export function decode<S extends z.ZodType>(schema: S, value: unknown, ctx: DecodeContext): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const where = ctx.method && ctx.path ? ` from ${ctx.method} ${ctx.path}` : '';
  throw new PlatformError({
    status: ctx.status,
    code: 'invalid_response',
    message: `unexpected response${where}: ${formatIssues(result.error.issues, ctx.at ?? [])}`,
    body: value,
    details: result.error.issues,
    ...(ctx.method ? { method: ctx.method } : {}),
    ...(ctx.path ? { path: ctx.path } : {}),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  });
}

export interface ListPage<T> {
  items: T[];
  next_cursor: string | null;
}

/** Keys a list's array may hide under, in the order they are tried. */
export const LIST_KEYS = ['items', 'pages', 'data'] as const;

/**
 * One page of a cursor-paginated list, whichever key holds the array
 * (`items`, `pages`, `data`, or an endpoint's own such as `templates`), or a
 * bare array (which is what `{"data": [...]}` becomes once unwrapped).
 */
export function decodeListPage<S extends z.ZodType>(
  body: unknown,
  itemSchema: S,
  ctx: DecodeContext,
  extraKeys: readonly string[] = [],
): ListPage<z.output<S>> {
  if (Array.isArray(body)) {
    return { items: decodeItems(body, itemSchema, ctx, []), next_cursor: null };
  }
  if (!isRecord(body)) {
    throw new PlatformError({
      status: ctx.status,
      code: 'invalid_response',
      message: `unexpected response${ctx.method && ctx.path ? ` from ${ctx.method} ${ctx.path}` : ''}: expected a list, received ${body === null ? 'null' : typeof body}`,
      body,
    });
  }
  const key = [...LIST_KEYS, ...extraKeys].find((k) => Array.isArray(body[k]));
  if (key === undefined) {
    throw new PlatformError({
      status: ctx.status,
      code: 'invalid_response',
      message: `unexpected response${ctx.method && ctx.path ? ` from ${ctx.method} ${ctx.path}` : ''}: no list under ${[...LIST_KEYS, ...extraKeys].join(', ')}`,
      body,
    });
  }
  const items = decodeItems(body[key] as unknown[], itemSchema, ctx, [key]);
  return { items, next_cursor: readCursor(body, ctx) };
}

function decodeItems<S extends z.ZodType>(array: unknown[], itemSchema: S, ctx: DecodeContext, at: PropertyKey[]): z.output<S>[] {
  const out: z.output<S>[] = [];
  const issues: Issue[] = [];
  array.forEach((item, index) => {
    const result = itemSchema.safeParse(item);
    if (result.success) out.push(result.data);
    else for (const issue of result.error.issues) issues.push({ ...issue, path: [index, ...issue.path] } as Issue);
  });
  if (issues.length > 0) {
    const where = ctx.method && ctx.path ? ` from ${ctx.method} ${ctx.path}` : '';
    throw new PlatformError({
      status: ctx.status,
      code: 'invalid_response',
      message: `unexpected response${where}: ${formatIssues(issues, at)}`,
      body: array,
      details: issues,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    });
  }
  return out;
}

function readCursor(body: Record<string, unknown>, ctx: DecodeContext): string | null {
  const raw = body.next_cursor !== undefined ? body.next_cursor : body.nextCursor;
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  throw new PlatformError({
    status: ctx.status,
    code: 'invalid_response',
    message: `unexpected response${ctx.method && ctx.path ? ` from ${ctx.method} ${ctx.path}` : ''}: next_cursor: expected string or null, received ${typeof raw}`,
    body,
  });
}
