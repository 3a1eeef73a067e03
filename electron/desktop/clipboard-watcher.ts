import type { ClipboardOffer } from '../../shared/add-request';
import { splitLinks } from '../../shared/ref-text';
import { MAX_LAUNCH_REFS } from './launch-refs';
import { MAX_LINK_CHARS } from './ref-refusal';

/** Often enough that an offer follows a copy at once, seldom enough to cost nothing. */
export const CLIPBOARD_POLL_MS = 1500;
/** Copied text longer than this (a document, an image's data) is not read for refs. */
const MAX_WATCHED_CHARS = MAX_LINK_CHARS;

export interface ClipboardWatcherOptions {
  readText(): Promise<string>;
  /** The refs among these that Ferry understands, as the Add dialog's preview judges them. */
  understood(refs: string[]): string[];
  offer(offer: ClipboardOffer): void;
  pollMs?: number;
}

/**
 * Offers to add refs that the person copies, while the setting is on; it never adds anything itself. Off, it never
 * reads the clipboard and keeps no timer. What was on the clipboard when it was turned on is not offered (it was
 * copied before the person asked), and each copied text is offered once.
 */
export class ClipboardWatcher {
  private timer: NodeJS.Timeout | null = null;
  /** Null until the first read after turning on, which only notes what was there. */
  private lastText: string | null = null;
  private reading = false;

  constructor(private readonly options: ClipboardWatcherOptions) {}

  setEnabled(enabled: boolean): void {
    if (enabled && !this.timer) {
      this.lastText = null;
      this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? CLIPBOARD_POLL_MS);
      this.timer.unref();
      void this.poll();
    } else if (!enabled && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  get enabled(): boolean {
    return this.timer !== null;
  }

  private async poll(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    const text = await this.options.readText().catch(() => null);
    this.reading = false;
    // Turned off while reading: what was read is dropped, never offered.
    if (text === null || !this.timer || text === this.lastText) return;
    const first = this.lastText === null;
    this.lastText = text;
    if (first) return;
    const refs = refsIn(text);
    const understood = refs.length > 0 ? this.options.understood(refs) : [];
    if (understood.length > 0) this.options.offer({ text: understood.join('\n'), count: understood.length });
  }
}

/** The distinct words of copied text that could be refs, up to what one Add takes. */
function refsIn(text: string): string[] {
  if (text.length > MAX_WATCHED_CHARS) return [];
  return [...new Set(splitLinks(text))].slice(0, MAX_LAUNCH_REFS);
}
