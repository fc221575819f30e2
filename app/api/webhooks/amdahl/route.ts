/** Page events from the platform: a signed, recent delivery drops what the app cached about the page (lib/host/page-events). */
import { host } from '../../../_server/host';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const raw = await request.text();
  const delivery = host().receiveWebhook(raw, request.headers.get('x-webhook-signature'));
  if (!delivery.ok) return Response.json({ error: { code: delivery.code, message: delivery.message } }, { status: delivery.status });
  return Response.json({ received: true, duplicate: delivery.duplicate }, { status: 202 });
}
