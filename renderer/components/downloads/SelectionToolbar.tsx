import { FolderOpen, type LucideIcon, Pause, Play, RotateCcw, SquareArrowOutUpRight, Trash2, X } from 'lucide-react';
import type { Download } from '../../../shared/downloads';
import { type ListAction, listActionLabels, offeredActions } from '../../store/selection-actions';
import { useFerry } from '../../store/store-context';
import { MoveToQueueMenu } from './MoveToQueueMenu';

const icons: Record<ListAction, LucideIcon> = {
  resume: Play,
  pause: Pause,
  retry: RotateCcw,
  cancel: X,
  remove: Trash2,
  open: SquareArrowOutUpRight,
  showInFolder: FolderOpen,
};

/** Buttons for what the selected downloads allow, and only that. */
export function SelectionToolbar({ selected, onRemove }: { selected: Download[]; onRemove(ids: number[]): void }) {
  const control = useFerry((state) => state.controlDownloads);
  const open = useFerry((state) => state.openDownload);
  const show = useFerry((state) => state.showDownloadInFolder);
  if (selected.length === 0) {
    return (
      <p className="selection-toolbar selection-hint">
        Click a download to select it; Shift or Ctrl+click picks several, Ctrl+A all.
      </p>
    );
  }

  function run(action: ListAction, ids: number[]) {
    const [first = 0] = ids;
    switch (action) {
      case 'remove':
        return onRemove(ids);
      case 'open':
        return void open(first);
      case 'showInFolder':
        return void show(first);
      default:
        return void control(action, ids);
    }
  }

  const offered = offeredActions(selected);
  const toggle = offered.filter(({ action }) => action === 'pause' || action === 'resume').length === 1;
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Selected downloads">
      <span className="selection-count">{selected.length} selected</span>
      {offered.map(({ action, ids }) => {
        const Icon = icons[action];
        // While only one of Pause and Resume is offered it is one button that changes its label, so it keeps the focus.
        const key = toggle && (action === 'pause' || action === 'resume') ? 'pause-or-resume' : action;
        return (
          <button key={key} type="button" onClick={() => run(action, ids)}>
            <Icon size={14} aria-hidden="true" />
            {listActionLabels[action]}
          </button>
        );
      })}
      <MoveToQueueMenu selected={selected} />
    </div>
  );
}
