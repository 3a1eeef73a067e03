import { Search } from 'lucide-react';
import type { Ref } from 'react';
import type { Download } from '../../../shared/downloads';
import {
  platformCounts,
  type SortKey,
  sortKeys,
  sortLabels,
  statusFilterCounts,
  statusFilterLabels,
  statusFilters,
} from '../../store/download-filters';
import { platformName } from '../../store/download-rows';
import { useFerry } from '../../store/store-context';

/** The filters over the list: status with counts, platform with counts, a search by name and the order. */
export function DownloadFilters({ all, searchRef }: { all: Download[]; searchRef: Ref<HTMLInputElement> }) {
  const view = useFerry((state) => state.view);
  const setView = useFerry((state) => state.setView);
  const counts = statusFilterCounts(all, view);
  const platforms = Object.entries(platformCounts(all, view)).sort(([a], [b]) =>
    platformName(a).localeCompare(platformName(b)),
  );
  return (
    <div className="download-filters">
      <fieldset className="status-filters">
        <legend className="visually-hidden">Show</legend>
        {statusFilters.map((filter) => (
          <button
            key={filter}
            type="button"
            aria-pressed={view.status === filter}
            onClick={() => setView({ status: filter })}
          >
            {statusFilterLabels[filter]} <span className="filter-count">{counts[filter]}</span>
          </button>
        ))}
      </fieldset>
      <select
        aria-label="Platform"
        value={view.platform ?? ''}
        onChange={(event) => setView({ platform: event.target.value || null })}
      >
        <option value="">All platforms</option>
        {platforms.map(([provider, count]) => (
          <option key={provider} value={provider}>
            {platformName(provider)} ({count})
          </option>
        ))}
        {view.platform !== null && !platforms.some(([provider]) => provider === view.platform) ? (
          <option value={view.platform}>{platformName(view.platform)} (0)</option>
        ) : null}
      </select>
      <label className="download-search">
        <Search size={16} aria-hidden="true" />
        <input
          ref={searchRef}
          type="search"
          aria-label="Search downloads by name"
          placeholder="Search by name"
          title="Search by name (Ctrl+F)"
          aria-keyshortcuts="Control+F"
          value={view.search}
          onChange={(event) => setView({ search: event.target.value })}
        />
      </label>
      <select
        aria-label="Sort by"
        value={view.sort}
        onChange={(event) => setView({ sort: event.target.value as SortKey })}
      >
        {sortKeys.map((key) => (
          <option key={key} value={key}>
            {sortLabels[key]}
          </option>
        ))}
      </select>
    </div>
  );
}
