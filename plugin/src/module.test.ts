import { PanelOptionsEditorBuilder, PanelPlugin, standardEditorsRegistry } from '@grafana/data';
import { DEFAULT_OPTIONS } from './constants';
import { plugin } from './module';
import type { PanelOptions } from './types';

// Grafana fills the option editor registry at start-up; the builder only needs the ids to exist.
beforeAll(() => {
  standardEditorsRegistry.setInit(() =>
    ['radio', 'number', 'boolean', 'text'].map((id) => ({ id, name: id, editor: () => null }))
  );
});

describe('plugin', () => {
  it('is a panel plugin whose option defaults match the gdlens documents', () => {
    expect(plugin).toBeInstanceOf(PanelPlugin);
    expect(plugin.defaults).toEqual(DEFAULT_OPTIONS);
  });

  it('offers the three views and shows limits only where they apply', () => {
    const builder = new PanelOptionsEditorBuilder<PanelOptions>();
    plugin.getPanelOptionsSupplier()(builder, { data: [] });
    const items = builder.getItems();
    const view = items.find((item) => item.path === 'view');
    expect((view?.settings as { options: Array<{ value: string }> }).options.map((option) => option.value)).toEqual(['matrix', 'decoder', 'strip']);
    const maxColumns = items.find((item) => item.path === 'maxColumns');
    expect(maxColumns?.showIf?.({ ...DEFAULT_OPTIONS, view: 'matrix' })).toBe(true);
    expect(maxColumns?.showIf?.({ ...DEFAULT_OPTIONS, view: 'decoder' })).toBe(false);
    expect(items.filter((item) => item.category?.[0] === 'Fields').map((item) => item.path)).toHaveLength(8);
  });
});
