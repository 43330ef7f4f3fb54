/**
 * HTTPS options for the dev server at https://localhost:3000.
 *
 * Windows and macOS: office-addin-dev-certs creates a developer CA and installs it in the system store, as Office
 * requires. Linux has no desktop Excel and the installer needs sudo, so there we only generate the certificates
 * (same tool, same folder ~/.office-addin-dev-certs) and say how to trust the CA in the browser used for Excel on
 * the web.
 */
const fs = require("fs");
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

async function httpsOptions() {
  if (process.platform === "win32" || process.platform === "darwin")
    return devCerts.getHttpsServerOptions();
  const paths = [
    defaults.caCertificatePath,
    defaults.localhostCertificatePath,
    defaults.localhostKeyPath,
  ];
  if (!paths.every((p) => fs.existsSync(p))) {
    await devCerts.generateCertificates(...paths);
  }
  return {
    ca: fs.readFileSync(defaults.caCertificatePath),
    cert: fs.readFileSync(defaults.localhostCertificatePath),
    key: fs.readFileSync(defaults.localhostKeyPath),
  };
}

module.exports = { httpsOptions, caCertificatePath: defaults.caCertificatePath };
