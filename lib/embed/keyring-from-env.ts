/**
 * The keyring that verifies embed tokens in this app: the local platform's
 * per-business secrets when the app runs on the embedded platform (AMDAHL_URL
 * unset), and the app's own AMDAHL_EMBED_SECRET (with its previous key in its
 * grace period) whenever it is set. Built the same way by the embed proxy and
 * the host.
 */
import path from 'node:path';
import { appKeyringFromEnv, combineKeyrings, localKeyring, type EmbedKeyring } from './keys';

export function localDataDir(env: Record<string, string | undefined>): string {
  return path.resolve(/* turbopackIgnore: true */ env.AMDAHL_LOCAL_DIR?.trim() || path.join(process.cwd(), '.amdahl'));
}

export function embedKeyringFromEnv(env: Record<string, string | undefined>): EmbedKeyring {
  const local = env.AMDAHL_URL?.trim() ? undefined : localKeyring(localDataDir(env));
  return combineKeyrings(local, appKeyringFromEnv(env));
}
