#!/usr/bin/env node
import { runCli } from './run.js';

const tty = process.stderr.isTTY === true;
let progressShown = false;
process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => {
    if (progressShown) process.stderr.write('\r\x1b[K');
    progressShown = false;
    process.stderr.write(t.endsWith('\n') ? t : `${t}\n`);
  },
  ...(tty
    ? {
        progress: (t: string) => {
          process.stderr.write(`\r\x1b[K${t}`);
          progressShown = true;
        },
      }
    : {}),
});
if (progressShown) process.stderr.write('\r\x1b[K');
