/** The help text of `runbook run` (also printed by the `?` key and the `help` answer). */
export const help = `Usage: runbook run <file|folder|bundle.json> [options]

Walk through a runbook step by step: read each step, run its commands,
tick its checklist, take notes and choose where to go next. Progress is
saved after every answer; Ctrl-C saves and stops, --resume continues.

Options:
  --runbook <id>       which runbook, when the file or bundle holds several
  --param <k=v>        a parameter value (repeatable); secret ones are never saved
  --execute            allow running commands (each one asks y/N first;
                       destructive ones ask you to type "yes")
  --resume <file>      continue the session saved in <file>
  --state <file>       where to save progress (default: the --resume file,
                       else runbook-session-<runbook id>.json)
  --timeline <file>    write the incident timeline when the session ends
                       (Markdown; JSON when <file> ends in .json)
  --script <file|->    read answers from a file (or - for stdin), one per line
  --who <name>         who is following the runbook (default: $USER)
  --severity <s>       the incident's severity (default: the runbook's)
  --incident <ref>     an incident or ticket reference for the timeline
  -h, --help           show this help

Keys (terminal):
  Up/Down, Enter       pick a choice (or a number 1-9); Enter alone continues
  r  run a command     c  tick/untick a checklist item    n  add a note
  p  set a parameter   e  escalate                        b  back
  g  go to a step      f  finish here                     a  abandon
  q  save and quit     ?  help                            Ctrl-C save and stop

Script answers (one per line, # starts a comment):
  1, 2, …              take that choice        (empty), next   continue
  run N                run command N (the next line answers the y/N prompt)
  check N, uncheck N   note TEXT               param NAME=VALUE
  escalate person|team|runbook NAME: REASON
  back, goto STEP-ID, finish, abandon [REASON], quit

Without a terminal, --script is required (stdin is never waited on
otherwise). Exit codes: 0 finished or saved on request, 1 abandoned or the
script ended first, 2 usage or input/output error (a file, bundle or script
that cannot be read, a malformed bundle), 130 interrupted (Ctrl-C).

RUNBOOK_KIT_CLOCK=fixed (or an ISO date) makes times deterministic: the
clock starts at 2026-01-01T00:00:00Z and moves 1 s per answer.`
