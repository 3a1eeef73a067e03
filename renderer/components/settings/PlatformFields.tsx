import { MAX_SCENARIO_BATCH_MINUTES, type Settings, settingProblem } from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { NumberField } from '../NumberField';
import { TextField } from '../TextField';

/** What one platform's downloads may wait for, and where CIDs come from. */
export function PlatformFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  return (
    <fieldset>
      <legend>Platforms</legend>
      <NumberField
        label="Scenario batch wait (minutes)"
        hint="How long Scenario may take to prepare a batch ZIP before the download fails."
        value={settings.scenarioBatchTimeoutMinutes}
        min={0.05}
        max={MAX_SCENARIO_BATCH_MINUTES}
        validate={(value) => settingProblem('scenarioBatchTimeoutMinutes', value)}
        onCommit={(value) => update({ scenarioBatchTimeoutMinutes: value })}
      />
      <NumberField
        label="Locked Delos files: wait (minutes)"
        hint="How long a Delos file someone else has locked is waited for; 0 fails it at once."
        value={settings.delosLockedTimeoutMinutes}
        min={0}
        max={24 * 60}
        validate={(value) => settingProblem('delosLockedTimeoutMinutes', value)}
        onCommit={(value) => update({ delosLockedTimeoutMinutes: value })}
      />
      <TextField
        label="IPFS gateways"
        hint="Where CIDs come from without a CID store account, tried in order and verified block by block; separate them with commas."
        value={settings.ipfsGateways.join(', ')}
        validate={(value) => settingProblem('ipfsGateways', gatewayList(value))}
        onCommit={(value) => update({ ipfsGateways: gatewayList(value) })}
        wide
      />
    </fieldset>
  );
}

function gatewayList(text: string): string[] {
  return text
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
}
