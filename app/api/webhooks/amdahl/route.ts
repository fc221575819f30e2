/** Page events from the platform: a signed, recent delivery drops what the app cached about the page (lib/host/page-events). */
import { revalidatePath } from 'next/cache';
import { host } from '../../../_server/host';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const raw = await request.text();
  const delivery = host().receiveWebhook(raw, request.headers.get('x-webhook-signature'));
  if (!delivery.ok) return Response.json({ error: { code: delivery.code, message: delivery.message } }, { status: delivery.status });
  if (!delivery.duplicate && delivery.event.type !== 'page.created') {
    revalidatePath(`/embed-render/${encodeURIComponent(delivery.event.data.page_id)}`, 'layout');
  }
  return Response.json({ received: true, duplicate: delivery.duplicate }, { status: 202 });
}
