import { useEffect, useState } from 'react';
import type { FilePreview } from '../../../shared/file-preview';
import { useFerry } from '../../store/store-context';

/** What the panel shows: an image, or a model (a GLB, a .gltf packed into one, or an OBJ converted to one). */
export type ShownMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'model/gltf-binary';

export type FilePreviewState =
  | { state: 'loading' }
  | { state: 'ready'; mime: ShownMime; url: string }
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
    void loadPreview(id)
      .then(async (answer) => {
        if ('error' in answer) return { state: 'failed', message: answer.error } as const;
        try {
          const blob = await shownBlob(answer.preview);
          return { state: 'ready', mime: blob.type as ShownMime, blob } as const;
        } catch (error) {
          return { state: 'failed', message: error instanceof Error ? error.message : String(error) } as const;
        }
      })
      .then((shown) => {
        if (!current) return;
        if (shown.state === 'failed') return setPreview(shown);
        url = URL.createObjectURL(shown.blob);
        setPreview({ state: 'ready', mime: shown.mime, url });
      });
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, loadPreview]);
  return preview;
}

async function shownBlob({ mime, bytes, resources }: FilePreview): Promise<Blob> {
  if (mime !== 'model/obj') return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const { objToGlb } = await import('./obj-to-glb');
  return objToGlb(bytes, resources ?? []);
}
