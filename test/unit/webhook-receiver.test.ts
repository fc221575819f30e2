/** The app's webhook receiver: the guide's signature, in constant time; recent events only; each event once. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookReceiver } from '../../lib/host/page-events';

const SECRET = 'whsec_test';
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

describe('WebhookReceiver', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const event = (id: string, at = now) => JSON.stringify({ id, type: 'page.updated', created_at: new Date(at).toISOString(), data: { page_id: 'page_1', version: 2 } });

  it('takes a signed, recent event once; a replay is recognised', () => {
    const receiver = new WebhookReceiver(() => SECRET, () => now);
    const body = event('evt_1');
    expect(receiver.receive(body, sign(body))).toMatchObject({ ok: true, duplicate: false, event: { data: { page_id: 'page_1' } } });
    expect(receiver.receive(body, sign(body).toUpperCase())).toMatchObject({ ok: true, duplicate: true });
  });

  it('refuses a wrong, short or missing signature, a body changed after signing, and another secret', () => {
    const receiver = new WebhookReceiver(() => SECRET, () => now);
    const body = event('evt_2');
    for (const signature of [null, '', 'abc', sign(body).slice(0, 62), sign(body, 'whsec_other'), sign(event('evt_3'))]) {
      expect(receiver.receive(body, signature)).toMatchObject({ ok: false, status: 401 });
    }
  });

  it('refuses events older or newer than five minutes, and bodies that are not events', () => {
    const receiver = new WebhookReceiver(() => SECRET, () => now);
    const old = event('evt_4', now - 5 * 60_000 - 1);
    expect(receiver.receive(old, sign(old))).toMatchObject({ ok: false, status: 400, code: 'stale_event' });
    const future = event('evt_5', now + 6 * 60_000);
    expect(receiver.receive(future, sign(future))).toMatchObject({ ok: false, status: 400 });
    const junk = '{"hello": 1}';
    expect(receiver.receive(junk, sign(junk))).toMatchObject({ ok: false, status: 400 });
    expect(new WebhookReceiver(() => undefined).receive(junk, sign(junk))).toMatchObject({ ok: false, status: 503 });
  });
});
