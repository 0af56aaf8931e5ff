import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_FIELDS, TEST_IDS } from '../../constants';
import { buildThreatMatrix, type ThreatMatrix as Matrix } from '../../data/matrix';
import { toFindingRows } from '../../data/rows';
import { termsTable } from '../../test-utils/frames';
import { ThreatMatrix } from './ThreatMatrix';

function matrixFrom(purposes: string[], resources: string[], bands: string[], types: string[], counts: number[]): Matrix {
  const result = buildThreatMatrix(
    toFindingRows([termsTable({ threat_purpose: purposes, resource_type_affected: resources, severity_label: bands, finding_type: types }, counts)], DEFAULT_FIELDS),
    DEFAULT_FIELDS,
    { maxRows: 50, maxColumns: 50, showLow: true }
  );
  if (result.kind !== 'ok') {
    throw new Error('expected a matrix');
  }
  return result.value;
}

const matrix = matrixFrom(
  ['Backdoor', 'Backdoor', 'Recon', 'UnauthorizedAccess'],
  ['EC2', 'EC2', 'IAMUser', 'EC2'],
  ['High', 'Medium', 'Low', 'Critical'],
  ['Backdoor:EC2/C&CActivity.B!DNS', 'Backdoor:EC2/Spambot', 'Recon:IAMUser/MaliciousIPCaller', 'UnauthorizedAccess:EC2/TorClient'],
  [2, 1, 4, 1]
);

const focused = () => document.activeElement as HTMLElement;

describe('ThreatMatrix', () => {
  it('renders one cell per purpose and resource type, labelled for assistive technology', () => {
    render(<ThreatMatrix matrix={matrix} onSelect={jest.fn()} />);
    const cells = screen.getAllByRole('gridcell');
    expect(cells).toHaveLength(matrix.threatPurposes.length * matrix.resourceTypes.length);
    expect(cells).toHaveLength(6);
    expect(screen.getByRole('gridcell', { name: 'Backdoor × EC2: 3 findings, highest High' })).toHaveTextContent('3');
    expect(screen.getByRole('gridcell', { name: 'Recon × IAMUser: 4 findings, highest Low' })).toBeInTheDocument();
    expect(screen.getByRole('gridcell', { name: 'Recon × EC2: no findings' })).toHaveTextContent('');
    expect(screen.getAllByRole('rowheader').map((header) => header.textContent)).toEqual(matrix.threatPurposes);
  });

  it('gives the tab stop to one cell and moves it with the arrow keys, Home and End', () => {
    render(<ThreatMatrix matrix={matrix} onSelect={jest.fn()} />);
    const cells = screen.getAllByRole('gridcell');
    expect(cells.filter((cell) => cell.tabIndex === 0)).toHaveLength(1);
    act(() => cells[0]!.focus());
    fireEvent.keyDown(focused(), { key: 'ArrowRight' });
    expect(focused()).toBe(cells[1]);
    fireEvent.keyDown(focused(), { key: 'ArrowRight' });
    expect(focused()).toBe(cells[1]);
    fireEvent.keyDown(focused(), { key: 'ArrowDown' });
    expect(focused()).toBe(cells[3]);
    fireEvent.keyDown(focused(), { key: 'Home' });
    expect(focused()).toBe(cells[2]);
    fireEvent.keyDown(focused(), { key: 'End', ctrlKey: true });
    expect(focused()).toBe(cells[5]);
    fireEvent.keyDown(focused(), { key: 'ArrowUp' });
    fireEvent.keyDown(focused(), { key: 'ArrowLeft' });
    expect(focused()).toBe(cells[2]);
    expect(cells.filter((cell) => cell.tabIndex === 0)).toEqual([cells[2]]);
  });

  it('selects a cell with Enter, Space or a click, but not an empty one', () => {
    const onSelect = jest.fn();
    render(<ThreatMatrix matrix={matrix} onSelect={onSelect} />);
    const backdoorEc2 = screen.getByRole('gridcell', { name: /^Backdoor × EC2/ });
    fireEvent.keyDown(backdoorEc2, { key: 'Enter' });
    fireEvent.keyDown(backdoorEc2, { key: ' ' });
    fireEvent.click(screen.getByRole('gridcell', { name: /^Recon × IAMUser/ }));
    fireEvent.click(screen.getByRole('gridcell', { name: 'Recon × EC2: no findings' }));
    expect(onSelect.mock.calls).toEqual([
      [{ threatPurpose: 'Backdoor', resourceType: 'EC2' }],
      [{ threatPurpose: 'Backdoor', resourceType: 'EC2' }],
      [{ threatPurpose: 'Recon', resourceType: 'IAMUser' }],
    ]);
  });

  it('shows the top finding types with their explanations on hover and focus', () => {
    render(<ThreatMatrix matrix={matrix} onSelect={jest.fn()} />);
    const cell = screen.getByRole('gridcell', { name: /^Backdoor × EC2/ });
    fireEvent.mouseEnter(cell);
    const tooltip = screen.getByRole('tooltip');
    expect(cell).toHaveAttribute('aria-describedby', tooltip.id);
    expect(tooltip).toHaveTextContent('Backdoor × EC2: 3 findings (High 2 · Medium 1)');
    const items = within(tooltip).getAllByRole('listitem');
    expect(items.map((item) => item.firstChild?.textContent)).toEqual(['Backdoor:EC2/C&CActivity.B!DNS (2)', 'Backdoor:EC2/Spambot (1)']);
    const backdoorEc2 = matrix.cells.flat().find((entry) => entry.threatPurpose === 'Backdoor' && entry.resourceType === 'EC2');
    expect(items[0]!.lastChild?.textContent).toBe(backdoorEc2?.topTypes[0]?.explanation);
    expect(backdoorEc2?.topTypes[0]?.explanation).toMatch(/\S/);
    fireEvent.mouseLeave(cell);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    fireEvent.focus(screen.getByRole('gridcell', { name: /^UnauthorizedAccess × EC2/ }));
    expect(screen.getByTestId(TEST_IDS.matrixTooltip)).toHaveTextContent('UnauthorizedAccess:EC2/TorClient');
  });

  it('colours cells by their highest band from the theme', () => {
    render(<ThreatMatrix matrix={matrix} onSelect={jest.fn()} />);
    const high = screen.getByRole('gridcell', { name: /highest High/ });
    const critical = screen.getByRole('gridcell', { name: /highest Critical/ });
    const empty = screen.getAllByRole('gridcell', { name: /no findings/ })[0]!;
    expect(high.style.background).not.toBe('');
    expect(high.style.background).not.toBe(critical.style.background);
    expect(empty.style.background).toBe('transparent');
  });

  it('renders an empty matrix without cells or errors', () => {
    render(<ThreatMatrix matrix={{ threatPurposes: [], resourceTypes: [], cells: [], hiddenFindings: 0 }} onSelect={jest.fn()} />);
    expect(screen.queryAllByRole('gridcell')).toHaveLength(0);
  });
});
