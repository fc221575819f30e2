import { createHmac, randomBytes } from 'node:crypto';
import { ApiError } from './errors';
import { JsonDocument } from './json-file';
import type { WebhookRetryOptions } from './options';
import { newId } from './pages-store';

export const WEBHOOK_EVENTS = ['page.created', 'page.updated', 'page.archived'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  created_at: string;
  updated_at: string;
}

interface StoredWebhook extends Webhook {
  secret: string;
}

interface WebhooksFile {
  format: 1;
  webhooks: StoredWebhook[];
}

function publicWebhook({ secret: _secret, ...rest }: StoredWebhook): Webhook {
  return rest;
}

/** The hex HMAC-SHA256 of the raw body, as sent in X-Webhook-Signature. */
export function signWebhookBody(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

function cursorOf(index: number): string {
  return Buffer.from(String(index)).toString('base64url');
}

function indexOf(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new ApiError('invalid_argument', 'cursor is not one this server issued');
  return n;
}

/** One business's webhooks (`webhooks.json`, secrets included: they sign deliveries). */
export class WebhooksStore {
  private readonly doc: JsonDocument<WebhooksFile>;

  constructor(
    file: string,
    private readonly now: () => Date,
  ) {
    this.doc = new JsonDocument<WebhooksFile>(file, () => ({ format: 1, webhooks: [] }));
  }

  async list(limit: number, cursor?: string): Promise<{ items: Webhook[]; next_cursor: string | null }> {
    const all = (await this.doc.read()).webhooks;
    const start = cursor ? indexOf(cursor) : 0;
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? cursorOf(start + limit) : null;
    return { items: items.map(publicWebhook), next_cursor: next };
  }

  async get(id: string): Promise<Webhook> {
    const hook = (await this.doc.read()).webhooks.find((w) => w.id === id);
    if (!hook) throw new ApiError('not_found', `no webhook with id ${id}`);
    return publicWebhook(hook);
  }

  /** The answer carries the secret: the only time it is shown. */
  async create(input: { url: string; events: WebhookEvent[]; description?: string }): Promise<Webhook & { secret: string }> {
    return this.doc.update((draft) => {
      const stamp = this.now().toISOString();
      const hook: StoredWebhook = {
        id: newId('wh'),
        url: input.url,
        events: [...new Set(input.events)],
        description: input.description ?? null,
        created_at: stamp,
        updated_at: stamp,
        secret: `whsec_${randomBytes(24).toString('hex')}`,
      };
      draft.webhooks.push(hook);
      return { next: draft, result: { ...publicWebhook(hook), secret: hook.secret } };
    });
  }

  async update(id: string, patch: { url?: string; events?: WebhookEvent[]; description?: string }): Promise<Webhook> {
    return this.doc.update((draft) => {
      const hook = draft.webhooks.find((w) => w.id === id);
      if (!hook) throw new ApiError('not_found', `no webhook with id ${id}`);
      if (patch.url !== undefined) hook.url = patch.url;
      if (patch.events !== undefined) hook.events = [...new Set(patch.events)];
      if (patch.description !== undefined) hook.description = patch.description;
      hook.updated_at = this.now().toISOString();
      return { next: draft, result: publicWebhook(hook) };
    });
  }

  async remove(id: string): Promise<void> {
    return this.doc.update((draft) => {
      const index = draft.webhooks.findIndex((w) => w.id === id);
      if (index < 0) throw new ApiError('not_found', `no webhook with id ${id}`);
      draft.webhooks.splice(index, 1);
      return { next: draft, result: undefined };
    });
  }

  /** With secrets: for delivery only. */
  async subscribers(event: WebhookEvent): Promise<StoredWebhook[]> {
    return (await this.doc.read()).webhooks.filter((w) => w.events.includes(event));
  }
}

export interface DeliveryEvent {
  id: string;
  type: WebhookEvent;
  created_at: string;
  data: { page_id: string; version: number };
}

/**
 * Sends events to webhooks in the background: the API answers before any
 * delivery starts. A delivery that fails (network error, timeout, non-2xx) is
 * retried with exponential backoff; every attempt sends the same body (same
 * event id, so receivers can deduplicate) and the same signature.
 */
export class WebhookDeliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly retry: WebhookRetryOptions,
    private readonly log: (message: string) => void,
  ) {}

  enqueue(hooks: StoredWebhook[], event: DeliveryEvent): void {
    if (this.closed) return;
    const body = JSON.stringify(event);
    for (const hook of hooks) this.schedule(hook, event, body, 1, 0);
  }

  private schedule(hook: StoredWebhook, event: DeliveryEvent, body: string, attempt: number, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(hook, event, body, attempt);
    }, delayMs);
    timer.unref?.();
    this.timers.add(timer);
  }

  private async attempt(hook: StoredWebhook, event: DeliveryEvent, body: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.retry.timeoutMs);
    let failure: string | undefined;
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'amdahl-local-platform',
          'x-webhook-signature': signWebhookBody(hook.secret, body),
          'x-webhook-id': event.id,
          'x-webhook-event': event.type,
          'x-webhook-attempt': String(attempt),
        },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (failure === undefined || this.closed) return;
    if (attempt >= this.retry.attempts) {
      this.log(`webhook ${hook.id}: giving up on ${event.type} ${event.id} after ${attempt} attempts (${failure})`);
      return;
    }
    const delay = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    this.log(`webhook ${hook.id}: ${event.type} attempt ${attempt} failed (${failure}); retrying in ${delay} ms`);
    this.schedule(hook, event, body, attempt + 1, delay);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
  }
}
