/**
 * The host view for this request: an author who signed in with a platform
 * key works with that key (reads, queries, previews, saves and embed mints
 * go to the platform as that author); otherwise (loopback, or the operator's
 * STUDIO_PASSWORD) the server's own key. The key comes out of the encrypted
 * session cookie here, on the server, and goes no further than the host.
 */
import type { Host } from '../../lib/host/host';
import { host } from './host';
import { currentSession } from './session';

export async function requestHost(): Promise<Host> {
  const session = await currentSession();
  return session?.apiKey ? host().forKey(session.apiKey) : host();
}
