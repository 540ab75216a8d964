/**
 * Code blocks as commands: terminal prompts (`parse/commands/prompts.ts`),
 * query and console languages (`query-languages.ts`), configuration and
 * printed data (`data-blocks.ts`) and sample output (`sample-output.ts`).
 */
import {describe, expect, it} from 'vitest'
import {md, parse} from './helpers.js'

const commandsOf = (markdown: string) => parse(markdown).runbook.steps.flatMap((step) => step.commands)
const codes = (markdown: string) => commandsOf(markdown).map((command) => command.code)
const block = (lang: string, body: string) => `# T\n\n## A\n\n\`\`\`${lang}\n${body}\n\`\`\`\n`

describe('prompts', () => {
  it('removes user@host, bracketed, versioned-shell and arrow prompts, output stays output', () => {
    const found = commandsOf(block('', 'ops@web-1:~$ sudo systemctl status nginx\n● nginx.service - web server\n[ops@web-1 conf]$ nginx -t\nsh-5.1# reboot\n❯ uptime'))
    expect(found.map((command) => [command.code, command.output])).toEqual([
      ['sudo systemctl status nginx', '● nginx.service - web server'],
      ['nginx -t', undefined],
      ['reboot', undefined],
      ['uptime', undefined]
    ])
  })

  it('finds prompts in indented blocks', () => {
    expect(codes(block('bash', '    sh-4.4# chroot /host\n    sh-4.4# toolbox'))).toEqual(['chroot /host', 'toolbox'])
  })

  it('reads a database prompt as SQL that no shell runs', () => {
    const found = commandsOf(block('', 'orders=# SELECT count(*) FROM orders;\n count\n-------\n  42'))
    expect(found.map((command) => [command.code, command.shell, command.lang])).toEqual([['SELECT count(*) FROM orders;', 'none', 'sql']])
  })

  it('keeps "# " comments beside prompts as comments, and a root prompt as a prompt', () => {
    expect(codes(block('console', '# check the disk first\n$ df -h /var\n# systemctl restart backupd'))).toEqual(['df -h /var', 'systemctl restart backupd'])
  })

  it('does not take "$NAME" at the start of a PowerShell line for a prompt', () => {
    expect(codes(block('powershell', '$vm = Get-VM -Name APP02\n$vm | Stop-VM'))).toEqual(['$vm = Get-VM -Name APP02\n$vm | Stop-VM'])
  })
})

describe('query and console blocks', () => {
  it('gives SQL, PromQL, Logs Insights and Rails console blocks their language and no shell', () => {
    const found = commandsOf(md`
      # T

      ## A

      \`\`\`sql
      SELECT id FROM jobs WHERE state = 'stuck';
      \`\`\`

      \`\`\`promql
      sum(rate(http_requests_total{code="500"}[5m]))
      \`\`\`

      \`\`\`ruby
      job = Job.find(42)
      job.retry!
      \`\`\`

      \`\`\`
      fields @timestamp, @message | filter @message like /timeout/
      \`\`\`
    `)
    expect(found.map((command) => [command.lang, command.shell])).toEqual([
      ['sql', 'none'],
      ['promql', 'none'],
      ['ruby', 'none'],
      [undefined, 'none']
    ])
  })

  it('knows untagged SQL and PromQL, and leaves shell blocks to their shell', () => {
    expect(commandsOf(block('', 'SELECT pid, state FROM pg_stat_activity;')).map((command) => command.shell)).toEqual(['none'])
    expect(commandsOf(block('', 'max by (instance) (node_load1{job="node"})')).map((command) => command.shell)).toEqual(['none'])
    expect(commandsOf(block('sh', 'psql -c "SELECT 1"')).map((command) => command.shell)).toEqual(['posix'])
  })
})

describe('data blocks', () => {
  it('leaves configuration, manifests and printed data out, even in shell blocks', () => {
    for (const body of [
      '[default]\nregion = eu-west-1',
      'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}',
      'node_count = 3\nmachine_type = "e2-small"',
      'Host jump\n    User deploy\n    IdentityFile ~/.ssh/jump',
      'app.kubernetes.io/name=web',
      'Attempts:   1\nFailures:   0',
      'NAME      READY   STATUS\nweb-0     1/1     Running',
      'Ticket:\nOwner: <owner>\nSummary:\n   what broke, in a line',
      'https://status.example.com/incidents',
      '2026-11-23 09:14:02.118 ERROR pool exhausted\n2026-11-23 09:14:03.020 ERROR pool exhausted',
      'Nov 23 09:14:02 web-1 kernel: Out of memory'
    ]) {
      expect(codes(block('bash', body)), body).toEqual([])
    }
  })

  it('still reads test brackets and plain commands as commands', () => {
    expect(codes(block('bash', '[ -f /etc/app.conf ] && echo present'))).toEqual(['[ -f /etc/app.conf ] && echo present'])
    expect(codes(block('', 'systemctl restart app'))).toEqual(['systemctl restart app'])
  })

  it('keeps the command on the first line of a YAML block, the rest as its output', () => {
    const found = commandsOf(block('yaml', 'kubectl get configmap web -o yaml\ndata:\n  mode: fast'))
    expect(found.map((command) => [command.code, command.output])).toEqual([['kubectl get configmap web -o yaml', 'data:\n  mode: fast']])
  })

  it('puts comment-only paragraphs of an untagged block with the command after them', () => {
    expect(codes(block('', 'du -sh /var/log\n\n# then rotate\n# by hand:\n\nlogrotate -f /etc/logrotate.conf\n\n# done.'))).toEqual([
      'du -sh /var/log',
      '# then rotate\n# by hand:\nlogrotate -f /etc/logrotate.conf'
    ])
  })
})

describe('sample output', () => {
  it('skips a block the sentence before introduces as output', () => {
    expect(
      codes(md`
        # T

        ## A

        \`\`\`sh
        certbot certificates
        \`\`\`

        The output should look similar to:

        \`\`\`
        Certificate Name: shop.example.com
        \`\`\`

        You should see:

        \`\`\`
        renewal succeeded
        \`\`\`
      `)
    ).toEqual(['certbot certificates'])
  })

  it('keeps a block whose sentence only mentions output, or uses "print" as a noun', () => {
    expect(codes('# T\n\n## A\n\nSave the output above in the ticket, then remove the rule:\n\n```sh\nmailctl rule rm fwd-1\n```\n')).toEqual(['mailctl rule rm fwd-1'])
    expect(codes('# T\n\n## A\n\nOpen the print queue, or:\n\n```sh\nlpq -a\n```\n')).toEqual(['lpq -a'])
  })

  it('keeps a block after "Run the following" even when it mentions output', () => {
    expect(codes('# T\n\n## A\n\nRun the following and keep its output:\n\n```sh\nkubectl get events -A\n```\n')).toEqual(['kubectl get events -A'])
  })

  it('reads a block right after a command block as its output when it is no command', () => {
    const found = commandsOf('# T\n\n## A\n\n```sh\nhostname -f\n```\n```text\nweb-1.example.com\n```\n')
    expect(found.map((command) => [command.code, command.output])).toEqual([['hostname -f', 'web-1.example.com']])
  })

  it('skips an example session introduced by "Example:" alone', () => {
    expect(codes('# T\n\n## A\n\nExample:\n\n```\n$ dig +short shop.example.com\n203.0.113.7\n```\n')).toEqual([])
    expect(codes('# T\n\n## A\n\nExample:\n\n```\n$ dig +short shop.example.com\n```\n')).toEqual(['dig +short shop.example.com'])
  })

  it('skips an example session that a sentence introduces with "e.g." or "for example", not a command it introduces', () => {
    const session = '```\n$ ceph -s\n  health: HEALTH_WARN\n```\n'
    expect(codes(`# T\n\n## A\n\nA network problem shows as a warning, e.g.\n\n${session}`)).toEqual([])
    expect(codes(`# T\n\n## A\n\nA network problem shows as a warning, for example:\n\n${session}`)).toEqual([])
    // Without output it is the command to run.
    expect(codes('# T\n\n## A\n\nCheck the health, for example:\n\n```\n$ ceph -s\n```\n')).toEqual(['ceph -s'])
  })
})
