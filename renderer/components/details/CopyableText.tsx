import { Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import './copyable-text.css';

/** How long "Copied" (or why not) stays on the button. */
const FEEDBACK_MS = 2000;

/**
 * A long value (a link, a path, a hash) in a monospace block that wraps at any
 * character rather than running out of the panel, with a button that copies it.
 * `what` names the value for the button, so screen readers hear which Copy.
 */
export function CopyableText({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied('idle'), FEEDBACK_MS);
  }

  return (
    <div className="copyable">
      <code className="copyable-text">{text}</code>
      <button
        type="button"
        className="copy-button"
        aria-label={`Copy ${what}`}
        title={`Copy ${what}`}
        onClick={() => void copy()}
      >
        <Copy size={14} aria-hidden="true" />
      </button>
      <span className="copy-feedback" role="status">
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Could not copy: select the text instead' : ''}
      </span>
    </div>
  );
}
