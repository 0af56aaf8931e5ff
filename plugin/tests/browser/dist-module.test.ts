/**
 * The production build as Grafana loads it: `dist/module.js` is an AMD module whose Grafana
 * packages and React come from Grafana (externals, never bundled) and which exports `plugin`, a
 * PanelPlugin; `dist/plugin.json` carries what Grafana's plugin loader requires. Runs after
 * `npm run build` (the root orchestrator builds before this tier).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const DIST = path.resolve(__dirname, '../../dist');
const packageJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };

/** Stands in for @grafana/data's PanelPlugin: records the panel and the option builder calls. */
class StubPanelPlugin {
  readonly options: Array<{ kind: string; path: string; defaultValue: unknown }> = [];
  constructor(readonly panel: unknown) {}
  setPanelOptions(supplier: (builder: Record<string, (config: { path: string; defaultValue?: unknown }) => unknown>) => void): this {
    const builder: Record<string, (config: { path: string; defaultValue?: unknown }) => unknown> = {};
    for (const kind of ['addRadio', 'addNumberInput', 'addBooleanSwitch', 'addTextInput', 'addSelect', 'addSliderInput', 'addCustomEditor']) {
      builder[kind] = (config) => {
        this.options.push({ kind, path: config.path, defaultValue: config.defaultValue });
        return builder;
      };
    }
    supplier(builder);
    return this;
  }
}

function loadAmd(source: string): { deps: string[]; exports: Record<string, unknown> } {
  let captured: { deps: string[]; exports: Record<string, unknown> } | undefined;
  const stubs: Record<string, unknown> = {
    react: { createElement: () => null, useState: () => [undefined, () => undefined], useMemo: (fn: () => unknown) => fn(), useCallback: (fn: unknown) => fn, useRef: () => ({ current: null }) },
    'react/jsx-runtime': { jsx: () => null, jsxs: () => null, Fragment: 'fragment' },
    '@grafana/data': { PanelPlugin: StubPanelPlugin },
    '@grafana/ui': { useStyles2: () => ({}), useTheme2: () => ({}) },
    '@grafana/runtime': { locationService: { partial: () => undefined }, PanelDataErrorView: () => null },
    '@emotion/css': { css: () => 'class', cx: (...names: unknown[]) => names.filter(Boolean).join(' ') },
  };
  const define = (deps: string[], factory: (...modules: unknown[]) => Record<string, unknown>) => {
    const modules = deps.map((dep) => {
      if (!(dep in stubs)) throw new Error(`unexpected external ${dep}`);
      return stubs[dep];
    });
    captured = { deps, exports: factory(...modules) };
  };
  // Only `define` and the browser globals a bundle may touch; no `require`, no `module`.
  vm.runInNewContext(source, { define, window: {}, self: {}, console }, { filename: 'module.js' });
  if (!captured) throw new Error('module.js did not call define');
  return captured;
}

describe('dist/ as Grafana loads it', () => {
  const modulePath = path.join(DIST, 'module.js');

  it('exists (run npm run build first)', () => {
    expect(existsSync(modulePath)).toBe(true);
  });

  it('is an AMD module exporting a PanelPlugin with the panel options', () => {
    const source = readFileSync(modulePath, 'utf8');
    expect(source.startsWith('define(')).toBe(true);
    const { deps, exports } = loadAmd(source);
    expect(deps).toEqual(expect.arrayContaining(['react', 'react/jsx-runtime', '@grafana/data', '@grafana/ui', '@grafana/runtime']));
    const plugin = exports.plugin as StubPanelPlugin;
    expect(plugin).toBeInstanceOf(StubPanelPlugin);
    expect(typeof plugin.panel).toBe('function');
    expect(plugin.options.map((option) => option.path)).toEqual(
      expect.arrayContaining(['view', 'maxRows', 'maxColumns', 'showLow', 'threatPurposeField', 'resourceTypeField', 'findingTypeField', 'severityField'])
    );
    expect(plugin.options.find((option) => option.path === 'view')).toMatchObject({ kind: 'addRadio', defaultValue: 'matrix' });
  });

  it('bundles neither React nor the Grafana packages, but does bundle the finding model', () => {
    const source = readFileSync(modulePath, 'utf8');
    expect(source).not.toContain('__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED');
    expect(source).not.toContain('react.production');
    expect(source).not.toMatch(/ReactCurrentDispatcher|__CLIENT_INTERNALS/);
    expect(source).not.toContain('createTheme');
    // The decoder's vocabulary lives in @gdlens/finding-model, which Grafana does not provide.
    expect(source).toContain('C&CActivity');
    expect(source.length).toBeLessThan(500_000);
  });

  it('ships a plugin.json Grafana accepts', () => {
    const meta = JSON.parse(readFileSync(path.join(DIST, 'plugin.json'), 'utf8')) as {
      type: string;
      id: string;
      name: string;
      info: { version: string; updated: string; logos: { small: string; large: string }; author: { name: string } };
      dependencies: { grafanaDependency: string };
    };
    expect(meta.type).toBe('panel');
    expect(meta.id).toBe('gdlens-findings-panel');
    // Grafana requires <org>-<name>-<type> ids for plugins it loads unsigned or from a catalogue.
    expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-panel$/);
    expect(meta.name.length).toBeGreaterThan(0);
    expect(meta.info.version).toBe(packageJson.version);
    expect(meta.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(meta.info.author.name.length).toBeGreaterThan(0);
    for (const logo of [meta.info.logos.small, meta.info.logos.large]) expect(existsSync(path.join(DIST, logo))).toBe(true);
    const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(meta.dependencies.grafanaDependency);
    expect(minimum).not.toBeNull();
    // React's jsx-runtime is shared by Grafana from 12.3 on; the module imports it as an external.
    const [major, minor] = [Number(minimum![1]), Number(minimum![2])];
    expect(major > 12 || (major === 12 && minor >= 3)).toBe(true);
  });
});
