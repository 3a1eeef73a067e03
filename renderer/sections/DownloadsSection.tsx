import { EmptyState } from '../components/EmptyState';

export function DownloadsSection() {
  return (
    <EmptyState title="No downloads yet">
      Links you paste or drop will appear here with their progress. Adding downloads arrives with the download engine.
    </EmptyState>
  );
}
