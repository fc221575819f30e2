/**
 * POST /pages/{id}/embed-token: a signed token and the URL that embeds the
 * page with it. A `self` token sees no more than the key that minted it (its
 * slice is the key's own, narrowed by the request); `workspace` and `public`
 * reach the whole business and need pages:admin.
 */
import { checkEmbedParams } from '../../embed/embed-params';
import { intersectSlices, parseSliceRules } from '../../embed/slice-rules';
import type { DeclaredQuery } from '../../spec/page-model';
import { requireScope } from '../auth';
import { issueEmbedToken } from '../embed-tokens';
import { ApiError } from '../errors';
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
        if (!caller.scopes.has('data:read')) {
          throw new ApiError('permission_denied', 'this key cannot read data, so an embed it mints would show none', { required_scope: 'data:read' });
        }
        const requested = parseSliceRules(body.rules);
        if (!requested.ok) throw new ApiError('invalid_argument', requested.message, { fields: ['rules'] });
        const slice = body.audience === 'self' ? intersectSlices(caller.rules, requested.rules) : { rules: requested.rules };
        if (slice.empty) throw new ApiError('invalid_argument', `rules.${slice.empty}: this key cannot see any of those rows, so the embed would be empty`, { fields: ['rules'] });
        const page = await business(caller.business).pages.get(params[0]!);
        if (typeof body.page_version === 'number' && body.page_version !== page.version) {
          throw new ApiError('failed_precondition', `page ${page.id} is at version ${page.version}, not ${body.page_version}`, { current_version: page.version });
        }
        const pinned = checkEmbedParams(body.params ?? {}, page.declared_queries as unknown as DeclaredQuery[]);
        if (!pinned.ok) throw new ApiError('invalid_argument', pinned.reason, { fields: ['params'] });
        const { token, expiresAt } = await issueEmbedToken({
          dir: config.dir,
          business: caller.business,
          pageId: page.id,
          pageVersion: body.page_version ?? 'latest',
          audience: body.audience,
          ttlSeconds: body.ttl_seconds ?? config.embedTtlSeconds,
          ...(slice.rules ? { rules: slice.rules } : {}),
          params: pinned.params,
          origins: body.origins?.map((o) => new URL(o).origin),
          mintedBy: caller.keyId,
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
