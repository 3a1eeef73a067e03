import type { Download } from '../../../shared/downloads';
import { downloadName } from '../../store/download-rows';
import { CopyableText } from './CopyableText';
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
          <CopyableText text={details.source} what="source link" />
        </dd>
        <dt>Saved to</dt>
        <dd className="details-destination">
          <CopyableText text={details.destination} what="path" />
        </dd>
        <dt>Size</dt>
        <dd>{details.size}</dd>
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
