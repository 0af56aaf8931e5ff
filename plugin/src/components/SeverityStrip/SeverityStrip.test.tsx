import { render, screen } from '@testing-library/react';
import { TEST_IDS } from '../../constants';
import type { SeverityStrip as Strip } from '../../data/strip';
import { SeverityStrip } from './SeverityStrip';

const strip: Strip = {
  bands: [
    { band: 'Critical', findings: 0, trend: [] },
    { band: 'High', findings: 6, trend: [{ timeMs: 1, findings: 2 }, { timeMs: 2, findings: 4 }] },
    { band: 'Medium', findings: 2, trend: [{ timeMs: 1, findings: 2 }] },
    { band: 'Low', findings: 1, trend: [] },
  ],
  total: 9,
};

describe('SeverityStrip', () => {
  it('draws one bar segment per band with findings, sized by count', () => {
    render(<SeverityStrip strip={strip} width={600} />);
    const segments = screen.getAllByTestId(TEST_IDS.stripSegment);
    expect(segments.map((segment) => segment.getAttribute('data-band'))).toEqual(['High', 'Medium', 'Low']);
    expect(segments.map((segment) => segment.style.flexGrow)).toEqual(['6', '2', '1']);
    expect(screen.getByRole('img', { name: 'Critical 0, High 6, Medium 2, Low 1' })).toBeInTheDocument();
  });

  it('lists every band with its count and a sparkline where there is a trend', () => {
    render(<SeverityStrip strip={strip} width={600} />);
    expect(screen.getByLabelText('Critical: 0 findings')).toHaveTextContent('no trend data');
    expect(screen.getByRole('img', { name: 'High trend' }).querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(screen.getAllByTestId(TEST_IDS.sparkline)).toHaveLength(2);
  });

  it('renders huge counts with separators', () => {
    render(<SeverityStrip strip={{ bands: [{ band: 'High', findings: 1234567, trend: [] }], total: 1234567 }} width={200} />);
    expect(screen.getByLabelText('High: 1234567 findings')).toHaveTextContent('1,234,567');
  });
});
