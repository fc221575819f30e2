/**
 * The app's webhook receiver: the platform tells it when a page changed, so
 * cached pages and query results go at once instead of at the end of their
 * TTL. A delivery counts only when its X-Webhook-Signature (hex HMAC-SHA256 of
 * the raw body) matches, compared in constant time; its `created_at` must be
 * recent, and an event id is taken once (a replayed delivery changes nothing).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PlatformClient } from '../platform';

export const PAGE_EVENT_TYPES = ['page.created', 'page.updated', 'page.archived'] as const;
/** How far a delivery's created_at may be from now. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

export interface PageEvent {
  id: string;
  type: string;
  created_at: string;
  data: { page_id: string; version?: number | string };
}

export type Delivery = { ok: true; event: PageEvent; duplicate: boolean } | { ok: false; status: number; code: string; message: string };

function signatureMatches(rawBody: string, header: string | null, secret: string): boolean {
  if (!header || !/^[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  const given = Buffer.from(header.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class WebhookReceiver {
  /** Event ids taken, with when: kept past the tolerance window, so a replay inside it is caught. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly secret: () => string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  receive(rawBody: string, signature: string | null): Delivery {
    const secret = this.secret();
    if (!secret) return { ok: false, status: 503, code: 'unavailable', message: 'no webhook secret is configured (AMDAHL_WEBHOOK_SECRET)' };
    if (!signatureMatches(rawBody, signature, secret)) return { ok: false, status: 401, code: 'invalid_signature', message: 'the signature does not match' };
    let event: PageEvent;
    try {
      event = JSON.parse(rawBody) as PageEvent;
    } catch {
      return { ok: false, status: 400, code: 'invalid_argument', message: 'the body is not JSON' };
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.data?.page_id !== 'string') {
      return { ok: false, status: 400, code: 'invalid_argument', message: 'expected {id, type, created_at, data: {page_id}}' };
    }
    const at = Date.parse(event.created_at);
    const now = this.now();
    if (!Number.isFinite(at) || Math.abs(now - at) > WEBHOOK_TOLERANCE_MS) {
      return { ok: false, status: 400, code: 'stale_event', message: 'created_at is missing or more than 5 minutes from now' };
    }
    for (const [id, when] of this.seen) if (now - when > 2 * WEBHOOK_TOLERANCE_MS) this.seen.delete(id);
    const duplicate = this.seen.has(event.id);
    this.seen.set(event.id, now);
    return { ok: true, event, duplicate };
  }
}

/**
 * Subscribes the app to its own platform's page events: one webhook per
 * receiver URL (an older registration of the same URL, from a previous start,
 * is replaced). The secret is shown once, here, and kept in memory only.
 */
export async function subscribeToPageEvents(client: PlatformClient, url: string): Promise<string> {
  const stale: string[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await client.listWebhooks({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const hook of page.items) if (hook.url === url) stale.push(hook.id);
    cursor = page.next_cursor ?? undefined;
  }
  for (const id of stale) await client.deleteWebhook(id);
  const created = await client.createWebhook({ url, events: [...PAGE_EVENT_TYPES], description: 'Amdahl Pages Studio: drop cached pages and embeds on change' });
  const secret = (created as { secret?: unknown }).secret;
  if (typeof secret !== 'string') throw new Error('the platform did not return the webhook secret');
  return secret;
}
