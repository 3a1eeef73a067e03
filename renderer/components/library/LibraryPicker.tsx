import { X } from 'lucide-react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { libraryStatusText } from '../../store/library-view';
import { selectBrowsedAccountLabel, selectLibraryOpen } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { AddPicksBar } from './AddPicksBar';
import { LibraryList } from './LibraryList';
import { LIBRARY_SEARCH_ID } from './library-search-id';
import '../modal.css';
import './library.css';

/**
 * An account's library in a dialog: find entries, tick several, pick each
 * one's format and queue them all in one step. Closing it gives the focus
 * back to the Browse button that opened it.
 */
export function LibraryPicker() {
  const open = useFerry(selectLibraryOpen);
  const close = useFerry((state) => state.closeBrowse);
  return (
    <ModalOverlay className="modal-overlay" isOpen={open} onOpenChange={(isOpen) => isOpen || close()} isDismissable>
      <Modal className="modal library-modal">
        <Dialog className="library-dialog">{open ? <LibraryContent /> : null}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function LibraryContent() {
  const browsing = useFerry((state) => state.browsing);
  const label = useFerry(selectBrowsedAccountLabel);
  const close = useFerry((state) => state.closeBrowse);
  const setFilter = useFerry((state) => state.setLibraryFilter);
  if (!browsing) return null;
  return (
    <>
      <div className="library-head">
        <Heading slot="title" title={`Library of ${label}`}>
          Library of {label}
        </Heading>
        <button type="button" className="library-close" aria-label="Close" onClick={close}>
          <X aria-hidden="true" size={18} />
        </button>
      </div>
      <div className="field">
        <label htmlFor={LIBRARY_SEARCH_ID}>Find by name, type or tag</label>
        <input
          id={LIBRARY_SEARCH_ID}
          type="text"
          className="wide"
          // biome-ignore lint/a11y/noAutofocus: the picker opens to find entries, so the search box is where typing goes.
          autoFocus
          value={browsing.filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {browsing.error ? (
        <p className="field-problem library-error" role="alert">
          {browsing.error}
        </p>
      ) : null}
      <p className="field-hint" role="status">
        {libraryStatusText(browsing)}
      </p>
      <LibraryList />
      <AddPicksBar />
    </>
  );
}
