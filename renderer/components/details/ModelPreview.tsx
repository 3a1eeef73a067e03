import { useEffect, useRef, useState } from 'react';

type ViewerState = 'loading' | 'loaded' | 'failed';

/**
 * A GLB model (or a glTF or OBJ made into one) in Google's <model-viewer>: drag to orbit, scroll or pinch to
 * zoom, arrow keys when it has focus. The element is loaded on first use,
 * so the window starts without three.js.
 */
export function ModelPreview({ url, name }: { url: string; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ViewerState>('loading');
  useEffect(() => {
    let viewer: HTMLElement | null = null;
    let current = true;
    setState('loading');
    void import('@google/model-viewer').then(() => {
      if (!current || !host.current) return;
      const element = document.createElement('model-viewer');
      element.addEventListener('load', () => setState('loaded'));
      element.addEventListener('error', () => setState('failed'));
      // Attributes, not properties: what people and assistive tech read stays visible in the DOM.
      element.setAttribute('alt', `3D preview of ${name}`);
      element.setAttribute('camera-controls', '');
      // The note under the viewer says how to turn it; the animated hand would keep the model moving.
      element.setAttribute('interaction-prompt', 'none');
      element.setAttribute('src', url);
      // The note under the viewer says it is loading; the viewer's own bar lingered, fading, over the loaded model.
      const noProgressBar = document.createElement('div');
      noProgressBar.slot = 'progress-bar';
      element.append(noProgressBar);
      host.current.append(element);
      viewer = element;
    });
    return () => {
      current = false;
      viewer?.remove();
    };
  }, [url, name]);
  return (
    <div className="model-preview" data-state={state}>
      <div className="model-preview-viewer" ref={host} />
      {state === 'failed' ? (
        <p className="preview-note">Ferry could not show this model. Open it in your 3D app to check it.</p>
      ) : (
        <p className="preview-note">
          {state === 'loading' ? 'Loading the model…' : 'Drag to turn it, scroll to zoom.'}
        </p>
      )}
    </div>
  );
}
