/**
 * The range the dashboards are written for. Grafana 11.0 is the oldest whose dashboard model
 * (schemaVersion 39) and panels (stat/table/bargauge/piechart options) we generate; the data source
 * plugin 2.34 is the one whose request building `@gdlens/grafana-model` reproduces and
 * `gdlens check-dashboards` verifies.
 */
export const SUPPORTED = {
  grafana: { min: '11.0.0', testedAgainstModelOf: '12.x' },
  opensearchDatasource: { min: '2.34.0', modelledOn: '2.34.2' },
} as const;
