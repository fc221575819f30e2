/**
 * What the platform answers (read schemas: tolerant, unknown fields kept,
 * optional wherever the guide's minimal platform might leave a field out) and
 * what the client sends (write schemas: strict, exactly the contract's shape).
 *
 * The page `spec` stays `unknown` here: its model and normalisation belong to
 * lib/spec, which reads both the canonical and the guide's inline-props shape.
 */
import { z } from 'zod';

/** Absent and null read the same; the output is `T | undefined`. */
function maybe<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

// ─── Reads ───────────────────────────────────────────────────────────────────

export const queryColumnSchema = z.preprocess(
  // A bare column name is read as `{name}`.
  (value) => (typeof value === 'string' ? { name: value } : value),
  z.looseObject({ name: z.string(), type: maybe(z.string()) }),
);
export type QueryColumn = z.output<typeof queryColumnSchema>;

export const queryResultSchema = z.looseObject({
  rows: z.array(z.record(z.string(), z.unknown())),
  columns: maybe(z.array(queryColumnSchema)),
  row_count: maybe(z.number()),
  truncated: maybe(z.boolean()),
  elapsed_ms: maybe(z.number()),
  /** ours: the slice the platform applied in the database, when one was asked for. */
  applied_rules: maybe(z.record(z.string(), z.array(z.string()))),
});
export type QueryResult = z.output<typeof queryResultSchema>;

/** One match of `POST /search/query`: utterance-level or, from the theme index, `{cluster_id, label, score}`. Kept as sent. */
export const searchMatchSchema = z.record(z.string(), z.unknown());

export const searchResultSchema = z.looseObject({
  success: maybe(z.boolean()),
  /** Which lane answered (`semantic`, `fuzzy`, ... ; the local platform says `fulltext`). */
  mode_ran: maybe(z.string()),
  results: z
    .array(searchMatchSchema)
    .nullish()
    .transform((value) => value ?? []),
  freshness: maybe(z.looseObject({ source: maybe(z.string()), synced_at: maybe(z.string()) })),
  timing: maybe(z.record(z.string(), z.unknown())),
  /** ours: the slice the platform applied, when one was asked for. */
  applied_rules: maybe(z.record(z.string(), z.array(z.string()))),
});
export type SearchResult = z.output<typeof searchResultSchema>;

export const kbDocumentSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  title: maybe(z.string()),
  snippet: maybe(z.string()),
  url: maybe(z.string()),
  score: maybe(z.number()),
});
export const kbSearchResultSchema = z.looseObject({
  results: z
    .array(kbDocumentSchema)
    .nullish()
    .transform((value) => value ?? []),
});
export type KbSearchResult = z.output<typeof kbSearchResultSchema>;

export const QUERY_SOURCES = ['sql', 'cluster_search', 'kb_search'] as const;
export type QuerySource = (typeof QUERY_SOURCES)[number];

/** The guide's example omits `source` (it means `sql`), so it is optional when read. */
export const declaredQuerySchema = z.looseObject({
  name: z.string(),
  source: maybe(z.string()),
  sql: maybe(z.string()),
  query: maybe(z.string()),
  target: maybe(z.string()),
  params: maybe(z.record(z.string(), z.unknown())),
});
export type DeclaredQuery = z.output<typeof declaredQuerySchema>;

/** A version is a counter on the local platform; an opaque string is kept as is. */
const versionSchema = z.union([z.number(), z.string()]);

const pageFields = {
  id: z.string(),
  name: z.string(),
  tags: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  status: maybe(z.string()),
  created_at: maybe(z.string()),
  updated_at: maybe(z.string()),
  version: maybe(versionSchema),
};

export const pageSchema = z.looseObject({
  ...pageFields,
  declared_queries: z.array(declaredQuerySchema),
  spec: z.unknown().refine((value) => value !== undefined, { message: 'expected a spec, received undefined' }),
});
export type Page = z.output<typeof pageSchema>;

/** A list item: a platform may list pages without their spec and queries. */
export const pageSummarySchema = z.looseObject({
  ...pageFields,
  declared_queries: maybe(z.array(declaredQuerySchema)),
  spec: z.unknown().optional(),
});
export type PageSummary = z.output<typeof pageSummarySchema>;

export const templateSummarySchema = z.looseObject({
  slug: z.string(),
  name: maybe(z.string()),
  title: maybe(z.string()),
  description: maybe(z.string()),
  layout: maybe(z.string()),
  tags: maybe(z.array(z.string())),
});
export type TemplateSummary = z.output<typeof templateSummarySchema>;

export const templateSchema = z.looseObject({
  slug: z.string(),
  name: maybe(z.string()),
  title: maybe(z.string()),
  description: maybe(z.string()),
  tags: maybe(z.array(z.string())),
  declared_queries: maybe(z.array(declaredQuerySchema)),
  spec: z.unknown().optional(),
});
export type Template = z.output<typeof templateSchema>;

export const embedTokenSchema = z.looseObject({
  token: z.string(),
  expires_at: z.union([z.string(), z.number()]),
  embed_url: z.string(),
});
export type EmbedToken = z.output<typeof embedTokenSchema>;

export const webhookSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  events: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  description: maybe(z.string()),
  /** Shown once, in the answer to the registration. */
  secret: maybe(z.string()),
  created_at: maybe(z.string()),
  updated_at: maybe(z.string()),
});
export type Webhook = z.output<typeof webhookSchema>;

/**
 * One failure of `POST /pages/validate`. The docs name four kinds (unknown
 * component, bad prop, unbound query, invalid SQL) without fixing field
 * names, so every field is optional and kept.
 */
export const validationFailureSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { message: value } : value),
  z.looseObject({
    kind: maybe(z.string()),
    code: maybe(z.string()),
    severity: maybe(z.string()),
    message: maybe(z.string()),
    pointer: maybe(z.string()),
    path: maybe(z.union([z.string(), z.array(z.union([z.string(), z.number()]))])),
  }),
);
export type ValidationFailure = z.output<typeof validationFailureSchema>;

const FAILURE_KEYS = ['failures', 'errors', 'diagnostics', 'issues', 'problems'] as const;

export interface ValidationVerdict {
  valid: boolean;
  /** Every reported problem, warnings included, from whichever key held them. */
  failures: ValidationFailure[];
  /** The answer as sent (after the envelope), for fields this client does not model. */
  raw: Record<string, unknown>;
}

export const validationVerdictSchema = z
  .looseObject({
    valid: maybe(z.boolean()),
    ok: maybe(z.boolean()),
    failures: maybe(z.array(validationFailureSchema)),
    errors: maybe(z.array(validationFailureSchema)),
    diagnostics: maybe(z.array(validationFailureSchema)),
    issues: maybe(z.array(validationFailureSchema)),
    problems: maybe(z.array(validationFailureSchema)),
  })
  .transform((value): ValidationVerdict => {
    const failures = FAILURE_KEYS.flatMap((key) => value[key] ?? []);
    const blocking = failures.filter((f) => f.severity === undefined || f.severity === 'error');
    return { valid: value.valid ?? value.ok ?? blocking.length === 0, failures, raw: value };
  });

/** True when a body carries a verdict (an array under one of the failure keys, or `valid`). */
export function looksLikeVerdict(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  return FAILURE_KEYS.some((key) => Array.isArray(record[key])) || typeof record.valid === 'boolean';
}

// ─── Writes ──────────────────────────────────────────────────────────────────

const name = z.string().trim().min(1, 'must not be empty');

/**
 * A declared query as sent. The guide's shape leaves `source` out when the
 * query is SQL; the canonical shape names it, so the client fills it in.
 */
export const declaredQueryInputSchema = z
  .strictObject({
    name,
    source: z.enum(QUERY_SOURCES).optional(),
    sql: z.string().optional(),
    query: z.string().optional(),
    target: z.string().optional(),
    /** name -> type hint (a string such as "date" on the local platform; left open for richer hints). */
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .transform((q, ctx) => {
    if (q.source !== undefined) return { ...q, source: q.source };
    if (typeof q.sql === 'string') return { ...q, source: 'sql' as const };
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'expected one of "sql"|"cluster_search"|"kb_search"' });
    return z.NEVER;
  });
export type DeclaredQueryInput = z.input<typeof declaredQueryInputSchema>;

export const createPageInputSchema = z.strictObject({
  name,
  tags: z.array(z.string()).optional(),
  declared_queries: z.array(declaredQueryInputSchema),
  spec: z.unknown().refine((value) => value !== undefined && value !== null, { message: 'spec is required' }),
});
export type CreatePageInput = z.input<typeof createPageInputSchema>;

export const updatePageInputSchema = z.strictObject({
  name: name.optional(),
  tags: z.array(z.string()).optional(),
  status: z.string().optional(),
  declared_queries: z.array(declaredQueryInputSchema).optional(),
  spec: z.unknown().optional(),
});
export type UpdatePageInput = z.input<typeof updatePageInputSchema>;

/**
 * Validation exists to judge drafts, broken ones included, so only the
 * envelope is checked here: the platform's verdict reports the rest.
 */
export const validatePageInputSchema = z.strictObject({
  spec: z.unknown(),
  declared_queries: z.array(z.unknown()),
});
export type ValidatePageInput = z.input<typeof validatePageInputSchema>;

export const EMBED_AUDIENCES = ['self', 'workspace', 'public'] as const;
export type EmbedAudience = (typeof EMBED_AUDIENCES)[number];

export const embedTokenInputSchema = z.strictObject({
  audience: z.enum(EMBED_AUDIENCES),
  ttl_seconds: z.number().int().positive().optional(),
  rules: z.unknown().optional(),
  origins: z.array(z.string()).optional(),
  /** ours (the local platform): param values the embed fixes, and the page version it shows. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  page_version: z.union([z.number().int().positive(), z.literal('latest')]).optional(),
});
export type EmbedTokenInput = z.input<typeof embedTokenInputSchema>;

const searchText = z.string().trim().min(1, 'must not be empty');

/** `POST /search/query`: filters are `{field, op, value}` (semantic mode: company_id, occurred_at, speaker_type). */
export const searchInputSchema = z.strictObject({
  query: searchText,
  mode: z.string().optional(),
  limit: z.number().int().positive().optional(),
  filters: z.array(z.strictObject({ field: z.string(), op: z.string(), value: z.unknown() })).optional(),
  /** ours: a data slice, `{column: [values]}`. */
  rules: z.record(z.string(), z.array(z.string())).optional(),
});
export type SearchInput = z.input<typeof searchInputSchema>;

/** `POST /search/kb` (ours). */
export const kbSearchInputSchema = z.strictObject({ query: searchText, limit: z.number().int().positive().optional() });
export type KbSearchInput = z.input<typeof kbSearchInputSchema>;

export const PAGE_EVENTS = ['page.created', 'page.updated', 'page.archived'] as const;

export const createWebhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(z.string()).min(1, 'name at least one event'),
  description: z.string().optional(),
});
export type CreateWebhookInput = z.input<typeof createWebhookInputSchema>;

export const updateWebhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).optional(),
  events: z.array(z.string()).min(1, 'name at least one event').optional(),
  description: z.string().optional(),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookInputSchema>;

export interface ListPagesParams {
  /** 1..100 */
  limit?: number;
  cursor?: string;
  tag?: string;
}

export interface ListParams {
  limit?: number;
  cursor?: string;
}
