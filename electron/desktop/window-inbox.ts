import type { AddRequest } from '../../shared/add-request';
import type { RevealTarget } from '../../shared/reveal';

/**
 * What main has for the window, kept until a window listens: ferry:// links and second launches for the Add dialog,
 * and what a notification or the tray asked it to reveal. Until the window says it listens (by taking what is
 * pending), messages are kept, so one that comes while the page loads, or while there is no window at all, is not
 * lost; after that each is sent as it comes.
 */
export class WindowInbox<Message> {
  private readonly pending: Message[] = [];
  private send: ((message: Message) => void) | null = null;
  private windowListens = false;

  /** @param capacity how many messages wait for a window; a flood keeps only the newest. */
  constructor(private readonly capacity: number) {}

  /** How messages reach the window once it listens: the services' event hub. */
  connect(send: (message: Message) => void): void {
    this.send = send;
  }

  deliver(message: Message): void {
    if (this.windowListens && this.send) {
      this.send(message);
      return;
    }
    this.pending.push(message);
    if (this.pending.length > this.capacity) this.pending.shift();
  }

  /** The window listens from now on; what came before it did is handed over once. */
  take(): Message[] {
    this.windowListens = true;
    return this.pending.splice(0);
  }

  /** The page is loading again, or its window is gone: keep messages until a window listens anew. */
  windowGone(): void {
    this.windowListens = false;
  }
}

export type AddRequestInbox = WindowInbox<AddRequest>;

/** A flood of launches keeps the newest twenty links for the Add dialog. */
export const addRequestInbox = (): AddRequestInbox => new WindowInbox<AddRequest>(20);

/** Only the latest reveal matters: the window can bring one thing into view. */
export const revealInbox = (): WindowInbox<RevealTarget> => new WindowInbox<RevealTarget>(1);
