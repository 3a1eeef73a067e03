import { type FormEvent, useId, useMemo, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { refWithFormat } from '../../../shared/ref-preview';
import { splitLinks } from '../../../shared/ref-text';
import { accountChoices, addBatches, type PickedAccounts, signingLabel } from '../../store/add-accounts';
import type { FerryState } from '../../store/ferry-state';
import { selectUnpackByDefault } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { AccountChoices } from './AccountChoices';
import { AddOptions } from './AddOptions';
import { RefVerdicts } from './RefVerdicts';
import { useRefPreviews } from './use-ref-previews';
import '../modal.css';
import './add-dialog.css';

/**
 * The one way links are added in the window: each line shows what Ferry
 * understood of it before anything is queued, and Add queues the good ones
 * while the others stay in the box with their reasons.
 */
export function AddDialog() {
  const { open, text, queueId } = useFerry((state) => state.addDialog);
  const close = useFerry((state) => state.closeAddDialog);
  return (
    <ModalOverlay className="modal-overlay" isOpen={open} onOpenChange={(isOpen) => isOpen || close()} isDismissable>
      <Modal className="modal add-dialog-modal">
        <Dialog className="add-dialog">
          <AddForm text={text} startQueue={queueId} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function AddForm({ text, startQueue }: { text: string; startQueue: number | null }) {
  const setText = useFerry((state) => state.setAddText);
  const close = useFerry((state) => state.closeAddDialog);
  const addLinks = useFerry((state) => state.addLinks);
  const previewLinks = useFerry((state) => state.previewLinks);
  const adding = useFerry((state) => state.adding);
  const error = useFerry((state) => state.addError);
  const unpackByDefault = useFerry(selectUnpackByDefault);
  const accounts = useFerry((state) => state.accounts);
  const [queueId, setQueueId] = useState<number | null>(startQueue);
  const [folder, setFolder] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedAccounts>({});
  // Null until the person ticks or clears the box: until then the settings (or the platform) decide.
  const [unpackChoice, setUnpackChoice] = useState<boolean | null>(null);
  const { previews, checking } = useRefPreviews(text);
  const linksField = useId();
  const ready = previews.filter((preview) => preview.ok).length;
  const choices = useMemo(() => accountChoices(previews, accounts), [previews, accounts]);

  function chooseFormat(ref: string, format: string | null) {
    setText(
      splitLinks(text)
        .map((link) => (link === ref ? refWithFormat(ref, format) : link))
        .join('\n'),
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Asked again: the verdicts shown may be a keystroke behind the text.
    const verdicts = await previewLinks(splitLinks(text));
    const batches = verdicts ? addBatches(verdicts, picked) : [];
    if (!verdicts || batches.length === 0) return;
    const options = {
      ...(queueId ? { queueId } : {}),
      ...(unpackChoice === null ? {} : { unpack: unpackChoice }),
      ...(folder ? { directory: folder } : {}),
    };
    const notAdded = await addEach(batches, ({ refs, ...signer }) =>
      addLinks(refs.join('\n'), { ...options, ...signer }),
    );
    const left = [...notAdded, ...verdicts.filter((verdict) => !verdict.ok).map((verdict) => verdict.ref)];
    if (left.length === 0) close();
    else setText(left.join('\n'));
  }

  return (
    <form className="add-form" onSubmit={submit}>
      <Heading slot="title">Add downloads</Heading>
      <div className="field">
        <label htmlFor={linksField}>Links to download</label>
        <textarea
          id={linksField}
          className="add-links-box"
          rows={3}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to take links, so the box is where typing goes.
          autoFocus
          placeholder="https://…, ipfs://…, echo3d:…, scenario:…, delos:… (one per line)"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${linksField}-hint`}
        />
        <p id={`${linksField}-hint`} className="field-hint">
          One link per line. Each line says what Ferry understood before anything is queued.
        </p>
      </div>
      <RefVerdicts
        previews={previews}
        onFormat={chooseFormat}
        signer={(preview) => signingLabel(preview, choices, picked)}
      />
      <AccountChoices
        choices={choices}
        picked={picked}
        onPick={(platform, accountId) => setPicked({ ...picked, [platform]: accountId })}
      />
      <AddOptions
        queueId={queueId}
        onQueue={setQueueId}
        folder={folder}
        onFolder={setFolder}
        unpack={unpackChoice ?? unpackByDefault}
        onUnpack={setUnpackChoice}
      />
      {error ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
      <div className="add-form-actions">
        <span className="add-form-count" aria-live="polite">
          {countText(previews.length, ready, checking)}
        </span>
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" disabled={adding || ready === 0}>
          {adding ? 'Adding…' : ready > 1 ? `Add ${ready}` : 'Add'}
        </button>
      </div>
    </form>
  );
}

function countText(total: number, ready: number, checking: boolean): string {
  if (checking) return 'Checking…';
  if (total === 0) return '';
  const bad = total - ready;
  return bad === 0 ? `${ready} ready` : `${ready} ready, ${bad} cannot be added`;
}

type Batch = ReturnType<typeof addBatches>[number];

/** Adds the batches in turn; once one fails (addError says why), it and the rest stay in the box. */
async function addEach(batches: Batch[], add: (batch: Batch) => ReturnType<FerryState['addLinks']>): Promise<string[]> {
  for (const [index, batch] of batches.entries()) {
    if (!(await add(batch))) return batches.slice(index).flatMap((rest) => rest.refs);
  }
  return [];
}
