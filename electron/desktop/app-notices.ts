import type { AppNotice } from '../../shared/app-notice';
import type { Logger } from '../logs/logger';
import { WindowInbox } from './window-inbox';

export type NoticeInbox = WindowInbox<AppNotice>;

/** A library that keeps failing keeps the newest twenty warnings for the window. */
export const noticeInbox = (): NoticeInbox => new WindowInbox<AppNotice>(20);

/**
 * Warnings a person must read (the library's journal lost or deleted): each goes to the log, to the window (held
 * until it takes them, as at start, when no window exists yet) and to whoever listens, such as the desktop
 * notification for a hidden window.
 */
export class AppNotices {
  private lastId = 0;
  private readonly listeners = new Set<(notice: AppNotice) => void>();

  constructor(
    readonly inbox: NoticeInbox,
    private readonly logger: Logger,
  ) {}

  warn(message: string): void {
    this.logger.warn(message);
    this.lastId += 1;
    const notice: AppNotice = { id: this.lastId, level: 'warning', message };
    this.inbox.deliver(notice);
    for (const listener of this.listeners) listener(notice);
  }

  /** Hears each warning raised from now on. */
  onWarning(listener: (notice: AppNotice) => void): void {
    this.listeners.add(listener);
  }
}
