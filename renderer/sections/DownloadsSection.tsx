import { AddLinksButton } from '../components/add-dialog/AddLinksButton';
import { DownloadsPanel } from '../components/downloads/DownloadsPanel';

export function DownloadsSection() {
  return (
    <div className="downloads">
      <AddLinksButton />
      <DownloadsPanel />
    </div>
  );
}
