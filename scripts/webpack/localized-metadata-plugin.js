/**
 * Finishes the `functions.json` that CustomFunctionsMetadataPlugin generates (`finishMetadata`: the properties
 * its JSDoc tags cannot express) and emits `functions.<lang>.json` beside it, using the translation table in
 * src/i18n/functions (TypeScript, loaded through tsx so there is one source).
 */
const { register } = require("tsx/cjs/api");
const path = require("path");
const { Compilation, sources, WebpackError } = require("webpack");

class LocalizedMetadataPlugin {
  constructor({ input = "functions.json", output = "functions.ja.json" } = {}) {
    this.input = input;
    this.output = output;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizedMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset =
            compilation.getAsset(this.input) ||
            (compilation.assets[this.input] && { source: compilation.assets[this.input] });
          if (!asset) return; // the metadata plugin reported its own error
          const tsx = register({ namespace: "ltv-metadata" });
          try {
            const root = path.resolve(__dirname, "../..");
            const { finishMetadata, localizeMetadata } = tsx.require(
              path.join(root, "src/i18n/localize-metadata.ts"),
              __filename
            );
            const { FUNCTIONS_JA } = tsx.require(
              path.join(root, "src/i18n/functions/index.ts"),
              __filename
            );
            const english = finishMetadata(JSON.parse(asset.source.source().toString()));
            compilation.updateAsset(
              this.input,
              new sources.RawSource(JSON.stringify(english, null, 4))
            );
            const ja = localizeMetadata(english, FUNCTIONS_JA);
            compilation.emitAsset(this.output, new sources.RawSource(JSON.stringify(ja, null, 2)));
          } catch (error) {
            compilation.errors.push(
              new WebpackError(String(error && error.message ? error.message : error))
            );
          } finally {
            tsx.unregister();
          }
        }
      );
    });
  }
}

module.exports = LocalizedMetadataPlugin;
