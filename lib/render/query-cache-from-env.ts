/**
 * Which query cache an app instance uses: answers shared through Redis when
 * `REDIS_URL` is set (several instances behind a load balancer), else kept in
 * this process.
 */
import { QueryCache, type ResultCache } from './query-cache';
import { RedisQueryCache } from './redis-query-cache';

export function queryCacheFromEnv(env: Record<string, string | undefined>, options: { ttlMs: number; log?: (message: string) => void }): ResultCache {
  const url = env.REDIS_URL?.trim();
  if (!url) return new QueryCache(options.ttlMs);
  const queryTimeoutMs = Number(env.AMDAHL_QUERY_TIMEOUT_MS ?? 30_000);
  return new RedisQueryCache({
    url,
    ttlMs: options.ttlMs,
    // The leader's run ends by the query's deadline; its answer lands just after.
    lockMs: queryTimeoutMs + 1_000,
    timeoutMs: Number(env.AMDAHL_REDIS_TIMEOUT_MS ?? 500),
    log: options.log,
  });
}
