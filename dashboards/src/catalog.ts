import { assembleDashboard, type BuiltDashboard } from './dashboards/assemble';
import { findingsDashboard } from './dashboards/findings';
import { integrityDashboard } from './dashboards/integrity';
import { overviewDashboard } from './dashboards/overview';
import { pipelineDashboard } from './dashboards/pipeline';
import { threatsDashboard } from './dashboards/threats';
import { VIEWS, type ManifestEntry } from './views';

/** Every gdlens dashboard, built. */
export function buildDashboards(): BuiltDashboard[] {
  return [overviewDashboard(), threatsDashboard(), findingsDashboard(), integrityDashboard(), pipelineDashboard()].map(assembleDashboard);
}

/** Each view with the panels that show it; a view without panels has an empty list. */
export function buildManifest(dashboards: readonly BuiltDashboard[] = buildDashboards()): ManifestEntry[] {
  return VIEWS.map((view) => ({
    view: view.id,
    title: view.title,
    panels: dashboards.flatMap((built) =>
      built.panelViews.filter((p) => p.view === view.id).map((p) => ({ dashboardUid: built.dashboard.uid, panelId: p.panelId, panelTitle: p.title })),
    ),
  }));
}
