import { useFerry } from '../../store/store-context';
import { LIBRARY_SEARCH_ID } from './library-search-id';

/** The list's place when it has no row: why, and the way on. */
export function NothingShown() {
  const browsing = useFerry((state) => state.browsing);
  const retry = useFerry((state) => state.browseAccount);
  const clear = useFerry((state) => state.setLibraryFilter);
  // The button goes once it has done its work: the focus goes to the search box rather than nowhere.
  const andSearch = (act: () => void) => {
    act();
    document.getElementById(LIBRARY_SEARCH_ID)?.focus();
  };
  if (!browsing || browsing.status === 'loading') return <div className="library-scroll" />;
  return (
    <div className="library-scroll">
      {browsing.status === 'failed' ? (
        <div className="library-empty">
          Nothing to show until the library can be read.
          <button type="button" onClick={() => andSearch(() => void retry(browsing.accountId))}>
            Try again
          </button>
        </div>
      ) : browsing.entries.length === 0 ? (
        <p className="library-empty">Nothing in this library yet. Upload to the platform, then browse again.</p>
      ) : (
        <div className="library-empty">
          Try fewer or other words.
          <button type="button" onClick={() => andSearch(() => clear(''))}>
            Clear the search
          </button>
        </div>
      )}
    </div>
  );
}
