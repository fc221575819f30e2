/**
 * Formats one value for display. Shared by Stat, Table, chart axes and
 * tooltips so that a format means the same everywhere:
 * - `percent` takes a number that is already a percentage (30 -> 30%), as the
 *   platform docs' own Pipeline Health page does with
 *   `ROUND(100.0 * won / (won + lost)) AS win_pct`;
 * - `ratio` takes a fraction of one (0.3 -> 30%), such as
 *   `AVG(CASE WHEN resolved THEN 1.0 ELSE 0 END)`.
 */
export const VALUE_FORMATS = ['auto', 'number', 'integer', 'decimal', 'percent', 'ratio', 'currency', 'compact', 'duration', 'date', 'datetime', 'text'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export interface FormatOptions {
  currency?: string;
  locale?: string;
  /** Digits after the decimal point, where the format has any. */
  digits?: number;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  // "-0.00" helps nobody: a value that rounds to zero is shown without a sign.
  const opts: Intl.NumberFormatOptions = { signDisplay: 'negative', ...options };
  const key = `n|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}
function dateFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, opts)));
  return f;
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim())) {
    return Number(value);
  }
  return undefined;
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(Math.round(seconds));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${sign}${h}h ${m}m`;
  if (m > 0) return `${sign}${m}m ${s}s`;
  return `${sign}${s}s`;
}

/** Dates are shown in UTC so that the server and the browser render the same text. */
export function formatValue(value: unknown, format: ValueFormat = 'auto', options: FormatOptions = {}): string {
  if (value === null || value === undefined) return '—';
  const locale = options.locale ?? 'en-US';
  const n = toNumber(value);
  switch (format) {
    case 'text':
      return String(value);
    case 'number':
      return n === undefined ? String(value) : numberFormat(locale, { maximumFractionDigits: options.digits ?? 2 }).format(n);
    case 'integer':
      return n === undefined ? String(value) : numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
    case 'decimal': {
      const digits = options.digits ?? 2;
      return n === undefined ? String(value) : numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
    }
    case 'percent':
      // Intl's percent style multiplies by 100: a percentage is divided back first.
      return n === undefined
        ? String(value)
        : numberFormat(locale, { style: 'percent', maximumFractionDigits: options.digits ?? 1 }).format(n / 100);
    case 'ratio':
      return n === undefined
        ? String(value)
        : numberFormat(locale, { style: 'percent', maximumFractionDigits: options.digits ?? 1 }).format(n);
    case 'currency':
      return n === undefined
        ? String(value)
        : numberFormat(locale, {
            style: 'currency',
            currency: options.currency ?? 'USD',
            maximumFractionDigits: options.digits ?? (Math.abs(n) >= 1000 ? 0 : 2),
          }).format(n);
    case 'compact':
      return n === undefined ? String(value) : numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
    case 'duration':
      return n === undefined ? String(value) : formatDuration(n);
    case 'date': {
      const d = toDate(value);
      return d ? dateFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d) : String(value);
    }
    case 'datetime': {
      const d = toDate(value);
      return d
        ? dateFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(d)
        : String(value);
    }
    case 'auto':
    default:
      if (typeof value === 'boolean') return value ? 'Yes' : 'No';
      if (typeof value === 'number') return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

/** `n rows` with the right plural and thousands separators, for charts' notes. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
