import { useDownloadAnnouncements } from './use-download-announcements';

/** The window's one polite live region: screen readers hear when downloads finish or fail. */
export function LiveAnnouncer() {
  const { text, serial } = useDownloadAnnouncements();
  return (
    <div className="visually-hidden" aria-live="polite" data-testid="live-announcer">
      {/* A fresh node per announcement, so the same words said twice are still read out. */}
      <p key={serial}>{text}</p>
    </div>
  );
}
