import { notifySafely } from './notify-safely';
import { SpeedMeter } from './speed-meter';
import { every } from './ticker';
import type { TransferProgress, TransferStatus } from './transfer-types';

/** Where a transfer stands, read afresh for every report. */
export interface ProgressReading {
  status: TransferStatus;
  received: number;
  size: number | null;
}

/** Turns readings of a transfer into reports with speed and ETA, on demand and on a timer. */
export class ProgressReporter {
  private readonly meter = new SpeedMeter(0);
  private cancel: (() => void) | undefined;

  constructor(
    private readonly read: () => ProgressReading,
    private readonly listener: ((progress: TransferProgress) => void) | undefined,
  ) {}

  current(): TransferProgress {
    const { status, received, size } = this.read();
    const speed = this.meter.sample(received);
    return { status, received, size, speed, eta: this.meter.eta(received, size) };
  }

  emit(): void {
    notifySafely(() => this.listener?.(this.current()));
  }

  /** Reports every `intervalMs` until `stop`. */
  start(intervalMs: number): void {
    this.cancel = every(intervalMs, () => this.emit());
  }

  /** Stops the reports after one last one, so the listener always sees how the transfer ended. */
  stop(): void {
    this.cancel?.();
    this.emit();
  }
}
