/**
 * Inline commands (`parse/commands/inline-commands.ts`): inline code in a
 * sentence or list item is a command when the text says to run it, or when
 * it plainly is one; names, values and mentions are not.
 */
import {describe, expect, it} from 'vitest'
import {md, parse} from './helpers.js'

const codes = (markdown: string) => parse(markdown).runbook.steps.flatMap((step) => step.commands.map((command) => command.code))

describe('inline commands', () => {
  it('takes inline code after a word that says to run it', () => {
    expect(
      codes(md`
        # Cache

        ## Flush

        - Check the cache pods via \`kubectl -n shop get pods -l app=cache\`.
        - To reload the proxy, run \`sudo systemctl reload haproxy\`.
        - Then execute \`redis-cli FLUSHALL\` on the primary.
        - To see the jobs, use the command \`jobctl list\`.
      `)
    ).toEqual(['kubectl -n shop get pods -l app=cache', 'sudo systemctl reload haproxy', 'redis-cli FLUSHALL', 'jobctl list'])
  })

  it('takes a lone command after a colon, a command alone in its item, and an assignment alone', () => {
    expect(
      codes(md`
        # Queue

        ## Drain

        Restart the worker with: \`sudo service queue-worker restart\`

        - \`queuectl drain --all\`
        - \`QUEUE=billing\`
      `)
    ).toEqual(['sudo service queue-worker restart', 'queuectl drain --all', 'QUEUE=billing'])
  })

  it('takes a full command line even without a cue', () => {
    expect(codes('# T\n\n## A\n\nIs the daemon up? Look in `ps aux | grep printd` first.\n')).toEqual(['ps aux | grep printd'])
  })

  it('leaves names, values, files and mentions alone', () => {
    expect(
      codes(md`
        # Scale

        ## Adjust

        Find the \`maxReplicas\` line and set it to \`40\`.
        The value lives in \`/etc/scaler/limits.conf\` under \`type: hpa\`.
        Run it with the \`worker-pool\` label, from \`/bin/sh\`.
        Last week someone ran \`terraform apply\` by mistake.
        Good looks like: exit 0 for every run, and \`all checks passed\` in the log.

        | command | what |
        | --- | --- |
        | \`kubectl get pods -A\` | every pod |

        ### Run \`kubectl top nodes\`
      `)
    ).toEqual([])
  })

  it('leaves settings to write in a file alone, even alone in a list item', () => {
    expect(codes('# T\n\n## Settings\n\nSet these in the module:\n\n- `delete_branch_on_merge = true`\n- `retention := 30d`\n')).toEqual([])
    // A shell assignment has no spaces, and is still a command when it stands alone.
    expect(codes('# T\n\n## Env\n\n- `export REGION=eu-west-2`\n')).toEqual(['export REGION=eu-west-2'])
  })

  it('lists an inline command once per step, and a PowerShell cmdlet as PowerShell', () => {
    const {runbook} = parse('# T\n\n## A\n\nRun `Get-Service Spooler -ComputerName prn01`. If it stops, run `Get-Service Spooler -ComputerName prn01` again.\n')
    expect(runbook.steps[0]!.commands.map((command) => [command.code, command.shell])).toEqual([
      ['Get-Service Spooler -ComputerName prn01', 'powershell']
    ])
  })
})
