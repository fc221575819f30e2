/**
 * Embeds, on the host's side: the keyring that verifies tokens, minting for
 * the studio and the CLI, and rendering a verified grant through the same
 * render path as the view route. Every refusal is a reason for the server's
 * log; the viewer sees one neutral page whatever it was.
 */
import { createHash } from 'node:crypto';
import { checkEmbedParams } from '../embed/embed-params';
import { embedKeyringFromEnv } from '../embed/keyring-from-env';
import { appKeyringFromEnv, type EmbedKeyring } from '../embed/keys';
import { mintAppEmbedToken, MintRefused, type MintRequest, type MintedEmbed } from '../embed/mint-app-token';
import type { RenderGrant } from '../embed/render-grant';
import { intersectSlices, type SliceRules } from '../embed/slice-rules';
import type { LocalPlatform } from '../local-platform';
import { isPlatformError, type Page as StoredPage, type PlatformClient } from '../platform';
import { normalisePage } from '../spec/normalise';
import type { RenderData } from './host';
import type { NodeRows } from './node-rows';

export type EmbedRender = { ok: true; data: RenderData; name: string } | { ok: false; reason: string };

export interface EmbedDeps {
  env: Record<string, string | undefined>;
  client: PlatformClient;
  local: LocalPlatform | undefined;
  /** The key the app runs queries with (never leaves the server). */
  apiKey: string;
  /** A non-secret name for that key: part of every cache key. */
  identity: string;
  getPage(id: string): Promise<StoredPage>;
  renderStored(page: StoredPage, params: Record<string, string>, options: { rules?: SliceRules }): Promise<RenderData>;
  nodeRows(page: StoredPage, pointer: string, params: Record<string, string>, options: { rules?: SliceRules }): Promise<NodeRows>;
  log(message: string): void;
}

export interface Embeds {
  readonly keyring: EmbedKeyring;
  render(grant: RenderGrant): Promise<EmbedRender>;
  /** The full rows of one node of the granted page, under the grant's slice and params, and nothing else. */
  rows(grant: RenderGrant, pointer: string): Promise<NodeRows>;
  /** `{token, expires_at}` for the page; the caller builds the URL on its own origin. */
  mint(pageId: string, request: MintRequest): Promise<MintedEmbed>;
}

/** A stable, non-secret name for an API key. */
export function keyIdentity(apiKey: string): string {
  return `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`;
}

export function createEmbeds(deps: EmbedDeps): Embeds {
  const appRing = appKeyringFromEnv(deps.env);
  const keyring = embedKeyringFromEnv(deps.local ? { ...deps.env, AMDAHL_LOCAL_DIR: deps.local.dir } : deps.env);

  /** The slice this render may see, or a refusal: who the token stands for must still see it. */
  function sliceFor(grant: RenderGrant): { ok: true; rules?: SliceRules } | { ok: false; reason: string } {
    if (!deps.local) return { ok: true, rules: grant.rules };
    if (!grant.business) return { ok: true, rules: grant.rules };
    const app = deps.local.callerOfKey(deps.apiKey);
    if (!app || app.business !== grant.business) return { ok: false, reason: `the app's key does not read business ${grant.business}` };
    if (grant.audience !== 'self') return { ok: true, rules: grant.rules };
    // A self token sees no more than its minter sees today: a removed or narrowed key narrows its embeds.
    const minter = grant.mintedBy ? deps.local.callerById(grant.mintedBy) : undefined;
    if (!minter || minter.business !== grant.business || !minter.scopes.has('data:read')) return { ok: false, reason: 'the minting key no longer reads this data' };
    const both = intersectSlices(minter.rules, grant.rules);
    if (both.empty) return { ok: false, reason: `the minting key no longer sees any ${both.empty} of the slice` };
    return { ok: true, rules: both.rules };
  }

  /** The page a grant may show today, with the slice to show it under, or why not. */
  async function admit(grant: RenderGrant): Promise<{ ok: true; page: StoredPage; rules?: SliceRules } | { ok: false; reason: string }> {
    const slice = sliceFor(grant);
    if (!slice.ok) return slice;
    let page: StoredPage;
    try {
      page = await deps.getPage(grant.pageId);
    } catch (error) {
      if (isPlatformError(error) && (error.status === 404 || error.status === 403)) return { ok: false, reason: `page ${error.status}` };
      throw error;
    }
    if (page.status === 'archived') return { ok: false, reason: 'page archived' };
    if (grant.pageVersion !== 'latest' && String(page.version) !== String(grant.pageVersion)) {
      return { ok: false, reason: `page moved from version ${grant.pageVersion} to ${String(page.version)}` };
    }
    const declared = normalisePage({ name: page.name, tags: page.tags, declared_queries: page.declared_queries, spec: page.spec }).declared_queries;
    const params = checkEmbedParams(grant.params, declared);
    if (!params.ok) return { ok: false, reason: params.reason };
    return { ok: true, page, ...(slice.rules ? { rules: slice.rules } : {}) };
  }

  return {
    keyring,
    async render(grant) {
      const admitted = await admit(grant);
      if (!admitted.ok) return admitted;
      const data = await deps.renderStored(admitted.page, grant.params, { rules: admitted.rules });
      const unenforced = Object.values(data.outcomes).find((o) => !o.ok && o.error.code === 'slice_not_enforced');
      if (unenforced) return { ok: false, reason: 'the platform did not enforce the slice' };
      return { ok: true, data, name: admitted.page.name };
    },
    async rows(grant, pointer) {
      const admitted = await admit(grant);
      if (!admitted.ok) return { ok: false, status: 404, reason: admitted.reason };
      return deps.nodeRows(admitted.page, pointer, grant.params, { rules: admitted.rules });
    },
    async mint(pageId, request) {
      if (deps.local) {
        const minted = await deps.client.createEmbedToken(pageId, {
          audience: request.audience,
          ...(request.ttlSeconds !== undefined ? { ttl_seconds: request.ttlSeconds } : {}),
          ...(request.origins?.length ? { origins: request.origins } : {}),
          ...(request.rules !== undefined ? { rules: request.rules } : {}),
          ...(request.params && Object.keys(request.params).length ? { params: request.params } : {}),
          ...(request.pageVersion !== undefined ? { page_version: request.pageVersion } : {}),
        });
        return { token: minted.token, expires_at: String(minted.expires_at) };
      }
      const signing = await appRing?.signing();
      if (!signing) throw new MintRefused(501, 'unimplemented', 'Set AMDAHL_EMBED_SECRET (32+ characters) on the server to embed pages of a real platform');
      return mintAppEmbedToken(deps.client, signing, pageId, request, deps.identity);
    },
  };
}
