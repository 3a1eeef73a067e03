import type { Download } from '../../../shared/downloads';
import { downloadName } from '../../store/download-rows';
import { CopyableText } from './CopyableText';
import { DownloadTimeline } from './DownloadTimeline';
import { downloadDetails } from './download-details';
import { FilePreviewView } from './FilePreviewView';
import './details.css';

/**
 * What Ferry knows about the one selected download, beside the list: what a
 * person checks first (status, size, where it went, its hash) at the top, then
 * the link, a preview of an image or model, and the timeline of its attempts.
 */
export function DetailsPanel({ download }: { download: Download }) {
  const details = downloadDetails(download);
  const name = downloadName(download);
  return (
    <section className="details-panel" aria-label={`Details of ${name}`}>
      <dl className="details-fields">
        <dt>Status</dt>
        <dd className="details-status">
          {details.status}
          {details.problem ? (
            <span className="details-problem">
              <strong>{details.problem.title}.</strong> {details.problem.message}
            </span>
          ) : null}
        </dd>
        <dt>Size</dt>
        <dd>{details.size}</dd>
        <dt>Saved to</dt>
        <dd className="details-destination">
          <CopyableText text={details.destination} what="path" />
        </dd>
        <dt>Checksum</dt>
        <dd className="details-checksum">
          {details.sha256 ? (
            <>
              <span className="details-hash-kind">sha256</span>
              <CopyableText text={details.sha256} what="sha256" />
            </>
          ) : null}
          {details.verification ? <span className="details-verified">{details.verification}</span> : null}
          {!details.sha256 && !details.verification ? 'Not known yet' : null}
        </dd>
        <dt>Source</dt>
        <dd className="details-source">
          <CopyableText text={details.source} what="source link" />
        </dd>
      </dl>
      {details.previewable ? (
        <div className="details-preview">
          <FilePreviewView key={download.id} id={download.id} name={name} />
        </div>
      ) : null}
      <section className="details-history" aria-label="Timeline">
        <h3>Timeline</h3>
        <DownloadTimeline id={download.id} status={download.status} />
      </section>
    </section>
  );
}
