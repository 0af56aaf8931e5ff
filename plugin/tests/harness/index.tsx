// The harness page: the real panel component, Grafana's real theme (dark or light from the URL)
// and the committed frames of one dashboard panel, with no Grafana around it.
import { createTheme, type DataFrame, EventBusSrv, FieldType, getDefaultTimeRange, LoadingState, type PanelProps, toDataFrame } from '@grafana/data';
import { ThemeContext } from '@grafana/data';
import { createRoot } from 'react-dom/client';
import { fixtureFrames } from '../../src/__fixtures__/frames';
import { GdlensPanel } from '../../src/components/GdlensPanel';
import { DEFAULT_OPTIONS } from '../../src/constants';
import type { PanelOptions, PanelView } from '../../src/types';

const VIEWS: readonly PanelView[] = ['matrix', 'decoder', 'strip'];
const params = new URLSearchParams(window.location.search);
const pick = (value: string | null): PanelView => VIEWS.find((view) => view === value) ?? 'matrix';
const view = pick(params.get('view'));
const framesOf = pick(params.get('frames') ?? view);
const mode = params.get('theme') === 'light' ? 'light' : 'dark';
const width = Number(params.get('width') ?? 960);
const height = Number(params.get('height') ?? 420);

const theme = createTheme({ colors: { mode } });
document.body.style.margin = '0';
document.body.style.background = theme.colors.background.canvas;
document.body.style.fontFamily = theme.typography.fontFamily;
document.body.style.fontSize = `${theme.typography.fontSize}px`;
document.body.style.color = theme.colors.text.primary;

/**
 * `tags=1`: the annotation frame Grafana would pass for two lifecycle tags over the frames' time
 * span, a deploy at a third of it and a pentest window from half to three quarters.
 */
function tagAnnotations(frames: readonly DataFrame[]): DataFrame[] {
  const times = frames.flatMap((frame) => frame.fields.filter((field) => field.type === FieldType.time).flatMap((field) => field.values as number[]));
  if (params.get('tags') !== '1' || times.length === 0) {
    return [];
  }
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const at = (share: number) => first + Math.round((last - first) * share);
  return [
    toDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [at(1 / 3), at(1 / 2)] },
        { name: 'timeEnd', type: FieldType.time, values: [null, at(3 / 4)] },
        { name: 'text', type: FieldType.string, values: ['deploy v1.4.2: api in prod', 'pentest Q4 external: edge in prod'] },
      ],
    }),
  ];
}

const series = fixtureFrames(framesOf);
const timeRange = getDefaultTimeRange();
const noop = () => undefined;
const props: PanelProps<PanelOptions> = {
  id: 1,
  data: {
    state: LoadingState.Done,
    series,
    annotations: tagAnnotations(series),
    timeRange,
    request: {
      requestId: 'harness',
      interval: '1d',
      intervalMs: 86_400_000,
      range: timeRange,
      scopedVars: {},
      targets: [{ refId: 'A', datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' } }],
      timezone: 'utc',
      app: 'dashboard',
      startTime: 0,
    },
  },
  timeRange,
  timeZone: 'utc',
  options: { ...DEFAULT_OPTIONS, view },
  transparent: false,
  width,
  height,
  fieldConfig: { defaults: {}, overrides: [] },
  renderCounter: 0,
  title: view,
  eventBus: new EventBusSrv(),
  onOptionsChange: noop,
  onFieldConfigChange: noop,
  replaceVariables: (text: string) => text,
  onChangeTimeRange: noop,
};

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <ThemeContext.Provider value={theme}>
      <div
        style={{
          width,
          height,
          margin: theme.spacing(2),
          padding: theme.spacing(1),
          background: theme.colors.background.primary,
          border: `1px solid ${theme.colors.border.weak}`,
          borderRadius: theme.shape.radius.default,
        }}
      >
        <GdlensPanel {...props} />
      </div>
    </ThemeContext.Provider>
  );
  window.__harnessReady = true;
}
