import { Agent, type Dispatcher } from 'undici';
import type { NetworkStatus } from './network-status';
import { resetAwareConnector } from './reset-aware-connector';
import type { SlowRule } from './slow-watch';
import { TokenBucket } from './token-bucket';
import { Transfer } from './transfer';
import type { TransferOptions } from './transfer-types';

export interface EngineOptions {
  /** Bytes per second across every transfer; 0 is unlimited. */
  globalSpeedLimit?: number;
  connectionsPerFile?: number;
  stallTimeoutMs?: number;
  /** When a download is too slow to keep alive; by default under 1 KiB/s for 30 s, three times in a row. */
  slowRule?: SlowRule;
  /** Whether the computer has a network (the app asks Electron); always online unless told. */
  network?: NetworkStatus;
}

type TransferRequest = Omit<TransferOptions, 'dispatcher'>;

/** Shares keep-alive connections and the global speed limit among all transfers. */
export class Engine {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connect: resetAwareConnector({ timeout: 30_000 }),
  });
  private readonly globalLimit: TokenBucket;
  private readonly options: EngineOptions;

  constructor(options: EngineOptions = {}) {
    this.options = options;
    this.globalLimit = new TokenBucket(options.globalSpeedLimit ?? 0);
  }

  transfer(request: TransferRequest): Transfer {
    return new Transfer({
      connections: this.options.connectionsPerFile,
      stallTimeoutMs: this.options.stallTimeoutMs,
      slowRule: this.options.slowRule,
      network: this.options.network,
      ...request,
      dispatcher: this.agent,
      sharedLimits: [this.globalLimit, ...(request.sharedLimits ?? [])],
    });
  }

  /**
   * The engine's connections, for work that does not go through a Transfer (a
   * provider's own fetch): they report a reset body as the failure it is.
   */
  get dispatcher(): Dispatcher {
    return this.agent;
  }

  /** The limit every download shares, for work that does not go through a Transfer (a provider's own fetch). */
  get sharedLimit(): TokenBucket {
    return this.globalLimit;
  }

  setGlobalSpeedLimit(bytesPerSecond: number): void {
    this.globalLimit.setRate(bytesPerSecond);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
