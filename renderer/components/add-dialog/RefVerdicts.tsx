import { CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react';
import { platforms } from '../../../shared/platforms';
import { type RefPreview, refKindLabels } from '../../../shared/ref-preview';

export type Understood = Extract<RefPreview, { ok: true }>;

interface RefVerdictsProps {
  previews: RefPreview[];
  /** The person picked another format for a ref: null for the file as it is. */
  onFormat(ref: string, format: string | null): void;
  /** The account that will sign an understood link, as the person picked it. */
  signer(preview: Understood): string | null;
}

/** One line per link: what Ferry understood of it, or why it cannot be downloaded. */
export function RefVerdicts({ previews, onFormat, signer }: RefVerdictsProps) {
  if (previews.length === 0) return null;
  return (
    <ul className="ref-verdicts" aria-label="What Ferry understood">
      {previews.map((preview, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the same link may be pasted twice, and a row holds no state of its own.
          key={`${index}:${preview.ref}`}
          className="ref-verdict"
          data-verdict={verdictOf(preview)}
        >
          <VerdictIcon preview={preview} />
          <div className="ref-verdict-body">
            <code className="ref-verdict-ref" title={preview.ref}>
              {preview.ref}
            </code>
            <span className="ref-verdict-text">{preview.ok ? summary(preview, signer(preview)) : preview.message}</span>
          </div>
          {preview.ok && preview.formats ? <FormatChoice preview={preview} onFormat={onFormat} /> : null}
        </li>
      ))}
    </ul>
  );
}

function verdictOf(preview: RefPreview): 'ok' | 'bad' | 'needs-account' {
  if (!preview.ok) return 'bad';
  return needsAccount(preview) ? 'needs-account' : 'ok';
}

function needsAccount(preview: Understood): boolean {
  return preview.accountLabel === null && platforms[preview.platform].account === 'required';
}

function VerdictIcon({ preview }: { preview: RefPreview }) {
  if (!preview.ok) return <CircleAlert className="ref-verdict-icon" aria-label="Cannot add" role="img" />;
  if (needsAccount(preview))
    return <TriangleAlert className="ref-verdict-icon" aria-label="Needs an account" role="img" />;
  return <CircleCheck className="ref-verdict-icon" aria-label="Ready" role="img" />;
}

/** "Scenario asset · signed by “Art team” · as PNG", in the words the rest of Ferry uses. */
function summary(preview: Understood, accountLabel: string | null): string {
  const platform = platforms[preview.platform];
  const parts = [`${platform.displayName} ${refKindLabels[preview.kind]}`];
  if (accountLabel) parts.push(`signed by “${accountLabel}”`);
  else if (platform.account === 'required') parts.push(`no ${platform.displayName} account yet: add one in Accounts`);
  else if (platform.account === 'optional') parts.push(`without a ${platform.displayName} account`);
  if (preview.format !== undefined && !preview.formats) parts.push(formatName(preview.format ?? null));
  return parts.join(' · ');
}

function formatName(format: string | null): string {
  return format ? `as ${format.toUpperCase()}` : 'as it is';
}

function FormatChoice({ preview, onFormat }: { preview: Understood; onFormat: RefVerdictsProps['onFormat'] }) {
  return (
    <select
      className="ref-verdict-format"
      aria-label={`Format of ${preview.ref}`}
      value={preview.format ?? ''}
      onChange={(event) => onFormat(preview.ref, event.target.value || null)}
    >
      <option value="">as it is</option>
      {preview.formats?.map((format) => (
        <option key={format} value={format}>
          {format.toUpperCase()}
        </option>
      ))}
    </select>
  );
}
