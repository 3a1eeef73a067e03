import { useFerry } from '../../store/store-context';

export function LogFields() {
  const openLogFolder = useFerry((state) => state.openLogFolder);
  return (
    <fieldset>
      <legend>Problems</legend>
      <div className="field">
        <span className="field-label">Log files</span>
        <div className="field-row">
          <p className="field-hint">
            What Ferry did, without passwords or keys. Attach these files when you report a problem.
          </p>
          <button type="button" onClick={() => void openLogFolder()}>
            Open log folder
          </button>
        </div>
      </div>
    </fieldset>
  );
}
