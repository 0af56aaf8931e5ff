import { fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_FIELDS, TEST_IDS } from '../../constants';
import { buildDecoder, type DecodedType } from '../../data/decoder';
import { toFindingRows } from '../../data/rows';
import { documents, termsTable } from '../../test-utils/frames';
import { DECODER_PAGE_ROWS, FindingDecoder } from './FindingDecoder';

function decoded(frame: ReturnType<typeof termsTable>, maxRows = 2000): DecodedType[] {
  const result = buildDecoder(toFindingRows([frame], DEFAULT_FIELDS), DEFAULT_FIELDS, { maxRows, showLow: true });
  if (result.kind !== 'ok') {
    throw new Error('expected rows');
  }
  return result.value;
}

const rows = decoded(
  documents([
    { finding_id: '1', finding_type: 'Backdoor:EC2/C&CActivity.B!DNS', severity_label: 'High', account_id: '111', count: 3, first_seen: '2026-01-01T00:00:00Z', last_seen: '2026-01-02T00:00:00Z' },
    { finding_id: '2', finding_type: 'Backdoor:EC2/C&CActivity.B!DNS', severity_label: 'Medium', account_id: '222', count: 1, first_seen: '2026-01-01T06:00:00Z', last_seen: '2026-01-01T07:00:00Z' },
    { finding_id: '3', finding_type: 'Recon:IAMUser/MaliciousIPCaller', severity_label: 'Low', account_id: '111', count: 9, first_seen: '2026-01-03T00:00:00Z', last_seen: '2026-01-04T00:00:00Z' },
  ])
);

const bodyRows = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row');
const typesInOrder = () => bodyRows().map((row) => within(row).getAllByRole('cell')[0]!.querySelector('a, span')?.textContent);
const props = { findingTypeField: 'finding_type', range: { from: 'now-7d', to: 'now' }, timeZone: 'utc' };

describe('FindingDecoder', () => {
  it('shows each type split into its parts, with explanation, band, counts, accounts and dates', () => {
    render(<FindingDecoder rows={rows} {...props} />);
    const first = bodyRows()[0]!;
    const cells = within(first).getAllByRole('cell');
    const parts = within(cells[0]!).getAllByRole('listitem').map((item) => item.textContent);
    expect(parts).toEqual(['purposeBackdoor', 'resourceEC2', 'familyC&CActivity', 'variantB', 'artifactDNS']);
    expect(cells[1]).toHaveTextContent(rows[0]!.explanation);
    expect(cells[2]).toHaveTextContent('High');
    expect(cells.slice(3, 6).map((cell) => cell.textContent)).toEqual(['2', '4', '2']);
    expect(cells[6]).toHaveTextContent('2026-01-01 00:00');
    expect(cells[7]).toHaveTextContent('2026-01-02 00:00');
  });

  it('sorts by a column, and the other way on a second click', () => {
    render(<FindingDecoder rows={rows} {...props} />);
    expect(typesInOrder()).toEqual(['Backdoor:EC2/C&CActivity.B!DNS', 'Recon:IAMUser/MaliciousIPCaller']);
    fireEvent.click(screen.getByRole('button', { name: /Occurrences/ }));
    expect(screen.getByRole('columnheader', { name: /Occurrences/ })).toHaveAttribute('aria-sort', 'descending');
    expect(typesInOrder()).toEqual(['Recon:IAMUser/MaliciousIPCaller', 'Backdoor:EC2/C&CActivity.B!DNS']);
    fireEvent.click(screen.getByRole('button', { name: /Occurrences/ }));
    expect(screen.getByRole('columnheader', { name: /Occurrences/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(typesInOrder()).toEqual(['Backdoor:EC2/C&CActivity.B!DNS', 'Recon:IAMUser/MaliciousIPCaller']);
    fireEvent.click(screen.getByRole('button', { name: /Severity/ }));
    expect(typesInOrder()[0]).toBe('Backdoor:EC2/C&CActivity.B!DNS');
  });

  it('links each type to Explore only when the data source is known', () => {
    const { rerender } = render(<FindingDecoder rows={rows} {...props} />);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    rerender(<FindingDecoder rows={rows} {...props} datasource={{ type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' }} />);
    const href = screen.getByRole('link', { name: 'Backdoor:EC2/C&CActivity.B!DNS' }).getAttribute('href') ?? '';
    expect(href.startsWith('/explore?')).toBe(true);
    const panes = JSON.parse(new URL(href, 'http://grafana.local').searchParams.get('panes') ?? '{}') as Record<string, { queries: Array<{ query: string }> }>;
    expect(Object.values(panes)[0]!.queries[0]!.query).toBe('finding_type:"Backdoor:EC2/C&CActivity.B!DNS"');
  });

  it('shows dashes for values the frames did not carry', () => {
    render(<FindingDecoder rows={decoded(termsTable({ finding_type: ['Impact:EC2/WinRMBruteForce'] }, [5]))} {...props} />);
    const cells = within(bodyRows()[0]!).getAllByRole('cell');
    expect(cells.slice(2).map((cell) => cell.textContent)).toEqual(['Unknown', '5', '–', '–', '–', '–']);
  });

  it('renders an empty table for no rows', () => {
    render(<FindingDecoder rows={[]} {...props} />);
    expect(screen.getByTestId(TEST_IDS.decoder)).toBeInTheDocument();
    expect(screen.queryAllByTestId(TEST_IDS.decoderRow)).toHaveLength(0);
  });

  it('shapes and renders 1,000 finding types in under a second, a page at a time', () => {
    const types = Array.from({ length: 1000 }, (_, index) => `Purpose${index % 30}:EC2/Family${index}.${String.fromCharCode(65 + (index % 26))}!DNS`);
    const frame = termsTable({ finding_type: types, severity_label: types.map((_, index) => ['Critical', 'High', 'Medium', 'Low'][index % 4]!) }, types.map((_, index) => index + 1));
    const started = performance.now();
    render(<FindingDecoder rows={decoded(frame)} {...props} datasource={{ uid: 'gdlens-findings' }} />);
    const elapsedMs = performance.now() - started;
    expect(elapsedMs).toBeLessThan(1000);
    expect(screen.getAllByTestId(TEST_IDS.decoderRow)).toHaveLength(DECODER_PAGE_ROWS);
    expect(typesInOrder()[0]).toBe(types[999]);
    fireEvent.click(screen.getByRole('button', { name: `Show ${DECODER_PAGE_ROWS} more` }));
    expect(screen.getAllByTestId(TEST_IDS.decoderRow)).toHaveLength(2 * DECODER_PAGE_ROWS);
    expect(screen.getByText(`${2 * DECODER_PAGE_ROWS} of 1,000 finding types`)).toBeInTheDocument();
  });
});
