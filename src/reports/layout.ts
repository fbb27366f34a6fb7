/** The layout of a content directory: the one place that names its files. */

/** The file names of a report's content folder (`content/reports/<id>/`). */
export const REPORT_FILES = {
  text: 'index.md',
  tables: { active: 'active.csv', requests: 'requests.csv', appeals: 'appeals.csv' },
  /** Optional: where each cell was read in source.txt (src/reports/source-lines-csv.ts). */
  sourceLines: 'source-lines.csv',
} as const;

/** Where the jurisdictions, the known errors and the reports live in a content directory. */
export const CONTENT_FILES = { jurisdictions: 'jurisdictions.csv', knownErrors: 'known-errors.yaml', reports: 'reports' } as const;
