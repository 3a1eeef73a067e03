import {
  MAX_UNPACK_ENTRIES,
  MAX_UNPACK_GIB,
  MAX_UNPACK_RATIO,
  type Settings,
  settingProblem,
} from '../../../shared/settings';
import { useFerry } from '../../store/store-context';
import { NumberField } from '../NumberField';

/** How far an archive may expand before Ferry stops unpacking it: what stops a ZIP bomb before the disk fills. */
export function UnpackingFields({ settings }: { settings: Settings }) {
  const update = useFerry((state) => state.updateSettings);
  return (
    <fieldset>
      <legend>Unpacking</legend>
      <NumberField
        label="Largest expansion (times the archive)"
        hint="An archive that writes more than this many times its own size (past the first 16 MiB) is stopped and kept."
        value={settings.unpackMaxRatio}
        min={1}
        max={MAX_UNPACK_RATIO}
        validate={(value) => settingProblem('unpackMaxRatio', value)}
        onCommit={(value) => update({ unpackMaxRatio: value })}
      />
      <NumberField
        label="Largest unpack (GiB)"
        hint="The most one archive may write; beyond it, unpacking stops and the archive is kept."
        value={settings.unpackMaxGiB}
        min={0.01}
        max={MAX_UNPACK_GIB}
        validate={(value) => settingProblem('unpackMaxGiB', value)}
        onCommit={(value) => update({ unpackMaxGiB: value })}
      />
      <NumberField
        label="Most entries in an archive"
        hint="Files, folders and links together; an archive holding more is not unpacked."
        value={settings.unpackMaxEntries}
        min={1}
        max={MAX_UNPACK_ENTRIES}
        validate={(value) => settingProblem('unpackMaxEntries', value)}
        onCommit={(value) => update({ unpackMaxEntries: value })}
      />
    </fieldset>
  );
}
