import { useFerry } from '../../store/store-context';
import './clipboard-offer.css';

/** "3 links copied: Add…", while the clipboard watch has something to offer; nothing is added from here. */
export function ClipboardOfferBar() {
  const offer = useFerry((state) => state.clipboardOffer);
  const accept = useFerry((state) => state.acceptClipboardOffer);
  const dismiss = useFerry((state) => state.dismissClipboardOffer);
  if (!offer) return null;
  const what = offer.count === 1 ? '1 link' : `${offer.count.toLocaleString('en-US')} links`;
  return (
    <section className="clipboard-offer" role="status" aria-label="Copied links">
      <span>{what} copied</span>
      <button type="button" onClick={accept}>
        Add…
      </button>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
