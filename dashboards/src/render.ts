import { buildDashboards, buildManifest } from './catalog';
import { importForm } from './forms/import';
import { provisionedForm } from './forms/provisioned';
import { dashboardProviderYaml, dataSourcesYaml } from './provisioning';

/** Repository-relative folders the generator writes. */
export const OUTPUT_PATHS = {
  importDir: 'dashboards/import',
  provisionedDir: 'provisioning/dashboards/gdlens',
  provider: 'provisioning/dashboards/gdlens.yaml',
  dataSources: 'provisioning/datasources/gdlens.yaml',
  manifest: 'dashboards/manifest.json',
} as const;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every generated file: repository-relative path → content. Pure, so tests compare it with the tree. */
export function renderAll(): Map<string, string> {
  const built = buildDashboards();
  const files = new Map<string, string>();
  for (const { dashboard } of built) {
    files.set(`${OUTPUT_PATHS.provisionedDir}/${dashboard.uid}.json`, json(provisionedForm(dashboard)));
    files.set(`${OUTPUT_PATHS.importDir}/${dashboard.uid}.json`, json(importForm(dashboard)));
  }
  files.set(OUTPUT_PATHS.provider, dashboardProviderYaml());
  files.set(OUTPUT_PATHS.dataSources, dataSourcesYaml());
  files.set(OUTPUT_PATHS.manifest, json(buildManifest(built)));
  return files;
}
