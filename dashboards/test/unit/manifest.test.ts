import { buildDashboards, buildManifest } from '../../src/catalog';
import { VIEWS } from '../../src/views';

describe('views manifest', () => {
  const dashboards = buildDashboards();
  const manifest = buildManifest(dashboards);

  it.each(VIEWS.map((v) => [v.id]))('view %s has at least one panel', (view) => {
    expect(manifest.find((e) => e.view === view)?.panels.length ?? 0).toBeGreaterThan(0);
  });

  it('fails for a view with no panel', () => {
    const withoutFindings = dashboards.filter((d) => d.dashboard.uid !== 'gdlens-findings-detail');
    const entry = buildManifest(withoutFindings).find((e) => e.view === 'findings-detail');
    expect(entry?.panels).toEqual([]);
  });

  it('points at panels that exist, with their titles', () => {
    for (const entry of manifest) {
      for (const ref of entry.panels) {
        const dashboard = dashboards.find((d) => d.dashboard.uid === ref.dashboardUid)?.dashboard;
        const panel = dashboard?.panels.find((p) => p.id === ref.panelId);
        expect(panel?.title).toBe(ref.panelTitle);
      }
    }
  });

  it('gives every panel exactly one view and unique ids within its dashboard', () => {
    for (const { dashboard, panelViews } of dashboards) {
      const ids = dashboard.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(panelViews.map((p) => p.panelId).sort()).toEqual([...ids].sort());
    }
  });

  it('has a Critical, High, Medium and Low count', () => {
    const titles = manifest.find((e) => e.view === 'counts-by-band')?.panels.map((p) => p.panelTitle);
    expect(titles).toEqual(['Critical findings', 'High findings', 'Medium findings', 'Low findings']);
  });
});
