import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** FERRY_HOME wins so tests, scripts and the CLI can point Ferry at a profile of their own. */
export function resolveProfileDir(env: NodeJS.ProcessEnv, fallback: string): string {
  const chosen = env.FERRY_HOME?.trim();
  if (!chosen) return fallback;
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}

/** Where Electron keeps Ferry's userData on each system, so the CLI and the app share one profile. */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Ferry');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ferry');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Ferry');
}
