/**
 * `amdahl-pages embed <page-id>`: mints an embed link and prints its URL and
 * the snippet to paste. Against the platform (AMDAHL_URL + API_KEY; the
 * studio's embedded platform by default), the platform signs the token. With
 * AMDAHL_EMBED_SECRET set (a real platform, whose secret the app cannot
 * know), the token is signed here with the app's secret, after the platform
 * has confirmed the key may (lib/embed/mint-app-token), and the URL points at
 * the app (--app-url or AMDAHL_APP_URL).
 */
import { parseArgs } from 'node:util';
import { appKeyringFromEnv } from '../../../../lib/embed/keys';
import { embedSnippet, isMintRefused, mintAppEmbedToken, type MintRequest } from '../../../../lib/embed/mint-app-token';
import { keyIdentity } from '../../../../lib/host/embeds';
import { createPlatformClient, isPlatformError } from '../../../../lib/platform';
import { EXIT, UsageError, type CliIO } from '../io';

export const EMBED_HELP = `Usage: amdahl-pages embed <page-id> [options]

Mints a signed, short-lived embed link for a page and prints the URL and the
iframe snippet (with embed.js, which sizes the frame to the page).

Options:
  --audience <self|workspace|public>  who the link stands for (default: self;
                                      workspace and public need pages:admin)
  --ttl <duration>                    lifetime: 3600, 90m, 12h, 7d (default: 1h; at most 30d)
  --origin <url>                      a site allowed to frame it (repeat for more)
  --param <name=value>                pin a page param (repeat for more)
  --rule <column=value>               narrow the data to a slice (repeat; same column twice = either value)
  --page-version <n|latest>           show only this version (the link stops when the page changes)
  --theme <auto|light|dark>           the colour scheme in the URL (default: the viewer's)
  --app-url <url>                     the studio's origin for the URL (default: AMDAHL_APP_URL, else the platform's answer)
  --format <text|json>                output (default: text)

Environment: AMDAHL_URL (default http://127.0.0.1:3000, the studio's embedded platform),
API_KEY (default the local dev key), AMDAHL_EMBED_SECRET (sign here, for a real platform).
Exit codes: 0 minted, 1 refused by the platform, 2 usage.
`;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtl(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--ttl takes seconds or a duration such as 90m, 12h, 7d (got ${JSON.stringify(text)})`);
  return Number(m[1]) * UNITS[m[2] || 's']!;
}

function pairs(values: string[] | undefined, flag: string): [string, string][] {
  return (values ?? []).map((v) => {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} takes name=value (got ${JSON.stringify(v)})`);
    return [v.slice(0, i).trim(), v.slice(i + 1)];
  });
}

export async function embedCommand(argv: string[], io: CliIO, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      audience: { type: 'string', default: 'self' },
      ttl: { type: 'string' },
      origin: { type: 'string', multiple: true },
      param: { type: 'string', multiple: true },
      rule: { type: 'string', multiple: true },
      'page-version': { type: 'string' },
      theme: { type: 'string' },
      'app-url': { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(EMBED_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('name exactly one page id');
  if (!['text', 'json'].includes(values.format!)) throw new UsageError('--format must be text or json');
  if (values.theme && !['auto', 'light', 'dark'].includes(values.theme)) throw new UsageError('--theme must be auto, light or dark');
  const pageId = positionals[0]!;
  const rules: Record<string, string[]> = {};
  for (const [column, value] of pairs(values.rule, '--rule')) (rules[column] ??= []).push(value);
  const pv = values['page-version'];
  if (pv !== undefined && pv !== 'latest' && !/^\d+$/.test(pv)) throw new UsageError('--page-version takes a version number or latest');
  const request: MintRequest = {
    audience: values.audience as MintRequest['audience'],
    ...(values.ttl ? { ttlSeconds: parseTtl(values.ttl) } : {}),
    ...(values.origin?.length ? { origins: values.origin } : {}),
    ...(values.param?.length ? { params: Object.fromEntries(pairs(values.param, '--param')) } : {}),
    ...(Object.keys(rules).length ? { rules } : {}),
    ...(pv !== undefined ? { pageVersion: pv === 'latest' ? 'latest' : Number(pv) } : {}),
  };
  const platformOrigin = (env.AMDAHL_URL?.trim() || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const apiKey = env.API_KEY?.trim() || 'amdhl_local_dev';
  const client = createPlatformClient({ baseUrl: `${platformOrigin}/api/platform/v1`, apiKey });
  const appUrl = (values['app-url'] ?? env.AMDAHL_APP_URL)?.replace(/\/+$/, '');
  let token: string;
  let expiresAt: string;
  let embedUrl: string;
  try {
    const ring = appKeyringFromEnv(env);
    if (ring) {
      if (!appUrl) throw new UsageError('with AMDAHL_EMBED_SECRET the link points at your studio: pass --app-url or set AMDAHL_APP_URL');
      const minted = await mintAppEmbedToken(client, (await ring.signing())!, pageId, request, keyIdentity(apiKey));
      token = minted.token;
      expiresAt = minted.expires_at;
      embedUrl = `${appUrl}/embed/${encodeURIComponent(pageId)}?token=${encodeURIComponent(token)}`;
    } else {
      const minted = await client.createEmbedToken(pageId, {
        audience: request.audience,
        ...(request.ttlSeconds !== undefined ? { ttl_seconds: request.ttlSeconds } : {}),
        ...(request.origins ? { origins: request.origins } : {}),
        ...(request.params ? { params: request.params } : {}),
        ...(request.rules ? { rules: request.rules } : {}),
        ...(request.pageVersion !== undefined ? { page_version: request.pageVersion } : {}),
      });
      token = minted.token;
      expiresAt = String(minted.expires_at);
      const answered = new URL(minted.embed_url);
      embedUrl = appUrl ? `${appUrl}${answered.pathname}${answered.search}` : minted.embed_url;
    }
  } catch (error) {
    if (isMintRefused(error) || isPlatformError(error)) {
      io.stderr(`amdahl-pages embed: ${(error as Error).message}\n`);
      return EXIT.problems;
    }
    throw error;
  }
  if (values.theme && values.theme !== 'auto') embedUrl += `&theme=${values.theme}`;
  const snippet = embedSnippet(embedUrl, new URL(embedUrl).origin);
  if (values.format === 'json') io.stdout(`${JSON.stringify({ embed_url: embedUrl, token, expires_at: expiresAt, snippet }, null, 2)}\n`);
  else io.stdout(`${embedUrl}\n\nExpires ${expiresAt}. Paste this where the page should appear:\n\n${snippet}\n`);
  return EXIT.ok;
}
