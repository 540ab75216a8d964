#!/usr/bin/env node
// The `runbook` command: a thin launcher for the built CLI.
import {main} from '../dist/node/cli.js'

process.exitCode = await main(process.argv.slice(2))
