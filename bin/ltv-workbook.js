#!/usr/bin/env node
/*
 * ltv-workbook: runs the command line's TypeScript (src/cli/main.ts) through tsx, installed by `npm ci`,
 * so there is no build step and the CLI is the same source the add-in is built from.
 */
"use strict";
const { register } = require("tsx/cjs/api");
register();
require("../src/cli/main.ts").cli();
