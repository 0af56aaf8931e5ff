import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderAll } from '../../src/render';

const repoRoot = resolve(__dirname, '../../..');

describe('committed generated files', () => {
  const files = [...renderAll()];

  it('cover both forms, the provider and the data sources', () => {
    const paths = files.map(([path]) => path);
    expect(paths.filter((p) => p.startsWith('dashboards/import/')).length).toBe(5);
    expect(paths.filter((p) => p.startsWith('provisioning/dashboards/gdlens/')).length).toBe(5);
    expect(paths).toEqual(expect.arrayContaining(['provisioning/datasources/gdlens.yaml', 'provisioning/dashboards/gdlens.yaml', 'dashboards/manifest.json']));
  });

  it.each(files.map(([path]) => [path]))('%s matches the generator (run `npm run generate -w dashboards`)', (path) => {
    const expected = files.find(([p]) => p === path)?.[1];
    expect(readFileSync(resolve(repoRoot, path), 'utf8')).toBe(expected);
  });
});
