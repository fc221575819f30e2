/**
 * The Share → Embed form as data: what the author chose, checked here the
 * way the server checks it (so a typo is shown beside its field and no
 * request goes out), and turned into the body `POST /api/pages/{id}/embed`
 * takes. No React: the dialog and its tests share it.
 */
import { normaliseOrigin } from '../../lib/embed/framing';
import { SLICE_COLUMNS, type SliceColumn } from '../../lib/embed/slice-rules';
import { normaliseQuery } from '../../lib/spec/normalise';
import type { ParamDeclaration, ParamType } from '../../lib/spec/page-model';

export type Audience = 'self' | 'workspace' | 'public';
export type Theme = 'auto' | 'light' | 'dark';

export const AUDIENCES: readonly { value: Audience; label: string; help: string; admin: boolean }[] = [
  { value: 'self', label: 'My access', help: 'Shows what your own key can read, never more; if your key loses access, the embed stops.', admin: false },
  { value: 'workspace', label: 'Workspace', help: 'Shows the workspace’s data, whoever opens the link. Needs pages:admin.', admin: true },
  { value: 'public', label: 'Public', help: 'Anyone with the link; with no allowed origins, any site may frame it. Needs pages:admin.', admin: true },
];

export const LIFETIMES: readonly { value: string; label: string; seconds: number }[] = [
  { value: '1h', label: '1 hour', seconds: 3600 },
  { value: '1d', label: '1 day', seconds: 86_400 },
  { value: '7d', label: '7 days', seconds: 7 * 86_400 },
  { value: '30d', label: '30 days', seconds: 30 * 86_400 },
];

export const CUSTOM_UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const;
export type CustomUnit = keyof typeof CUSTOM_UNITS;

/** The server's bounds (lib/embed/mint-app-token, the local platform's schema). */
export const MIN_TTL_SECONDS = 60;
export const MAX_TTL_SECONDS = 30 * 86_400;
export const MAX_ORIGINS = 20;

export interface EmbedForm {
  audience: Audience;
  /** A LIFETIMES value, or 'custom'. */
  lifetime: string;
  customAmount: string;
  customUnit: CustomUnit;
  origins: string[];
  /** Param name -> pinned value; '' leaves it to the embedding site (or its default). */
  params: Record<string, string>;
  sliceColumn: SliceColumn | '';
  /** Comma-separated values of the slice column. */
  sliceValues: string;
  /** Pin the page's current version (the embed stops when the page moves on), or follow the latest. */
  pinVersion: boolean;
  theme: Theme;
}

export const INITIAL_FORM: EmbedForm = {
  audience: 'self',
  lifetime: '1d',
  customAmount: '2',
  customUnit: 'hours',
  origins: [],
  params: {},
  sliceColumn: '',
  sliceValues: '',
  pinVersion: false,
  theme: 'auto',
};

export interface EmbedBody {
  audience: Audience;
  ttl_seconds: number;
  origins: string[];
  params?: Record<string, string>;
  rules?: Partial<Record<SliceColumn, string[]>>;
  page_version?: number | 'latest';
}

/** Field -> message; the keys name the field (`origins.2`, `params.region`, `ttl`, `slice`). */
export type FormErrors = Record<string, string>;

/** `https://Example.com/` is fine (it becomes `https://example.com`); a path, a query or another scheme is not. */
export function checkOrigin(value: string): { origin: string } | { error: string } {
  const text = value.trim();
  if (!text) return { error: 'Enter an origin such as https://example.com' };
  const origin = normaliseOrigin(text);
  if (origin) return { origin };
  if (!/^https?:\/\//i.test(text)) return { error: 'Start with https:// (or http://), e.g. https://example.com' };
  return { error: 'Only the scheme, host and port: no path, query or #fragment (e.g. https://example.com)' };
}

export function ttlSeconds(form: EmbedForm): { seconds: number } | { error: string } {
  const preset = LIFETIMES.find((l) => l.value === form.lifetime);
  if (preset) return { seconds: preset.seconds };
  const amount = Number(form.customAmount);
  if (!form.customAmount.trim() || !Number.isFinite(amount) || amount <= 0) return { error: 'Enter a positive number' };
  const seconds = Math.round(amount * CUSTOM_UNITS[form.customUnit]);
  if (seconds < MIN_TTL_SECONDS) return { error: 'At least 1 minute' };
  if (seconds > MAX_TTL_SECONDS) return { error: 'At most 30 days' };
  return { seconds };
}

/** A page param as the form offers it: every declaration of that name merged. */
export interface ParamField {
  name: string;
  type: ParamType | undefined;
  /** Allowed values when any declaration lists them (the values every list shares). */
  values?: string[];
  fallback?: string;
  description?: string;
  /** Names of the queries that use it. */
  queries: string[];
}

function describeDeclaration(decl: ParamDeclaration): { type?: ParamType; values?: string[]; fallback?: string; description?: string } {
  if (typeof decl === 'string') return { type: decl };
  if (Array.isArray(decl)) return { values: decl.map(String) };
  const d = decl as Exclude<ParamDeclaration, string | readonly unknown[]>;
  return {
    type: d.type,
    values: d.values?.map(String),
    fallback: d.default === undefined ? undefined : String(d.default),
    description: d.description,
  };
}

/** The params a page declares, from its `declared_queries` as stored or as written in the editor. */
export function paramFieldsOf(declaredQueries: unknown): ParamField[] {
  if (!Array.isArray(declaredQueries)) return [];
  const fields = new Map<string, ParamField>();
  for (const raw of declaredQueries) {
    const query = normaliseQuery(raw);
    for (const [name, decl] of Object.entries(query.params ?? {})) {
      const d = describeDeclaration(decl);
      const field = fields.get(name);
      if (!field) {
        fields.set(name, { name, type: d.type, values: d.values, fallback: d.fallback, description: d.description, queries: [query.name] });
        continue;
      }
      field.queries.push(query.name);
      field.type ??= d.type;
      field.fallback ??= d.fallback;
      field.description ??= d.description;
      if (d.values) field.values = field.values ? field.values.filter((v) => d.values!.includes(v)) : d.values;
    }
  }
  return [...fields.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function checkParam(field: ParamField, value: string): string | undefined {
  if (field.values) return field.values.includes(value) ? undefined : `One of ${field.values.join(', ')}`;
  switch (field.type) {
    case 'number':
      return Number.isFinite(Number(value)) ? undefined : 'A number';
    case 'integer':
      return Number.isInteger(Number(value)) ? undefined : 'A whole number';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'true or false';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'A date such as 2026-11-01';
    default:
      return undefined;
  }
}

export function sliceValuesOf(text: string): string[] {
  return [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))];
}

/**
 * The request body, or every problem with the form (all of them, not the
 * first). `version` is the page's current version, for pinning.
 */
export function buildEmbedBody(form: EmbedForm, fields: readonly ParamField[], version: number | string | undefined): { body: EmbedBody } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const ttl = ttlSeconds(form);
  if ('error' in ttl) errors.ttl = ttl.error;

  const origins: string[] = [];
  form.origins.forEach((value, i) => {
    const checked = checkOrigin(value);
    if ('error' in checked) errors[`origins.${i}`] = checked.error;
    else if (origins.includes(checked.origin)) errors[`origins.${i}`] = `${checked.origin} is already in the list`;
    else origins.push(checked.origin);
  });
  if (form.origins.length > MAX_ORIGINS) errors.origins = `At most ${MAX_ORIGINS} origins`;

  const params: Record<string, string> = {};
  for (const field of fields) {
    const value = (form.params[field.name] ?? '').trim();
    if (!value) continue;
    const problem = checkParam(field, value);
    if (problem) errors[`params.${field.name}`] = problem;
    else params[field.name] = value;
  }

  let rules: EmbedBody['rules'];
  if (form.sliceColumn) {
    const values = sliceValuesOf(form.sliceValues);
    if (values.length === 0) errors.slice = `Name at least one ${form.sliceColumn}, or choose “No slice”`;
    else rules = { [form.sliceColumn]: values };
  }

  let pageVersion: number | undefined;
  if (form.pinVersion) {
    pageVersion = Number(version);
    if (!Number.isInteger(pageVersion) || pageVersion <= 0) errors.version = 'This page has no numbered version to pin';
  }

  if (Object.keys(errors).length > 0 || 'error' in ttl) return { errors };
  return {
    body: {
      audience: form.audience,
      ttl_seconds: ttl.seconds,
      origins,
      ...(Object.keys(params).length ? { params } : {}),
      ...(rules ? { rules } : {}),
      page_version: pageVersion ?? 'latest',
    },
  };
}

/** The embed URL with the snippet's theme (the theme is the viewer's choice, not the token's). */
export function themedUrl(embedUrl: string, theme: Theme): string {
  if (theme === 'auto') return embedUrl;
  const url = new URL(embedUrl);
  url.searchParams.set('theme', theme);
  return url.toString();
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The server's snippet with the themed URL in its `src`. The server writes the
 * URL HTML-escaped; if it ever writes it differently, the snippet is kept as
 * the server made it and `themed` says the theme is not in it.
 */
export function themedSnippet(snippet: string, embedUrl: string, theme: Theme): { snippet: string; themed: boolean } {
  if (theme === 'auto') return { snippet, themed: true };
  const from = escapeAttribute(embedUrl);
  if (!snippet.includes(from)) return { snippet, themed: false };
  return { snippet: snippet.split(from).join(escapeAttribute(themedUrl(embedUrl, theme))), themed: true };
}

export { SLICE_COLUMNS };
