#!/usr/bin/env node
// The rolegate command: dispatches to the compiled subcommands in dist/ (`npm run build` first).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then((code) => process.exit(code));
