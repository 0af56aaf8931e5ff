import { type DataSourceRef, dateTimeFormat, type RawTimeRange, type TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { useMemo, useState } from 'react';
import { TEST_IDS } from '../../constants';
import { type DecodedType, type DecoderSortKey, type SortDirection, sortDecoded } from '../../data/decoder';
import { exploreUrl, luceneFieldQuery } from '../../data/explore';
import { bandColor, bandTextColor } from '../bandColors';
import { getStyles } from './FindingDecoder.styles';

export interface FindingDecoderProps {
  rows: readonly DecodedType[];
  /** The panel's data source; rows link to Explore only when it is known. */
  datasource?: DataSourceRef;
  findingTypeField: string;
  range: RawTimeRange;
  timeZone?: TimeZone;
}

interface Column {
  key: DecoderSortKey | 'explanation';
  title: string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'findingType', title: 'Finding type' },
  { key: 'explanation', title: 'Explanation' },
  { key: 'severity', title: 'Severity' },
  { key: 'findings', title: 'Findings', numeric: true },
  { key: 'occurrences', title: 'Occurrences', numeric: true },
  { key: 'accounts', title: 'Accounts', numeric: true },
  { key: 'firstSeen', title: 'First seen', numeric: true },
  { key: 'lastSeen', title: 'Last seen', numeric: true },
];

/** Text columns start ascending, counts and dates descending: the first click shows the most useful end. */
const FIRST_DIRECTION: Record<DecoderSortKey, SortDirection> = {
  findingType: 'asc',
  severity: 'desc',
  findings: 'desc',
  occurrences: 'desc',
  accounts: 'desc',
  firstSeen: 'desc',
  lastSeen: 'desc',
};

const PART_NAMES: Array<[keyof DecodedType['parts'], string]> = [
  ['threatPurpose', 'purpose'],
  ['resourceTypeAffected', 'resource'],
  ['threatFamilyName', 'family'],
  ['threatFamilyVariant', 'variant'],
  ['artifact', 'artifact'],
];

/**
 * Rows drawn at first and added per "Show more". A table of a thousand types is rarely read to the
 * end, and drawing every row up front would stall the dashboard.
 */
export const DECODER_PAGE_ROWS = 50;

const formatCount = (value: number | undefined): string => (value === undefined ? '–' : value.toLocaleString('en-US'));

/** The top finding types, each decoded into its parts, with counts and a link to its documents in Explore. */
export function FindingDecoder({ rows, datasource, findingTypeField, range, timeZone }: FindingDecoderProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const [sort, setSort] = useState<{ key: DecoderSortKey; direction: SortDirection }>({ key: 'findings', direction: 'desc' });
  const sorted = useMemo(() => sortDecoded(rows, sort.key, sort.direction), [rows, sort]);
  const [shownRows, setShownRows] = useState(DECODER_PAGE_ROWS);
  const visible = sorted.length > shownRows ? sorted.slice(0, shownRows) : sorted;
  // Date over time on two lines keeps the two date columns narrow.
  const formatTime = (ms: number | undefined) => (ms === undefined ? '–' : dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD[\n]HH:mm' }));

  const onSort = (key: DecoderSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: FIRST_DIRECTION[key] }
    );

  return (
    <div className={styles.container} data-testid={TEST_IDS.decoder}>
      <table className={styles.table} aria-label="Finding types decoded">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const key = column.key;
              const sortKey = key === 'explanation' ? undefined : key;
              const ariaSort = sortKey && sort.key === sortKey ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th key={key} aria-sort={ariaSort} className={column.numeric ? styles.numeric : undefined} scope="col">
                  {sortKey ? (
                    <button type="button" className={styles.sortButton} onClick={() => onSort(sortKey)}>
                      {column.title}
                      {ariaSort ? (ariaSort === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : (
                    column.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr key={row.findingType} data-testid={TEST_IDS.decoderRow}>
              <td className={styles.typeCell}>
                {datasource ? (
                  <a
                    className={styles.typeLink}
                    href={exploreUrl(datasource, luceneFieldQuery(findingTypeField, row.findingType), range)}
                    title={`Open ${row.findingType} in Explore`}
                  >
                    {row.findingType}
                  </a>
                ) : (
                  <span className={styles.typeLink}>{row.findingType}</span>
                )}
                <ul className={styles.parts} aria-label="Finding type parts">
                  {PART_NAMES.filter(([part]) => row.parts[part] !== undefined).map(([part, name]) => (
                    <li key={part} className={styles.part}>
                      <span className={styles.partName}>{name}</span>
                      {row.parts[part]}
                    </li>
                  ))}
                </ul>
              </td>
              <td className={styles.explanation}>{row.explanation}</td>
              <td>
                {row.highest ? (
                  <span
                    className={styles.badge}
                    style={{ background: bandColor(theme, row.highest), color: bandTextColor(theme, row.highest) }}
                  >
                    {row.highest}
                  </span>
                ) : (
                  <span className={styles.muted}>Unknown</span>
                )}
              </td>
              <td className={styles.numeric}>{formatCount(row.findings)}</td>
              <td className={styles.numeric}>{formatCount(row.occurrences)}</td>
              <td className={styles.numeric}>{formatCount(row.accounts)}</td>
              <td className={styles.date}>{formatTime(row.firstSeenMs)}</td>
              <td className={styles.date}>{formatTime(row.lastSeenMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {visible.length < sorted.length && (
        <div className={styles.more}>
          <span>
            {visible.length.toLocaleString('en-US')} of {sorted.length.toLocaleString('en-US')} finding types
          </span>
          <button type="button" className={styles.moreButton} onClick={() => setShownRows((count) => count + DECODER_PAGE_ROWS)}>
            Show {Math.min(DECODER_PAGE_ROWS, sorted.length - visible.length)} more
          </button>
        </div>
      )}
    </div>
  );
}
