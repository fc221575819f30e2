/**
 * The fixed document every Custom node's sandboxed frame loads
 * (lib/render/custom-sandbox.ts): no data and no author code in it, so it is
 * the same for everyone and may be framed anywhere a page is (embeds too).
 */
import { SANDBOX_CSP, SANDBOX_DOCUMENT } from '../../../lib/render/custom-sandbox';

export const dynamic = 'force-static';

export function GET(): Response {
  return new Response(SANDBOX_DOCUMENT, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': SANDBOX_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'public, max-age=300',
    },
  });
}
