/**
 * Rewrites manifest.xml for a build: the served origin, and the optional custom-function namespace.
 * Pure string in → string out, so the manifest test checks exactly what the build writes.
 */
const DEV_URL = "https://localhost:3000/";

/**
 * @param {string} xml the source manifest
 * @param {{ url?: string, namespace?: string }} options url: where the add-in is served (ends with /);
 *   namespace: 1–32 letters/digits/_ (Excel's rule), or "" for none
 * @returns {string}
 */
function transformManifest(xml, { url = DEV_URL, namespace = "" } = {}) {
  let out = xml;
  const base = url.endsWith("/") ? url : `${url}/`;
  if (base !== DEV_URL) out = out.split(DEV_URL).join(base);
  if (namespace) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(namespace)) {
      throw new Error(
        `LTV_NAMESPACE '${namespace}' is invalid: use 1-32 letters, digits or _, starting with a letter.`
      );
    }
    out = out.replace(
      /(<Metadata>\s*<SourceLocation resid="Functions.Metadata.Url"\/>\s*<\/Metadata>)/,
      `$1\n            <Namespace resid="Functions.Namespace"/>`
    );
    out = out.replace(
      /(<bt:ShortStrings>)/,
      `$1\n        <bt:String id="Functions.Namespace" DefaultValue="${namespace.toUpperCase()}"/>`
    );
  }
  return out;
}

module.exports = { transformManifest, DEV_URL };
