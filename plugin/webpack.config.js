// Production build in the layout Grafana's create-plugin produces: an AMD `dist/module.js` whose
// Grafana packages, React and the libraries Grafana shares with plugins stay external (Grafana
// hands its own instances to `define`), plus plugin.json, README and logo copied beside it.
const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const pluginJson = require('./src/plugin.json');
const packageJson = require('./package.json');

/** Modules Grafana provides to plugins at runtime; bundling them would load a second React. */
const EXTERNALS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react-router',
  'react-router-dom',
  'react-redux',
  'redux',
  'rxjs',
  'lodash',
  'moment',
  'slate',
  'slate-react',
  'slate-plain-serializer',
  'jquery',
  'd3',
  'i18next',
  'emotion',
  '@emotion/css',
  '@emotion/react',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  '@grafana/i18n',
  '@grafana/slate-react',
];

module.exports = (env = {}) => {
  const production = Boolean(env.production);
  return {
    mode: production ? 'production' : 'development',
    context: path.join(__dirname, 'src'),
    entry: { module: './module.ts' },
    devtool: production ? 'source-map' : 'eval-source-map',
    target: 'web',
    externals: [
      ...EXTERNALS,
      // Grafana's own app modules, when a plugin imports them.
      ({ request }, callback) => (request && request.startsWith('grafana/') ? callback(undefined, request) : callback()),
    ],
    output: {
      clean: true,
      filename: '[name].js',
      path: path.resolve(__dirname, 'dist'),
      publicPath: `public/plugins/${pluginJson.id}/`,
      library: { type: 'amd' },
      uniqueName: pluginJson.id,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx'],
    },
    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                baseUrl: path.resolve(__dirname, 'src'),
                target: 'es2015',
                loose: false,
                parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
      ],
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'plugin.json',
            to: '.',
            transform: (content) =>
              content
                .toString()
                .replace(/%VERSION%/g, packageJson.version)
                .replace(/%TODAY%/g, new Date().toISOString().slice(0, 10)),
          },
          { from: '../README.md', to: '.' },
          { from: 'img/**/*', to: '.' },
        ],
      }),
    ],
    performance: { hints: false },
    stats: production ? 'errors-warnings' : 'normal',
  };
};
