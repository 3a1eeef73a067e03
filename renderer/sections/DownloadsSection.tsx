import { AddLinks } from '../components/AddLinks';
import { DownloadsPanel } from '../components/downloads/DownloadsPanel';

export function DownloadsSection() {
  return (
    <div className="downloads">
      <AddLinks />
      <DownloadsPanel />
    </div>
  );
}
