#!/usr/bin/env node
// The `tco` command: runs the TypeScript sources through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
