import { EmptyState } from '../components/EmptyState';

export function AccountsSection() {
  return (
    <EmptyState title="No accounts yet">
      Accounts for echo3D, Scenario, Delos and CID stores keep their secrets in your system keychain. Adding accounts
      arrives with the provider framework.
    </EmptyState>
  );
}
