import { Notification } from 'electron';
import type { DesktopPresence } from './desktop-presence';
import { NoticePlanner } from './notice-planner';
import type { Notice } from './notice-wording';

/** Shows the planner's notices as system notifications; clicking one brings its item into view in the window. */
export function installNotifications(presence: DesktopPresence): void {
  const planner = new NoticePlanner();
  const { services } = presence;
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    const at = planner.nextDueAt();
    timer = at === null ? null : setTimeout(sayDue, Math.max(0, at - Date.now()));
  };
  const sayDue = () => {
    showNotices(presence, planner.due(Date.now()));
    schedule();
  };
  presence.activity.onChanges((changes) => {
    const context = {
      settings: services.settings.get(),
      accounts: services.accounts.list(),
      queues: services.downloads.queues(),
      downloads: presence.activity.snapshot().downloads,
    };
    showNotices(presence, planner.observe(changes, context, Date.now()));
    schedule();
  });
  // The window shows the warning too, but a hidden window would keep it unread until someone opens it.
  services.notices.onWarning(({ message }) => {
    if (!presence.windowVisible())
      showNotices(presence, [{ title: 'Ferry: a problem with the library', body: message }]);
  });
}

/** Electron forgets a notification's click handler once the object is collected, so shown ones are held. */
const onScreen = new Set<Notification>();

/** Keeps the notification, and so its click handler, until the system closes it. */
export function holdWhileOnScreen(notification: Notification): void {
  onScreen.add(notification);
  notification.on('close', () => onScreen.delete(notification));
}

/** A notice to show; one without a target (a library warning) shows the window when clicked. */
type ShownNotice = Omit<Notice, 'target'> & Partial<Pick<Notice, 'target'>>;

export function showNotices(presence: DesktopPresence, notices: ShownNotice[], evenWhenFocused = false): void {
  if (notices.length === 0 || !Notification.isSupported()) return;
  // The window already shows what happened to someone looking at it.
  const focused = presence.windowFocused() && !presence.services.settings.get().notifyWhileFocused;
  if (focused && !evenWhenFocused) return;
  for (const notice of notices) {
    const notification = new Notification({ title: notice.title, body: notice.body });
    holdWhileOnScreen(notification);
    const { target } = notice;
    notification.on('click', () => (target ? presence.reveal(target) : presence.show()));
    notification.show();
  }
}
