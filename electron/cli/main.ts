#!/usr/bin/env node
// `tco --help` answers from a module of its own before the app (zod, SQLite, the engine) is loaded.
const argv = process.argv.slice(2);
const help = argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help');
const { runCli } = help ? { runCli: null } : await import('./run.js');
if (help) process.stdout.write(`${(await import('./usage.js')).USAGE}\n`);

const tty = process.stderr.isTTY === true;
let progressShown = false;
if (runCli)
  process.exitCode = await runCli(argv, {
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
