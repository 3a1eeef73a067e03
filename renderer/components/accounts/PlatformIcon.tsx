import { Box, FileText, Hash, type LucideIcon, Sparkles } from 'lucide-react';
import type { ProviderId } from '../../../shared/platforms';

const icons: Record<ProviderId, LucideIcon> = { echo3d: Box, scenario: Sparkles, delos: FileText, cid: Hash };

/** The platform's mark beside an account; decorative, since its name is written next to it. */
export function PlatformIcon({ provider }: { provider: ProviderId }) {
  const Icon = icons[provider];
  return (
    <span className="platform-icon" data-provider={provider} aria-hidden="true">
      <Icon size={18} />
    </span>
  );
}
