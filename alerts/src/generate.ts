import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildProvisioningFiles, renderProvisioningYaml } from './provisioning';
import { DEFAULT_SETTINGS } from './settings';

/**
 * Writes `provisioning/alerting/*.yaml` from the typed rules with default settings. Run from the
 * repository root: `node alerts/dist/generate.js [OUTPUT_DIR]`.
 */
export function writeProvisioningFiles(outputDir: string): string[] {
  mkdirSync(outputDir, { recursive: true });
  const written: string[] = [];
  for (const [name, file] of Object.entries(buildProvisioningFiles(DEFAULT_SETTINGS))) {
    const path = join(outputDir, name);
    writeFileSync(path, renderProvisioningYaml(file));
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  const outputDir = resolve(process.argv[2] ?? join(__dirname, '../../provisioning/alerting'));
  for (const path of writeProvisioningFiles(outputDir)) process.stdout.write(`wrote ${path}\n`);
}
