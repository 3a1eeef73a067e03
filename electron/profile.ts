import { isAbsolute, resolve } from 'node:path';

/** FERRY_HOME wins so tests, scripts and the CLI can point Ferry at a profile of their own. */
export function resolveProfileDir(env: NodeJS.ProcessEnv, fallback: string): string {
  const chosen = env.FERRY_HOME?.trim();
  if (!chosen) return fallback;
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}
