/* eslint-disable @typescript-eslint/no-require-imports -- webpack config code is CommonJS */
/**
 * Build: dist/functions.js + dist/functions.json (+ functions.ja.json), dist/taskpane.html + taskpane.js
 * (the shared runtime: the task pane page also loads the functions), dist/manifest.xml and assets.
 *
 * Environment:
 *   ADDIN_URL      origin (and path) the add-in is served from in production; default https://localhost:3000/
 *   LTV_NAMESPACE  optional custom-function namespace (e.g. ACME → =ACME.LTV). Default: none, so =LTV(...).
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const LocalizedMetadataPlugin = require("./scripts/webpack/localized-metadata-plugin");
const { transformManifest } = require("./scripts/manifest-transform");

const DEV_URL = "https://localhost:3000/";
const FUNCTION_FILES = [
  "./src/functions/foundation.ts",
  "./src/functions/analytics.ts",
  "./src/functions/models.ts",
  "./src/functions/ledger-value.ts",
  "./src/functions/customer-value.ts",
];

const { httpsOptions } = require("./scripts/dev-certs");

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const addinUrl = process.env.ADDIN_URL || DEV_URL;
  const namespace = process.env.LTV_NAMESPACE || "";
  return {
    devtool: dev ? "source-map" : false,
    target: ["web", "es2020"],
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      globalObject: "globalThis",
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { sourceMap: dev } },
          },
        },
      ],
    },
    performance: { hints: false },
    optimization: { splitChunks: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTION_FILES }),
      new LocalizedMetadataPlugin({ input: "functions.json", output: "functions.ja.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "blocking",
        inject: "body",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/help/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              transformManifest(content.toString(), { url: addinUrl, namespace }),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server:
        env && env.WEBPACK_SERVE ? { type: "https", options: await httpsOptions() } : undefined,
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      hot: false,
      liveReload: false,
      client: false,
    },
  };
};

module.exports.FUNCTION_FILES = FUNCTION_FILES;
