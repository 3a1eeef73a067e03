import { useEffect } from 'react';
import { AppNotices } from './components/AppNotices';
import { AddDialogHost } from './components/add-dialog/AddDialogHost';
import { FirstRun } from './components/first-run/FirstRun';
import { LiveAnnouncer } from './components/LiveAnnouncer';
import { Sidebar } from './components/Sidebar';
import { AccountsSection } from './sections/AccountsSection';
import { DownloadsSection } from './sections/DownloadsSection';
import { QueuesSection } from './sections/QueuesSection';
import { SettingsSection } from './sections/SettingsSection';
import type { Section } from './store/ferry-state';
import { selectSection, selectSectionTitle, selectTheme, selectWelcoming } from './store/selectors';
import { useFerry } from './store/store-context';

const sectionViews: Record<Section, () => React.JSX.Element> = {
  downloads: DownloadsSection,
  queues: QueuesSection,
  accounts: AccountsSection,
  settings: SettingsSection,
};

export function App() {
  const section = useFerry(selectSection);
  const title = useFerry(selectSectionTitle);
  const theme = useFerry(selectTheme);
  const welcoming = useFerry(selectWelcoming);
  const View = sectionViews[section];

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app-frame">
      <Sidebar />
      <main className="content" aria-labelledby="section-title">
        <AppNotices />
        {welcoming ? (
          <FirstRun />
        ) : (
          <>
            <h1 id="section-title">{title}</h1>
            <View />
          </>
        )}
      </main>
      <AddDialogHost />
      <LiveAnnouncer />
    </div>
  );
}
