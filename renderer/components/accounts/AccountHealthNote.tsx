import { CircleAlert, CircleCheck, KeyRound, LoaderCircle } from 'lucide-react';
import type { AccountHealth } from '../../store/account-health';

/** What the last Test said, or why the account's credentials need replacing, with the button that does it. */
export function AccountHealthNote({ health, onFix }: { health: AccountHealth; onFix(field: string | null): void }) {
  switch (health.kind) {
    case 'untested':
      return null;
    case 'testing':
      return (
        <p className="account-note" data-kind="testing">
          <LoaderCircle className="spin" size={16} aria-hidden="true" /> Testing the connection…
        </p>
      );
    case 'ok':
      return (
        <p className="account-note" data-kind="ok">
          <CircleCheck size={16} aria-hidden="true" /> {health.message}
        </p>
      );
    case 'failed':
      return (
        <p className="account-note" data-kind="failed">
          <CircleAlert size={16} aria-hidden="true" /> {health.message}
        </p>
      );
    case 'refused':
      return (
        <div className="account-note" data-kind="refused">
          <KeyRound size={16} aria-hidden="true" />
          <div>
            <strong>{health.title}.</strong> {health.fix}
            <p className="account-note-detail">{health.message}</p>
          </div>
          <button type="button" onClick={() => onFix(health.secretField)}>
            {health.title === 'Token expired' ? 'Replace token' : 'Edit credentials'}
          </button>
        </div>
      );
  }
}
