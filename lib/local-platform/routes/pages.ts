/** /pages: list, create, validate, get, patch and archive a business's pages. */
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { json, parseIfMatch, readJsonBody } from '../http';
import { limitOf, pageResponse, type Route, type RoutesContext } from '../router';
import { createPageBody, parseBody, updatePageBody, validatePageBody } from '../schemas';

/** A page holding a `Custom` node needs `pages:admin` to be written. */
function containsCustom(value: unknown, depth = 0): boolean {
  if (depth > 200 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsCustom(v, depth + 1));
  const record = value as Record<string, unknown>;
  if (record.type === 'Custom') return true;
  return Object.values(record).some((v) => containsCustom(v, depth + 1));
}

/** `/pages/validate` comes before `/pages/{id}`, which would otherwise take it. */
export function pageRoutes({ config, business, emit }: RoutesContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/pages$/,
      handler: async ({ url, caller }) => {
        requireScope(caller, 'pages:read');
        const tag = url.searchParams.get('tag') ?? undefined;
        const cursor = url.searchParams.get('cursor') || undefined;
        return json(200, await business(caller.business).pages.list({ limit: limitOf(url, 50), cursor, tag }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/pages$/,
      handler: async ({ req, url, caller }) => {
        requireScope(caller, 'pages:write');
        const body = parseBody(createPageBody, await readJsonBody(req));
        if (containsCustom(body.spec)) requireScope(caller, 'pages:admin');
        const b = business(caller.business);
        const page = await b.pages.create({
          name: body.name,
          tags: body.tags ?? [],
          declared_queries: body.declared_queries ?? [],
          spec: body.spec,
          status: body.status,
        });
        emit(b, 'page.created', page);
        return pageResponse(201, page, { location: `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(page.id)}` });
      },
    },
    {
      method: 'POST',
      pattern: /^\/pages\/validate$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'pages:read');
        if (!config.validatePage) throw new ApiError('unimplemented', 'this local platform was started without a page validator');
        const body = parseBody(validatePageBody, await readJsonBody(req));
        const verdict = await config.validatePage({ spec: body.spec, declared_queries: body.declared_queries ?? [] });
        return json(200, { valid: verdict.valid, diagnostics: verdict.diagnostics });
      },
    },
    {
      method: 'GET',
      pattern: /^\/pages\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:read');
        return pageResponse(200, await business(caller.business).pages.get(params[0]!));
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/pages\/([^/]+)$/,
      handler: async ({ req, caller, params }) => {
        requireScope(caller, 'pages:write');
        const expected = parseIfMatch(req.headers.get('if-match'));
        const patch = parseBody(updatePageBody, await readJsonBody(req));
        if (Object.keys(patch).length === 0) throw new ApiError('invalid_argument', 'the patch changes nothing: send at least one field');
        if (patch.spec !== undefined && containsCustom(patch.spec)) requireScope(caller, 'pages:admin');
        const b = business(caller.business);
        const page = await b.pages.update(params[0]!, patch, expected);
        emit(b, 'page.updated', page);
        return pageResponse(200, page);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/pages\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:write');
        const b = business(caller.business);
        const page = await b.pages.archive(params[0]!);
        emit(b, 'page.archived', page);
        return pageResponse(200, page);
      },
    },
  ];
}
