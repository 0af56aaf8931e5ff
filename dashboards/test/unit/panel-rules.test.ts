import { buildDashboards } from '../../src/catalog';
import { DATA_SOURCES } from '../../src/datasources';
import { FILTER_FIELDS } from '../../src/filters';
import type { Panel } from '../../src/model/grafana';
import { TABLE_WINDOW_INTERVAL } from '../../src/targets';

const panels = buildDashboards().flatMap(({ dashboard }) =>
  dashboard.panels.filter((p): p is Panel => p.type !== 'row').map((p) => [`${dashboard.uid}#${p.id} ${p.title}`, p, dashboard.uid] as const),
);

describe('panel rules', () => {
  it.each(panels)('%s: time histograms are auto with a minimum interval; table histograms use the fixed window step', (_name, panel) => {
    const histograms = (panel.targets ?? []).flatMap((t) => t.bucketAggs.filter((b) => b.type === 'date_histogram'));
    if (panel.type === 'table') {
      for (const histogram of histograms) expect(histogram.settings).toMatchObject({ interval: TABLE_WINDOW_INTERVAL });
      return;
    }
    for (const histogram of histograms) expect(histogram.settings).toMatchObject({ interval: 'auto' });
    if (histograms.length > 0) expect(panel.interval).toMatch(/^\d+[smh]$/);
  });

  it.each(panels)('%s: never nests terms inside terms without a histogram (the data source keeps only the last outer bucket)', (_name, panel) => {
    for (const target of panel.targets ?? []) {
      const last = target.bucketAggs[target.bucketAggs.length - 1];
      const termsCount = target.bucketAggs.filter((b) => b.type === 'terms').length;
      if (termsCount > 1) expect(last?.type).toBe('date_histogram');
    }
  });

  it.each(panels)('%s: every terms aggregation has an explicit size between 1 and 50, and their product stays small', (_name, panel) => {
    for (const target of panel.targets ?? []) {
      const sizes = target.bucketAggs.flatMap((b) => (b.type === 'terms' ? [Number(b.settings.size)] : []));
      for (const size of sizes) {
        expect(size).toBeGreaterThanOrEqual(1);
        expect(size).toBeLessThanOrEqual(50);
      }
      expect(sizes.reduce((a, b) => a * b, 1)).toBeLessThanOrEqual(1000);
    }
  });

  it.each(panels)('%s: description says what it counts, on which time field, over which window', (_name, panel) => {
    expect(panel.description).toMatch(/[Cc]ounts|[Nn]ewest|per |Shows/);
    expect(panel.description).toMatch(/Time field: (@timestamp|ingested_at)/);
    expect(panel.description).toMatch(/window: the dashboard time range/);
  });

  it.each(panels)('%s: targets name a provisioned data source through its variable, with its time field', (_name, panel) => {
    for (const target of panel.targets ?? []) {
      const spec = DATA_SOURCES.find((d) => `\${${d.variable ?? ''}}` === target.datasource.uid);
      expect(spec).toBeDefined();
      expect(target.timeField).toBe(spec?.timeField);
      for (const b of target.bucketAggs) if (b.type === 'date_histogram') expect(b.field).toBe(spec?.timeField);
    }
  });

  it.each(panels.filter(([, p]) => (p.targets ?? []).some((t) => t.datasource.uid === '${ds_findings}' || t.datasource.uid === '${ds_occurrences}')))(
    '%s: finding queries apply every filter variable escaped for Lucene, and both toggles',
    (_name, panel) => {
      for (const target of panel.targets ?? []) {
        for (const field of FILTER_FIELDS) expect(target.query).toContain(`${field}:\${${field}:lucene}`);
        expect(target.query).toContain('${sample:raw}');
        expect(target.query).toContain('${archived:raw}');
      }
    },
  );

  it.each(panels)('%s: links to Explore', (_name, panel) => {
    expect(panel.links?.some((l) => l.url?.startsWith('/explore?'))).toBe(true);
  });
});
