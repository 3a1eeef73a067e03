import { useEffect, useState } from 'react';
import type { PreviewMime } from '../../../shared/file-preview';
import { useFerry } from '../../store/store-context';

export type FilePreviewState =
  | { state: 'loading' }
  | { state: 'ready'; mime: PreviewMime; url: string }
  | { state: 'failed'; message: string };

/**
 * The finished file of one download as a blob: URL, fetched from the main
 * process by id. The URL is revoked when the download or the panel goes away,
 * so a previewed 50 MiB model does not outlive its panel.
 */
export function useFilePreview(id: number): FilePreviewState {
  const loadPreview = useFerry((state) => state.loadPreview);
  const [preview, setPreview] = useState<FilePreviewState>({ state: 'loading' });
  useEffect(() => {
    let url: string | null = null;
    let current = true;
    setPreview({ state: 'loading' });
    void loadPreview(id).then((answer) => {
      if (!current) return;
      if ('error' in answer) {
        setPreview({ state: 'failed', message: answer.error });
        return;
      }
      const { mime, bytes } = answer.preview;
      url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
      setPreview({ state: 'ready', mime, url });
    });
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, loadPreview]);
  return preview;
}
