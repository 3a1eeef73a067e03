import { useCallback } from 'react';
import { DownloadRowView } from '../../renderer/components/downloads/DownloadRowView';

const ROW_HEIGHT = 58;

interface ReferenceGridProps {
  ids: number[];
  onRemove(ids: number[]): void;
}

/**
 * The benchmark's reference: the same rows as the product's grid, every one
 * of them mounted, with no virtualization. The bench's build of the window
 * puts it in place of `DownloadGrid`; it never ships.
 */
export function DownloadGrid({ ids }: ReferenceGridProps) {
  const ignore = useCallback(() => undefined, []);
  return (
    // biome-ignore lint/a11y/useSemanticElements: the same markup as DownloadGrid, for a like-for-like comparison.
    <div className="download-grid" role="grid" aria-label="Downloads" aria-rowcount={ids.length} tabIndex={0}>
      {/* biome-ignore lint/a11y/useSemanticElements: see the grid above. */}
      <div className="download-grid-rows" role="rowgroup" style={{ height: ids.length * ROW_HEIGHT }}>
        {ids.map((id, index) => (
          <DownloadRowView
            key={id}
            id={id}
            index={index}
            start={index * ROW_HEIGHT}
            focused={false}
            measure={ignore}
            onPick={ignore}
            onOpen={ignore}
            onRetry={ignore}
          />
        ))}
      </div>
    </div>
  );
}
