#!/usr/bin/env node
// `npx hyperwasm tune spec.json [--study NAME --storage URL] ...`: see src/cli/run.ts (runCli) and `--help`.
// Resolves the package's own Node build by name (self-reference through package.json "exports").
import { runCli, tune } from 'hyperwasm';

process.exitCode = await runCli(process.argv.slice(2), { tune });
