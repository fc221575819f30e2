/** /webhooks: list, create, get, patch and delete a business's webhook subscriptions. */
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { json, noContent, readJsonBody } from '../http';
import { limitOf, type Route, type RoutesContext } from '../router';
import { createWebhookBody, parseBody, updateWebhookBody } from '../schemas';

export function webhookRoutes({ business }: RoutesContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/webhooks$/,
      handler: async ({ url, caller }) => {
        requireScope(caller, 'pages:read');
        const cursor = url.searchParams.get('cursor') || undefined;
        return json(200, await business(caller.business).webhooks.list(limitOf(url, 50), cursor));
      },
    },
    {
      method: 'POST',
      pattern: /^\/webhooks$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'pages:write');
        const body = parseBody(createWebhookBody, await readJsonBody(req));
        return json(201, await business(caller.business).webhooks.create(body));
      },
    },
    {
      method: 'GET',
      pattern: /^\/webhooks\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:read');
        return json(200, await business(caller.business).webhooks.get(params[0]!));
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/webhooks\/([^/]+)$/,
      handler: async ({ req, caller, params }) => {
        requireScope(caller, 'pages:write');
        const patch = parseBody(updateWebhookBody, await readJsonBody(req));
        if (Object.keys(patch).length === 0) throw new ApiError('invalid_argument', 'the patch changes nothing: send at least one field');
        return json(200, await business(caller.business).webhooks.update(params[0]!, patch));
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/webhooks\/([^/]+)$/,
      handler: async ({ caller, params }) => {
        requireScope(caller, 'pages:write');
        await business(caller.business).webhooks.remove(params[0]!);
        return noContent();
      },
    },
  ];
}
