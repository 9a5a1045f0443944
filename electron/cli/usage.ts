/** The `tco` command's usage: its own module, so `tco --help` answers without loading the app (electron/cli/main.ts). */
export const USAGE = `usage: tco <command> [options]
  tco compute FILE [--json] [--draws N] [--seed S]   cost of every vendor (FILE: a workspace file or a document .json)
  tco new FILE [--from DOC.json]                     create a workspace file, empty or from a document
  tco export FILE --json OUT                         write a workspace file's document
  tco export FILE --pdf OUT                          the business-case report (FILE: a workspace file or a document .json)
  tco export FILE --xlsx OUT                         the workbook: inputs, monthly and summary formulas that recompute the totals
  tco export FILE --csv OUT [--table compare|monthly]
                                                     the compare table (default) or the monthly rows as CSV
  tco import FILE EVENTS --vendor ID [--format NAME | --mapping MAP.json [--kind csv|jsonl]]
             [--time-zone ZONE] [--time-format FMT] [--json]
                                                     a pilot's event log (or a vendor's export, gzip or not)
                                                     into a vendor's pilots; ZONE (UTC, Europe/London) for
                                                     times written without one, FMT such as M/D/YYYY H:mm
  tco import --formats [--json]                      the formats import reads, with a line on each
  tco segments TEXT [--json]                         SMS segments of a message text
  tco holdout --exposed X1/N1 --holdout X0/N0 [--json]
  tco sample-size --p0 P --lift D [--alpha 0.05] [--power 0.8] [--json]`;
