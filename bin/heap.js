"use strict";
/*
 * The heap the command line runs with: half the machine's memory, at most 16 GB (in MB). The workbook of a very
 * large ledger holds one row per customer, and the .xlsx writer keeps the whole sheet in memory while it writes:
 * several hundred thousand customers need more than Node's default heap (about 4 GB).
 */
const os = require("node:os");

const MB = 1024 * 1024;

/** The --max-old-space-size the command line asks for, in MB. */
function wantedHeapMB() {
  return Math.min(16 * 1024, Math.floor(os.totalmem() / 2 / MB));
}

module.exports = { wantedHeapMB };
