import { useState } from 'react';
import { ModelPreview } from './ModelPreview';
import { useFilePreview } from './use-file-preview';

/** A finished image shown inline, or a model (GLB, glTF, OBJ) in an orbitable viewer. */
export function FilePreviewView({ id, name }: { id: number; name: string }) {
  const preview = useFilePreview(id);
  const [broken, setBroken] = useState(false);
  if (preview.state === 'loading') return <p className="preview-note">Loading the preview…</p>;
  if (preview.state === 'failed') return <p className="preview-note">{preview.message}</p>;
  if (preview.mime === 'model/gltf-binary') return <ModelPreview url={preview.url} name={name} />;
  if (broken)
    return <p className="preview-note">Ferry could not show this image. Open it in an image app to check it.</p>;
  return <img className="image-preview" src={preview.url} alt={`Preview of ${name}`} onError={() => setBroken(true)} />;
}
