/**
 * The per-business registry: each business gets its own database (in its own
 * directory and worker thread), pages store and webhooks store, created on
 * first use and kept until close. Webhook events about a business's pages are
 * emitted from here.
 */
import path from 'node:path';
import { BusinessDatabase, InitdbTemplate } from './business-db';
import { DEV_BUSINESS, locate, type ResolvedOptions } from './options';
import { PagesStore, newId, readSeedPages, type Page } from './pages-store';
import { WebhooksStore, type WebhookDeliverer, type WebhookEvent } from './webhooks';

export interface Business {
  name: string;
  db: BusinessDatabase;
  pages: PagesStore;
  webhooks: WebhooksStore;
}

export class Businesses {
  private readonly byName = new Map<string, Business>();
  private readonly workerPath: string;
  private readonly seedPagesDir: string;
  private readonly template: InitdbTemplate | undefined;

  constructor(
    private readonly config: ResolvedOptions,
    private readonly deliverer: WebhookDeliverer,
  ) {
    this.workerPath = locate(config.workerPath, 'db-worker.mjs');
    this.seedPagesDir = locate(config.seedPagesDir, 'seed-pages');
    this.template = config.initdbTemplate ? new InitdbTemplate(config.initdbTemplate) : undefined;
  }

  /** The business called `name`, opened lazily on first use. */
  get(name: string): Business {
    let b = this.byName.get(name);
    if (!b) {
      const { config, seedPagesDir } = this;
      const root = path.join(config.dir, 'businesses', name);
      b = {
        name,
        db: new BusinessDatabase({
          business: name,
          dataDir: path.join(root, 'pgdata'),
          workerPath: this.workerPath,
          rowCap: config.rowCap,
          queryTimeoutMs: config.queryTimeoutMs,
          template: this.template,
          log: config.log,
        }),
        pages: new PagesStore(path.join(root, 'pages.json'), config.now, () =>
          name === DEV_BUSINESS ? readSeedPages(seedPagesDir) : Promise.resolve([]),
        ),
        webhooks: new WebhooksStore(path.join(root, 'webhooks.json'), config.now),
      };
      this.byName.set(name, b);
    }
    return b;
  }

  /** Every business opened so far. */
  opened(): Business[] {
    return [...this.byName.values()];
  }

  /** Deliveries start after the response: the API never waits for a receiver. */
  emit(b: Business, type: WebhookEvent, page: Page): void {
    const event = {
      id: newId('evt'),
      type,
      created_at: this.config.now().toISOString(),
      data: { page_id: page.id, version: page.version },
    };
    setImmediate(() => {
      b.webhooks
        .subscribers(type)
        .then((hooks) => this.deliverer.enqueue(hooks, event))
        .catch((error: unknown) => this.config.log(`webhooks: could not load subscribers: ${String(error)}`));
    });
  }
}
