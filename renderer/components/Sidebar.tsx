import { sections } from '../store/ferry-state';
import { sectionTitles, selectSection, selectVersionLabel } from '../store/selectors';
import { useFerry } from '../store/store-context';

export function Sidebar() {
  const current = useFerry(selectSection);
  const goTo = useFerry((state) => state.goTo);
  const version = useFerry(selectVersionLabel);
  const appError = useFerry((state) => state.appError);

  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">Ferry</div>
      <ul>
        {sections.map((section) => (
          <li key={section}>
            <button
              type="button"
              className="nav-item"
              aria-current={section === current ? 'page' : undefined}
              onClick={() => goTo(section)}
            >
              {sectionTitles[section]}
            </button>
          </li>
        ))}
      </ul>
      <div className="version" data-testid="app-version" role={appError ? 'alert' : undefined}>
        {appError ?? version}
      </div>
    </nav>
  );
}
