import { locationService } from '@grafana/runtime';
import { fireEvent, render, screen } from '@testing-library/react';
import { TEST_IDS } from '../../constants';
import { series, termsTable } from '../../test-utils/frames';
import { panelProps } from '../../test-utils/panelProps';
import { fixtureFrameJson, fixtureFrames } from '../../__fixtures__/frames';
import { GdlensPanel } from './GdlensPanel';

const matrixFrame = termsTable(
  {
    threat_purpose: ['Backdoor', 'Backdoor', 'Recon'],
    resource_type_affected: ['EC2', 'EC2', 'IAMUser'],
    severity_label: ['High', 'Medium', 'Low'],
    finding_type: ['Backdoor:EC2/C&CActivity.B!DNS', 'Backdoor:EC2/Spambot', 'Recon:IAMUser/MaliciousIPCaller'],
  },
  [2, 1, 4]
);

describe('GdlensPanel', () => {
  it('draws the matrix and sets the dashboard variables when a cell is clicked', () => {
    const partial = jest.spyOn(locationService, 'partial').mockImplementation(() => undefined);
    render(<GdlensPanel {...panelProps([matrixFrame], { view: 'matrix' })} />);
    expect(screen.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-view', 'matrix');
    fireEvent.click(screen.getByRole('gridcell', { name: 'Backdoor × EC2: 3 findings, highest High' }));
    expect(partial).toHaveBeenCalledWith({ 'var-threat_purpose': 'Backdoor', 'var-resource_type_affected': 'EC2' }, true);
  });

  it('draws the decoder with Explore links for the panel data source', () => {
    render(<GdlensPanel {...panelProps([termsTable({ finding_type: ['Recon:IAMUser/MaliciousIPCaller'] }, [4])], { view: 'decoder' })} />);
    const link = screen.getByRole('link', { name: 'Recon:IAMUser/MaliciousIPCaller' });
    const panes = JSON.parse(new URL(link.getAttribute('href') ?? '', 'http://grafana.local').searchParams.get('panes') ?? '{}') as Record<string, { datasource: string; queries: Array<{ query: string }> }>;
    const pane = Object.values(panes)[0]!;
    expect(pane.datasource).toBe('gdlens-findings');
    expect(pane.queries[0]!.query).toBe('finding_type:"Recon:IAMUser/MaliciousIPCaller"');
  });

  it('draws the strip from series split by band', () => {
    render(<GdlensPanel {...panelProps([series({ severity_label: 'High' }, [[1, 2], [2, 3]])], { view: 'strip' })} />);
    expect(screen.getByTestId(TEST_IDS.strip)).toBeInTheDocument();
    expect(screen.getByLabelText('High: 5 findings')).toBeInTheDocument();
  });

  it('names the missing fields through the data error view', () => {
    render(<GdlensPanel {...panelProps([termsTable({ region: ['eu-west-1'] }, [1])], { view: 'decoder' })} />);
    expect(screen.getByTestId(TEST_IDS.noData)).toHaveTextContent('The finding decoder needs the field finding_type');
    expect(screen.queryByTestId(TEST_IDS.panel)).not.toBeInTheDocument();
  });

  it('shows the no-data view when the query returned no frames', () => {
    render(<GdlensPanel {...panelProps([], { view: 'strip' })} />);
    expect(screen.getByTestId(TEST_IDS.noData)).toHaveTextContent('No data');
  });

  it('shows the no-data view when the frames hold no findings', () => {
    render(<GdlensPanel {...panelProps([termsTable({ finding_type: [] }, [])], { view: 'decoder' })} />);
    expect(screen.getByTestId(TEST_IDS.noData)).toHaveTextContent('No findings in the query results');
  });

  it('follows the field options', () => {
    const frame = termsTable({ 'detail.type': ['Trojan:EC2/BlackholeTraffic'] }, [2]);
    render(<GdlensPanel {...panelProps([frame], { view: 'matrix', findingTypeField: 'detail.type' })} />);
    expect(screen.getByRole('gridcell', { name: 'Trojan × EC2: 2 findings, severity unknown' })).toBeInTheDocument();
  });
});

describe('GdlensPanel on the frames the data source makes of real findings', () => {
  it('draws a matrix of every purpose and resource type in the data', () => {
    const frames = fixtureFrames('matrix');
    const purposes = new Set(fixtureFrameJson('matrix').map((frame) => frame.fields[1]?.labels?.['threat_purpose.raw']));
    const resources = new Set(fixtureFrameJson('matrix').map((frame) => frame.fields[1]?.labels?.['resource_type_affected.raw']));
    render(<GdlensPanel {...panelProps(frames, { view: 'matrix', maxRows: 100, maxColumns: 100 })} />);
    expect(screen.getAllByRole('rowheader')).toHaveLength(purposes.size);
    expect(screen.getAllByTestId(TEST_IDS.matrixCell)).toHaveLength(purposes.size * resources.size);
    expect(screen.getByRole('gridcell', { name: /^AttackSequence × S3: 1 finding, highest Critical$/ })).toBeInTheDocument();
  });

  it('decodes every finding type of the terms table', () => {
    render(<GdlensPanel {...panelProps(fixtureFrames('decoder'), { view: 'decoder', maxRows: 100 })} />);
    const types = fixtureFrameJson('decoder')[0]!.fields[0]!.values;
    expect(screen.getAllByTestId(TEST_IDS.decoderRow)).toHaveLength(types.length);
    expect(screen.getByRole('link', { name: 'Backdoor:EC2/DenialOfService.Tcp' })).toBeInTheDocument();
  });

  it('counts each band from the histogram series', () => {
    render(<GdlensPanel {...panelProps(fixtureFrames('strip'), { view: 'strip' })} />);
    const total = fixtureFrameJson('strip')
      .flatMap((frame) => frame.fields[1]!.values)
      .reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);
    const shown = screen.getAllByTestId(TEST_IDS.stripSegment).reduce((sum, segment) => sum + Number(segment.textContent), 0);
    expect(shown).toBe(total);
  });
});

describe('GdlensPanel with huge inputs', () => {
  it('shapes 1,000 finding types into the default 20 × 12 matrix in under a second', () => {
    const types = Array.from({ length: 1000 }, (_, index) => `Purpose${index % 40}:Resource${index % 25}/Family${index}.B!DNS`);
    const frame = termsTable({ finding_type: types, severity_label: types.map((_, index) => ['Critical', 'High', 'Medium', 'Low'][index % 4]!) }, types.map((_, index) => 1 + (index % 7)));
    const started = performance.now();
    render(<GdlensPanel {...panelProps([frame], { view: 'matrix' })} />);
    const elapsedMs = performance.now() - started;
    expect(elapsedMs).toBeLessThan(1000);
    expect(screen.getAllByTestId(TEST_IDS.matrixCell)).toHaveLength(20 * 12);
    expect(screen.getByText(/findings not shown/)).toBeInTheDocument();
  });
});
