/**
 * Request bodies, strict: an unknown field is a 400 that names it. Page specs
 * are kept as given (any JSON object): their structure is the validator's
 * business, and the guide's inline-props shape must be storable as is.
 */
import { z } from 'zod';
import { ApiError } from './errors';
import { WEBHOOK_EVENTS } from './webhooks';

const MAX_SQL = 100_000;

/** A data slice as sent (`{"channel": "email"}`); lib/embed/slice-rules reads and checks it. */
const rules = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]);

export const queryBody = z.strictObject({
  sql: z.string().trim().min(1, 'must not be empty').max(MAX_SQL, `must be at most ${MAX_SQL} characters`),
  /** ours: narrows the rows of interactions this statement sees, inside the database. */
  rules: rules.optional(),
});

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const tags = z.array(z.string().trim().min(1, 'a tag must not be empty').max(64)).max(50).transform((t) => [...new Set(t)]);

export const declaredQuery = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  // The guide's own example omits it; it then means `sql`.
  source: z.enum(['sql', 'cluster_search', 'kb_search']).optional(),
  sql: z.string().max(MAX_SQL).optional(),
  query: z.string().max(10_000).optional(),
  target: z.string().max(200).optional(),
  params: z.record(z.string(), z.string()).optional(),
});

const spec = z.record(z.string(), z.unknown());

export const createPageBody = z.strictObject({
  name,
  tags: tags.optional(),
  declared_queries: z.array(declaredQuery).max(100).optional(),
  spec,
  status: z.enum(['draft', 'published']).optional(),
});

export const updatePageBody = z.strictObject({
  name: name.optional(),
  tags: tags.optional(),
  status: z.enum(['draft', 'published']).optional(),
  declared_queries: z.array(declaredQuery).max(100).optional(),
  spec: spec.optional(),
});

export const validatePageBody = z.strictObject({
  spec: z.unknown().refine((v) => v !== undefined, { message: 'is required' }),
  declared_queries: z.array(z.unknown()).max(100).optional(),
});

export const embedTokenBody = z.strictObject({
  audience: z.enum(['self', 'workspace', 'public']),
  ttl_seconds: z.number().int().min(60).max(30 * 24 * 3600).optional(),
  rules: rules.optional(),
  /** ours: param values the embed fixes; a viewer cannot change them. */
  params: z
    .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .refine((p) => Object.keys(p).length <= 50, 'at most 50 params')
    .transform((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])))
    .optional(),
  /** ours: the page version the embed shows (it stops when the page moves on), or "latest". */
  page_version: z.union([z.number().int().positive(), z.literal('latest')]).optional(),
  origins: z
    .array(
      z.string().refine((o) => {
        try {
          const u = new URL(o);
          return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '');
        } catch {
          return false;
        }
      }, 'must be an origin such as https://example.com'),
    )
    .max(20)
    .optional(),
});

export const MAX_SEARCH_QUERY = 1000;
const searchText = z.string().trim().min(1, 'must not be empty').max(MAX_SEARCH_QUERY, `must be at most ${MAX_SEARCH_QUERY} characters`);
const searchLimit = z.number().int('must be an integer').min(1, 'must be at least 1').max(100, 'must be at most 100');

/** `POST /search/query` (platform docs, semantic-search.md); which filters a mode takes is checked by the route. */
export const searchBody = z.strictObject({
  query: searchText,
  mode: z.string().optional(),
  limit: searchLimit.optional(),
  filters: z.array(z.strictObject({ field: z.string(), op: z.string(), value: z.unknown() })).max(20, 'at most 20 filters').optional(),
  /** ours: narrows the interactions searched, as for /data/query. */
  rules: rules.optional(),
});

/** `POST /search/kb` (ours: the docs name kb_search but no endpoint). */
export const kbSearchBody = z.strictObject({
  query: searchText,
  limit: searchLimit.optional(),
});

const webhookUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const u = new URL(value);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'name at least one event');

export const createWebhookBody = z.strictObject({
  url: webhookUrl,
  events,
  description: z.string().max(500).optional(),
});

export const updateWebhookBody = z.strictObject({
  url: webhookUrl.optional(),
  events: events.optional(),
  description: z.string().max(500).optional(),
});

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : '';
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => (where ? `${where}.${k}` : k));
    return `unknown field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Parses a body or throws a 400 naming every problem (unknown fields first). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) throw new ApiError('invalid_argument', 'a JSON body is required');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = [...result.error.issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  const fields = issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].map(String).join('.')) : [i.path.map(String).join('.')],
  );
  throw new ApiError('invalid_argument', issues.map(describe).join('; '), { fields: [...new Set(fields)] });
}
