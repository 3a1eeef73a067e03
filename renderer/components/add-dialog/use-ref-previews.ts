import { useEffect, useState } from 'react';
import type { RefPreview } from '../../../shared/ref-preview';
import { splitLinks } from '../../../shared/ref-text';
import { useFerry } from '../../store/store-context';

const TYPING_PAUSE_MS = 150;

/** What Ferry understands of each link in the text, asked again once typing pauses; stale answers are dropped. */
export function useRefPreviews(text: string): { previews: RefPreview[]; checking: boolean } {
  const previewLinks = useFerry((state) => state.previewLinks);
  const [previews, setPreviews] = useState<RefPreview[]>([]);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (splitLinks(text).length === 0) {
      setPreviews([]);
      setChecking(false);
      return;
    }
    let current = true;
    setChecking(true);
    const timer = setTimeout(async () => {
      const answer = await previewLinks(splitLinks(text));
      if (!current) return;
      setPreviews(answer ?? []);
      setChecking(false);
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, previewLinks]);

  return { previews, checking };
}
