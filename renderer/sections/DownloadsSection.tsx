import { AddLinksButton } from '../components/add-dialog/AddLinksButton';
import { DownloadList } from '../components/DownloadList';
import { EmptyState } from '../components/EmptyState';
import { useFerry } from '../store/store-context';

export function DownloadsSection() {
  const hasDownloads = useFerry((state) => Object.keys(state.downloads).length > 0);
  return (
    <div className="downloads">
      <AddLinksButton />
      {hasDownloads ? (
        <DownloadList />
      ) : (
        <EmptyState title="No downloads yet">
          Press Add links, paste links, or drop them here. Ferry keeps going after a crash or a flaky network, and
          resumes where it stopped.
        </EmptyState>
      )}
    </div>
  );
}
