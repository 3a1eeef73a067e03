/** The picker's search box, where the focus goes when a button it pressed goes away. */
export const LIBRARY_SEARCH_ID = 'library-search';
