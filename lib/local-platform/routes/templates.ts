/** GET /pages/templates and /pages/templates/{slug}: the starting points a new page can copy. */
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { json } from '../http';
import type { Route, RoutesContext } from '../router';

export function templateRoutes({ config }: RoutesContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/pages\/templates$/,
      handler: async ({ caller }) => {
        requireScope(caller, 'pages:read');
        const items = config.templates.map((t) => ({
          slug: t.slug,
          name: t.name,
          description: t.description,
          ...(Array.isArray(t.page.tags) ? { tags: t.page.tags } : {}),
        }));
        return json(200, { items, next_cursor: null });
      },
    },
    {
      method: 'GET',
      pattern: /^\/pages\/templates\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:read');
        const t = config.templates.find((x) => x.slug === params[0]);
        if (!t) throw new ApiError('not_found', `no template with slug ${params[0]}`);
        return json(200, {
          slug: t.slug,
          name: t.name,
          description: t.description,
          tags: Array.isArray(t.page.tags) ? t.page.tags : [],
          declared_queries: Array.isArray(t.page.declared_queries) ? t.page.declared_queries : [],
          spec: t.page.spec,
        });
      },
    },
  ];
}
