import { useState } from 'react';
import type { Download } from '../../../shared/downloads';
import { downloadName } from '../../store/download-rows';
import { downloadDetails } from './download-details';
import { FilePreviewView } from './FilePreviewView';
import './details.css';

/** What Ferry knows about the one selected download, and a preview of its file when it is an image or a model. */
export function DetailsPanel({ download }: { download: Download }) {
  const details = downloadDetails(download);
  const name = downloadName(download);
  return (
    <section className="details-panel" aria-label={`Details of ${name}`}>
      <dl className="details-fields">
        <dt>Source</dt>
        <dd className="details-source">
          <code>{details.source}</code>
          <CopyButton text={details.source} />
        </dd>
        <dt>Saved to</dt>
        <dd>
          <code>{details.destination}</code>
        </dd>
        <dt>Size</dt>
        <dd>{details.size}</dd>
        <dt>Checksum</dt>
        <dd>
          {details.sha256 ? <code>sha256 {details.sha256}</code> : null}
          {details.verification ? <span className="details-verified">{details.verification}</span> : null}
          {!details.sha256 && !details.verification ? 'Not known yet' : null}
        </dd>
        <dt>Status</dt>
        <dd className="details-status">
          {details.status}
          {details.problem ? (
            <span className="details-problem">
              <strong>{details.problem.title}.</strong> {details.problem.message}
            </span>
          ) : null}
        </dd>
      </dl>
      {details.previewable ? (
        <div className="details-preview">
          <FilePreviewView key={download.id} id={download.id} name={name} />
        </div>
      ) : null}
    </section>
  );
}

/** Copies the (already redacted) source, saying so for a moment. */
function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2000);
  }
  return (
    <button type="button" className="copy-button" onClick={() => void copy()}>
      {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Could not copy: select the text instead' : 'Copy'}
    </button>
  );
}
