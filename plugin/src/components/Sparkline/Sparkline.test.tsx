import { render, screen } from '@testing-library/react';
import { markerSpans, Sparkline, sparklinePath } from './Sparkline';

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

describe('markerSpans', () => {
  const points = [
    { timeMs: 0, findings: 1 },
    { timeMs: 100, findings: 2 },
  ];

  it('places a point as sparklinePath places points, and a window cut to the line’s span', () => {
    expect(
      markerSpans(
        points,
        [
          { timeMs: 50, text: 'deploy' },
          { timeMs: 80, timeEndMs: 150, text: 'pentest' },
          { timeMs: -50, timeEndMs: 10, text: 'campaign' },
        ],
        102
      )
    ).toEqual([
      { x: 51, text: 'deploy' },
      { x: 81, width: 20, text: 'pentest' },
      { x: 1, width: 10, text: 'campaign' },
    ]);
  });

  it('leaves out markers outside the span, and places none on a line without one', () => {
    expect(markerSpans(points, [{ timeMs: 101, text: 'later' }, { timeMs: -20, timeEndMs: -1, text: 'earlier' }], 102)).toEqual([]);
    expect(markerSpans([{ timeMs: 5, findings: 1 }], [{ timeMs: 5, text: 'x' }], 102)).toEqual([]);
  });
});

describe('Sparkline with tag markers', () => {
  it('draws a dashed rule for a tag and a shaded band for a window, each titled with its text', () => {
    render(
      <Sparkline
        points={[{ timeMs: 0, findings: 1 }, { timeMs: 100, findings: 2 }]}
        width={102}
        height={20}
        color="currentColor"
        label="High trend"
        markers={[{ timeMs: 50, text: 'deploy v1.4.2' }, { timeMs: 60, timeEndMs: 90, text: 'pentest Q4' }]}
      />
    );
    const markers = screen.getAllByTestId('gdlens-tag-marker');
    expect(markers.map((m) => [m.tagName, m.textContent])).toEqual([
      ['line', 'deploy v1.4.2'],
      ['rect', 'pentest Q4'],
    ]);
    expect(markers[1]?.getAttribute('width')).toBe('30');
  });
});
