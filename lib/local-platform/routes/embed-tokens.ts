/** POST /pages/{id}/embed-token: a signed token and the URL that embeds the page with it. */
import { requireScope } from '../auth';
import { issueEmbedToken } from '../embed-tokens';
import { json, readJsonBody } from '../http';
import type { Route, RoutesContext } from '../router';
import { embedTokenBody, parseBody } from '../schemas';

export function embedTokenRoutes({ config, business }: RoutesContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/pages\/([^/]+)\/embed-token$/,
      handler: async ({ req, url, caller, params }) => {
        requireScope(caller, 'pages:read');
        const body = parseBody(embedTokenBody, await readJsonBody(req));
        if (body.audience !== 'self') requireScope(caller, 'pages:admin');
        const page = await business(caller.business).pages.get(params[0]!);
        const { token, expiresAt } = await issueEmbedToken({
          dir: config.dir,
          business: caller.business,
          pageId: page.id,
          audience: body.audience,
          ttlSeconds: body.ttl_seconds ?? config.embedTtlSeconds,
          rules: body.rules,
          origins: body.origins?.map((o) => new URL(o).origin),
          now: config.now(),
        });
        const base = (config.embedBaseUrl ?? url.origin).replace(/\/+$/, '');
        return json(200, {
          token,
          expires_at: expiresAt.toISOString(),
          embed_url: `${base}/embed/${encodeURIComponent(page.id)}?token=${encodeURIComponent(token)}`,
        });
      },
    },
  ];
}
