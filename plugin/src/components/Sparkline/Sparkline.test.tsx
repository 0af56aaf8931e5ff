import { render, screen } from '@testing-library/react';
import { Sparkline, sparklinePath } from './Sparkline';

describe('sparklinePath', () => {
  it('scales time across and findings up inside a 1px inset', () => {
    expect(sparklinePath([{ timeMs: 0, findings: 0 }, { timeMs: 50, findings: 5 }, { timeMs: 100, findings: 10 }], 102, 22)).toBe('1.0,21.0 51.0,11.0 101.0,1.0');
  });

  it('centres a single point and spreads points that share one instant', () => {
    expect(sparklinePath([{ timeMs: 5, findings: 3 }], 102, 22)).toBe('51.0,1.0');
    expect(sparklinePath([{ timeMs: 5, findings: 0 }, { timeMs: 5, findings: 0 }], 102, 22)).toBe('1.0,21.0 101.0,21.0');
  });

  it('is empty for no points', () => {
    expect(sparklinePath([], 100, 20)).toBe('');
  });
});

describe('Sparkline', () => {
  it('renders a labelled SVG polyline in the given colour', () => {
    render(<Sparkline points={[{ timeMs: 0, findings: 1 }, { timeMs: 1, findings: 2 }]} width={80} height={20} color="currentColor" label="High trend" />);
    const svg = screen.getByRole('img', { name: 'High trend' });
    expect(svg.getAttribute('viewBox')).toBe('0 0 80 20');
    expect(svg.querySelector('polyline')?.getAttribute('stroke')).toBe('currentColor');
  });
});
