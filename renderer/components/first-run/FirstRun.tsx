import { useEffect } from 'react';
import { selectDownloadDir, selectSettingsError } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import './first-run.css';

/**
 * The welcome shown once, in place of the Downloads list, on a profile with no
 * settings yet. Every way out marks it done, including a paste or a drop that
 * opens the Add dialog: someone who only wants to paste is never held here.
 */
export function FirstRun() {
  const downloadDir = useFerry(selectDownloadDir);
  const settingsError = useFerry(selectSettingsError);
  const addDialogOpen = useFerry((state) => state.addDialog.open);
  const updateSettings = useFerry((state) => state.updateSettings);
  const chooseDownloadDir = useFerry((state) => state.chooseDownloadDir);
  const openAddDialog = useFerry((state) => state.openAddDialog);
  const goTo = useFerry((state) => state.goTo);
  const finish = () => void updateSettings({ firstRunDone: true });

  useEffect(() => {
    if (addDialogOpen) void updateSettings({ firstRunDone: true });
  }, [addDialogOpen, updateSettings]);

  return (
    <>
      <h1 id="section-title">Welcome to Ferry</h1>
      <div className="first-run">
        <p className="first-run-lead">
          Paste or drop links anywhere in this window and Ferry fetches them, picking up where it stopped after a crash
          or a flaky network.
        </p>
        <section className="first-run-step" aria-labelledby="first-run-folder">
          <h2 id="first-run-folder">Where should files go?</h2>
          <div className="first-run-row">
            <output className="path" data-testid="first-run-folder">
              {downloadDir}
            </output>
            <button type="button" onClick={() => void chooseDownloadDir()}>
              Choose folder…
            </button>
          </div>
        </section>
        <section className="first-run-step" aria-labelledby="first-run-source">
          <h2 id="first-run-source">What do you want to download?</h2>
          <p className="first-run-hint">
            Sign in to echo3D, Scenario, Delos or a CID store to fetch your own assets, or start with any link.
          </p>
          <div className="first-run-row">
            <button
              type="button"
              onClick={() => {
                finish();
                goTo('accounts');
              }}
            >
              Add an account
            </button>
            <button
              type="button"
              onClick={() => {
                finish();
                openAddDialog();
              }}
            >
              Paste a first link
            </button>
          </div>
        </section>
        {settingsError ? (
          <p className="field-problem" role="alert">
            {settingsError}
          </p>
        ) : null}
        <div className="first-run-actions">
          <button type="button" className="first-run-start" onClick={finish}>
            Start
          </button>
          <button type="button" onClick={finish}>
            Skip
          </button>
        </div>
      </div>
    </>
  );
}
