import { useFerry } from '../store/store-context';
import { ErrorBanner } from './ErrorBanner';
import './app-notices.css';

/** Warnings from the main process a person must read (the library lost its latest changes), each until dismissed. */
export function AppNotices() {
  const notices = useFerry((state) => state.notices);
  const dismiss = useFerry((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="app-notices">
      {notices.map((notice) => (
        <ErrorBanner key={notice.id} message={notice.message} onDismiss={() => dismiss(notice.id)} />
      ))}
    </div>
  );
}
