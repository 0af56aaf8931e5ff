import { css } from '@emotion/css';
import type { DataSourceRef, PanelProps } from '@grafana/data';
import { locationService, PanelDataErrorView } from '@grafana/runtime';
import { useCallback, useMemo } from 'react';
import { MATRIX_VARIABLES, TEST_IDS } from '../../constants';
import { tagMarkers } from '../../data/annotations';
import { buildDecoder, type DecodedType } from '../../data/decoder';
import { buildThreatMatrix, type ThreatMatrix as ThreatMatrixData } from '../../data/matrix';
import type { Shaped as ShapedResult } from '../../data/result';
import { toFindingRows } from '../../data/rows';
import { buildSeverityStrip, type SeverityStrip as SeverityStripData } from '../../data/strip';
import type { MatrixSelection, PanelOptions, PanelView } from '../../types';
import { FindingDecoder } from '../FindingDecoder';
import { SeverityStrip } from '../SeverityStrip';
import { ThreatMatrix } from '../ThreatMatrix';

const VIEW_NAMES: Record<PanelView, string> = {
  matrix: 'threat matrix',
  decoder: 'finding decoder',
  strip: 'severity strip',
};

/**
 * The data source the panel's targets query, for Explore links. A `$variable` uid is passed over:
 * Explore would not know the dashboard's value for it.
 */
function panelDatasource(props: PanelProps<PanelOptions>): DataSourceRef | undefined {
  return (props.data.request?.targets ?? []).map((target) => target.datasource).find((source) => source?.uid && !source.uid.startsWith('$')) ?? undefined;
}

/** Moves the dashboard to the chosen cell: other panels filter on these variables. */
export function selectMatrixCell(selection: MatrixSelection): void {
  locationService.partial(
    { [MATRIX_VARIABLES.threatPurpose]: selection.threatPurpose, [MATRIX_VARIABLES.resourceType]: selection.resourceType },
    true
  );
}

type Shaped =
  | { view: 'matrix'; result: { value: ThreatMatrixData } }
  | { view: 'decoder'; result: { value: DecodedType[] } }
  | { view: 'strip'; result: { value: SeverityStripData } }
  | { view: 'missing'; wanted: PanelView; missing: string[] };

type Views = { matrix: ThreatMatrixData; decoder: DecodedType[]; strip: SeverityStripData };

function withView<V extends keyof Views>(view: V, result: ShapedResult<Views[V]>): Shaped {
  if (result.kind === 'missing') {
    return { view: 'missing', wanted: view, missing: result.missing };
  }
  return { view, result: { value: result.value } } as Shaped;
}

const containerStyle = (width: number, height: number) => css({ width, height, position: 'relative', overflow: 'hidden' });

/** The gdlens findings panel: one of three views over OpenSearch data source frames. */
export function GdlensPanel(props: PanelProps<PanelOptions>) {
  const { data, options, width, height, id, fieldConfig, timeRange, timeZone } = props;
  const rows = useMemo(() => toFindingRows(data.series, options), [data.series, options]);
  const onSelect = useCallback((selection: MatrixSelection) => selectMatrixCell(selection), []);
  const markers = useMemo(() => tagMarkers(data.annotations), [data.annotations]);
  const shaped = useMemo((): Shaped => {
    switch (options.view) {
      case 'decoder':
        return withView('decoder', buildDecoder(rows, options, options));
      case 'strip':
        return withView('strip', buildSeverityStrip(data.series, rows, options, options));
      case 'matrix':
      default:
        return withView('matrix', buildThreatMatrix(rows, options, options));
    }
  }, [rows, data.series, options]);

  if (data.series.length === 0) {
    return (
      <div data-testid={TEST_IDS.noData}>
        <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message="No data" />
      </div>
    );
  }
  if (shaped.view === 'missing') {
    const message = `The ${VIEW_NAMES[shaped.wanted]} needs the field${shaped.missing.length === 1 ? '' : 's'} ${shaped.missing.join(', ')}, which the query results lack`;
    return (
      <div data-testid={TEST_IDS.noData}>
        <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message={message} needsStringField />
      </div>
    );
  }
  const empty =
    (shaped.view === 'matrix' && shaped.result.value.threatPurposes.length === 0) ||
    (shaped.view === 'decoder' && shaped.result.value.length === 0);
  if (empty) {
    return (
      <div data-testid={TEST_IDS.noData}>
        <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message="No findings in the query results" />
      </div>
    );
  }
  return (
    <div className={containerStyle(width, height)} data-testid={TEST_IDS.panel} data-view={shaped.view}>
      {shaped.view === 'matrix' && <ThreatMatrix matrix={shaped.result.value} onSelect={onSelect} />}
      {shaped.view === 'decoder' && (
        <FindingDecoder
          rows={shaped.result.value}
          datasource={panelDatasource(props)}
          findingTypeField={options.findingTypeField}
          range={timeRange.raw}
          timeZone={timeZone}
        />
      )}
      {shaped.view === 'strip' && <SeverityStrip strip={shaped.result.value} width={width} markers={markers} />}
    </div>
  );
}
