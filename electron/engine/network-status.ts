import { wait } from './wait';

/**
 * Whether the computer has a network at all. A transfer that fails while it
 * has none waits for it to come back instead of spending its retries, which
 * are meant for a server or link in trouble, not for a laptop with Wi-Fi off.
 */
export interface NetworkStatus {
  isOnline(): boolean;
  /** Resolves once the network is back (at once when it is); a pause or cancel ends the wait with "stopped". */
  whenOnline(signal: AbortSignal): Promise<void>;
}

/** What the CLI uses, and the engine when told nothing: every failure counts as the server's or the link's. */
export const alwaysOnline: NetworkStatus = {
  isOnline: () => true,
  whenOnline: async () => undefined,
};

const POLL_MS = 2000;

/**
 * A network status read from a plain check, asked again every couple of
 * seconds while something waits: Electron's `net.isOnline()` has no event to
 * say it changed, and a check costs next to nothing.
 */
export function polledNetwork(isOnline: () => boolean, pollMs = POLL_MS): NetworkStatus {
  return {
    isOnline,
    async whenOnline(signal) {
      while (!isOnline()) await wait(pollMs, signal);
    },
  };
}
