/**
 * The platform client's public API. Server-only: never import this from
 * browser code (it carries the API key).
 */
export {
  createPlatformClient,
  formatIfMatch,
  DEFAULT_API_VERSION,
  DEFAULT_USER_AGENT,
  type PlatformClient,
  type PlatformClientOptions,
  type UpdatePageOptions,
  type PaginateOptions,
} from './client';
export {
  PlatformError,
  isPlatformError,
  codeForStatus,
  parseErrorBody,
  parseRetryAfterHeader,
  unwrapEnvelope,
  type ClientErrorCode,
  type ParsedErrorBody,
} from './errors';
export { decodeListPage, formatIssues, LIST_KEYS, type ListPage } from './decode';
export { RequestLimiter, type Sleep } from './limiter';
export { readRateLimit, type RateLimitInfo } from './rate-limit';
export { DEFAULT_RETRY, shouldRetry, retryDelay, type RetryOptions } from './retry';
export {
  buildUrl,
  type CallOptions,
  type FetchLike,
  type HttpMethod,
  type QueryParams,
  type RequestSpec,
  type ResponseInfo,
} from './transport';
export * from './schemas';
