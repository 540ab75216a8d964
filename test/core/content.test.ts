import {describe, expect, it} from 'vitest'
import {findParamTokens} from '@runbook-kit/core'
// Internal (not exported): a command's `destructive` field is its result.
import {destructiveReason} from '../../packages/core/src/parse/commands/commands.js'
import {md, parse, rules} from './helpers.js'

const stepOf = (markdown: string) => parse(markdown).runbook.steps[0]!

describe('checklists', () => {
  it('collects GFM task items with stable ids from their text', () => {
    const step = stepOf(md`
      # Onboard

      ## Accounts

      - [ ] Directory account created
      - [x] Mailbox created
        - nested detail
      - plain item
      - [ ] Directory account created
    `)
    expect(step.checklist).toEqual([
      {id: 'directory-account-created', text: 'Directory account created', checked: false},
      {id: 'mailbox-created', text: 'Mailbox created', checked: true},
      {id: 'directory-account-created-1', text: 'Directory account created', checked: false}
    ])
  })
})

describe('callouts', () => {
  it('reads GitHub alerts, "Warning:" blockquotes and bold lead-ins', () => {
    const step = stepOf(md`
      # T

      ## A

      > [!WARNING]
      > This deletes the mailbox.

      > Note: the client caches credentials.

      > **Caution** the restore overwrites live data.

      **Danger:** no undo.

      **Tip:** use the shortcut.

      > Just a quote.
    `)
    expect(step.callouts).toEqual([
      {kind: 'warning', text: 'This deletes the mailbox.'},
      {kind: 'note', text: 'the client caches credentials.'},
      {kind: 'caution', text: 'the restore overwrites live data.'},
      {kind: 'caution', text: 'no undo.'},
      {kind: 'tip', text: 'use the shortcut.'}
    ])
    const [alert, note] = step.content.children
    expect(alert).toMatchObject({type: 'blockquote', data: {callout: 'warning'}})
    // The [!WARNING] marker is gone from the rendered tree.
    expect(JSON.stringify(alert)).not.toContain('[!WARNING]')
    expect(note).toMatchObject({data: {callout: 'note'}})
    expect(step.content.children[5]).not.toHaveProperty('data')
  })
})

describe('commands', () => {
  it('treats shell-like and untagged code as commands, other languages not', () => {
    const step = stepOf(md`
      # T

      ## A

      \`\`\`bash
      systemctl restart cups
      \`\`\`

      \`\`\`powershell
      Restart-Service Spooler
      \`\`\`

      \`\`\`
      ipconfig /flushdns
      \`\`\`

      \`\`\`yaml
      key: value
      \`\`\`

      \`\`\`
      Error: connection refused
      \`\`\`

          indented-command --flag
    `)
    expect(step.commands.map((command) => [command.code, command.shell, command.lang ?? null])).toEqual([
      ['systemctl restart cups', 'posix', 'bash'],
      ['Restart-Service Spooler', 'powershell', 'powershell'],
      ['ipconfig /flushdns', 'posix', null],
      ['indented-command --flag', 'posix', null]
    ])
  })

  it('splits prompts from sample output', () => {
    const step = stepOf(md`
      # T

      ## A

      \`\`\`console
      $ ping -c 1 gw
      PING gw: 56 data bytes
      # systemctl status cups
      active (running)
      $ kubectl get pods \\
          -n default
      \`\`\`

      \`\`\`powershell
      PS C:\\> Get-Service Spooler
      Status Name
      \`\`\`
    `)
    expect(step.commands.map((command) => ({code: command.code, output: command.output}))).toEqual([
      {code: 'ping -c 1 gw', output: 'PING gw: 56 data bytes'},
      {code: 'systemctl status cups', output: 'active (running)'},
      {code: 'kubectl get pods \\\n    -n default', output: undefined},
      {code: 'Get-Service Spooler', output: 'Status Name'}
    ])
  })

  it('keeps "# " comments in scripts', () => {
    const step = stepOf('# T\n\n## A\n\n```bash\n# flush\nresolvectl flush-caches\n```\n')
    expect(step.commands.map((command) => command.code)).toEqual(['# flush\nresolvectl flush-caches'])
  })

  it('finds parameters in every syntax and skips ambient and assigned variables', () => {
    const code = 'ssh <user>@${HOST} "cd $HOME && echo $TICKET {{ printer }}"\nCOUNT=3; echo $COUNT; cat <<EOF'
    expect(findParamTokens(code).map((token) => [token.name, token.syntax, code.slice(token.start, token.end)])).toEqual([
      ['user', 'angle', '<user>'],
      ['HOST', 'dollar-brace', '${HOST}'],
      ['TICKET', 'dollar', '$TICKET'],
      ['printer', 'mustache', '{{ printer }}']
    ])
    // A declared name counts even when it looks ambient.
    expect(findParamTokens('echo $USER', new Set(['USER'])).map((token) => token.name)).toEqual(['USER'])
  })

  it('lists declared and inferred parameters and reports undeclared ones', () => {
    const {runbook, diagnostics} = parse(md`
      ---
      title: T
      params:
        - name: printer
          description: Printer host name
        - name: password
          secret: true
      ---
      ## A

      \`\`\`sh
      lpstat -p <printer> && echo <queue> <queue>
      \`\`\`
    `)
    expect(runbook.params).toEqual([
      {name: 'printer', description: 'Printer host name', secret: false, declared: true},
      {name: 'password', secret: true, declared: true},
      {name: 'queue', secret: false, declared: false}
    ])
    expect(runbook.steps[0]!.params).toEqual(['printer', 'queue'])
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      ['undeclared-param', 11, 'Parameter "queue" is used but not declared in the frontmatter']
    ])
  })

  it('marks destructive commands and wants a warning before them', () => {
    for (const code of [
      'rm -rf /var/tmp/x',
      'DROP TABLE users;',
      'mkfs.ext4 /dev/sdb1',
      'dd if=/dev/zero of=/dev/sda',
      'git push --force origin main',
      'kubectl delete pod x --force',
      'Remove-Item C:\\Temp -Recurse -Force',
      'TRUNCATE orders;',
      'DELETE FROM sessions;'
    ]) {
      expect(destructiveReason(code), code).toBeTypeOf('string')
    }
    for (const code of ['rm file.txt', 'DELETE FROM sessions WHERE id = 1;', 'kubectl get pods', 'ls -rf']) {
      expect(destructiveReason(code), code).toBeUndefined()
    }
    const unwarned = parse('# T\n\n## Clean\n\n```sh\nrm -rf /tmp/cache\n```\n')
    expect(unwarned.runbook.steps[0]!.commands[0]!.destructive).toBe(true)
    expect(unwarned.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['destructive-without-warning', 5, 1]])
    const warned = parse('# T\n\n## Clean\n\n> [!CAUTION]\n> Deletes the cache.\n\n```sh\nrm -rf /tmp/cache\n```\n')
    expect(rules(warned.diagnostics)).toEqual([])
  })

  it('adds command positions only when asked', () => {
    const source = '# T\n\n## A\n\n```sh\nuptime\n```\n'
    expect(parse(source).runbook.steps[0]!.commands[0]).not.toHaveProperty('position')
    expect(parse(source, {positions: true}).runbook.steps[0]!.commands[0]!.position!.start).toMatchObject({line: 5, column: 1})
  })
})

describe('untagged code', () => {
  it('splits at blank lines: commands, and output that follows them', () => {
    const step = stepOf('# T\n\n## A\n\n    oc get pods\n    oc get nodes\n\n    holderIdentity: node-1\n    leaseDurationSeconds: 60\n\n    oc logs pod-x\n')
    expect(step.commands.map((command) => [command.code, command.output])).toEqual([
      ['oc get pods\noc get nodes', 'holderIdentity: node-1\nleaseDurationSeconds: 60'],
      ['oc logs pod-x', undefined]
    ])
  })
})

describe('warnings before branches', () => {
  it('a warning in the deciding step covers its "If" branches', () => {
    const source = md`
      # Revert

      ## Revert the snapshot

      > [!WARNING]
      > Reverting loses every change since the snapshot.

      ### If the host runs Proxmox

      \`\`\`sh
      qm rollback <vmid> <snapshot>
      \`\`\`

      ### If the host runs libvirt

      \`\`\`sh
      virsh snapshot-revert <domain> <snapshot>
      \`\`\`
    `
    expect(rules(parse(source).diagnostics).filter((rule) => rule === 'destructive-without-warning')).toEqual([])
    const unwarned = source.replace('> [!WARNING]\n> Reverting loses every change since the snapshot.\n', '')
    expect(rules(parse(unwarned).diagnostics).filter((rule) => rule === 'destructive-without-warning')).toHaveLength(2)
  })
})
