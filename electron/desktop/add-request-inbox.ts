import type { AddRequest } from '../../shared/add-request';

/** Requests kept for a window still loading; a flood of launches keeps only the newest. */
const MAX_PENDING = 20;

/**
 * Where ferry:// links and second launches wait for the window. Until the window says it listens (by taking what
 * is pending), requests are kept, so a link that started Ferry is not lost while the page loads; after that each
 * is sent as it comes.
 */
export class AddRequestInbox {
  private readonly pending: AddRequest[] = [];
  private send: ((request: AddRequest) => void) | null = null;
  private windowListens = false;

  /** How requests reach the window once it listens: the services' event hub. */
  connect(send: (request: AddRequest) => void): void {
    this.send = send;
  }

  deliver(request: AddRequest): void {
    if (this.windowListens && this.send) {
      this.send(request);
      return;
    }
    this.pending.push(request);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /** The window listens from now on; what came before it did is handed over once. */
  take(): AddRequest[] {
    this.windowListens = true;
    return this.pending.splice(0);
  }

  /** The window is loading again (a reload): keep requests until it listens anew. */
  windowGone(): void {
    this.windowListens = false;
  }
}
