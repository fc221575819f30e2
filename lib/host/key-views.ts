/**
 * Views of the host bound to other API keys: a signed-in author's reads,
 * queries, previews, saves and embed mints go to the platform with the
 * author's own key. A view shares the server's platform (the local one, or
 * the remote base URL), its query cache and its page cache; both caches are
 * keyed by the key's identity (a hash), so one author's results never answer
 * another's. Views are kept per key, a bounded number, the least recently
 * used dropped first (a dropped view holds nothing the shared caches do not).
 */
import { keyIdentity } from './embeds';

/** Authors signed in at once, per process, whose views are kept. */
const MAX_VIEWS = 200;

export class KeyViews<V> {
  private readonly views = new Map<string, V>();

  constructor(private readonly make: (apiKey: string) => V) {}

  /** The view bound to this key, made on first use. */
  get(apiKey: string): V {
    // Indexed by a hash: the map's keys are not the secrets themselves.
    const id = keyIdentity(apiKey);
    let view = this.views.get(id);
    if (view !== undefined) {
      this.views.delete(id);
    } else {
      view = this.make(apiKey);
      if (this.views.size >= MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
    }
    this.views.set(id, view);
    return view;
  }

  get size(): number {
    return this.views.size;
  }
}
