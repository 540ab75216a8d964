/**
 * Parameters: the placeholder forms (`parse/params/placeholder-syntax.ts`;
 * ambient variables in `placeholders.ts`), names folded to one spelling
 * (`names.ts`, `command-params.ts`), variables the runbook sets
 * (`set-variables.ts`) and placeholders in prose (`prose-placeholders.ts`).
 */
import {describe, expect, it} from 'vitest'
import {findParamTokens} from '@runbook-kit/core'
import {md, parse} from './helpers.js'

const keys = (code: string) => findParamTokens(code).map((token) => token.key)
const paramsOf = (markdown: string) => parse(markdown).runbook.params.map((param) => param.name)
const sh = (body: string) => `# T\n\n## A\n\n\`\`\`sh\n${body}\n\`\`\`\n`

describe('placeholder forms in commands', () => {
  it('finds angle brackets with spaces, dollars in any capitalized case, mustaches, capitals in brackets and bare value names', () => {
    const code = 'ssh -i KEY_FILE [YOUR USER]@<IP address of jump host> -p $Ssh_Port "cat ${LOG} {{ extra }}" > REPORT_PATH'
    expect(findParamTokens(code).map((token) => [token.key, token.syntax])).toEqual([
      ['key_file', 'bare'],
      ['your_user', 'bracket'],
      ['ip_address_of_jump_host', 'angle'],
      ['ssh_port', 'dollar'],
      ['log', 'dollar-brace'],
      ['extra', 'mustache'],
      ['report_path', 'bare']
    ])
  })

  it('leaves out ambient, automatic and lower-case script variables, markup and output markers', () => {
    expect(keys('echo $HOME $PATH $line $1; awk \'{print $NF}\'')).toEqual([])
    expect(keys('if ($Error) { $True }; $Env:TEMP; Write-Host $PSVersionTable')).toEqual([])
    expect(keys('cat <<EOF\n<b>bold</b> <none> <unknown>\nEOF')).toEqual([])
    expect(keys('docker ps --format "{{.Names}}"; echo ${{ secrets.TOKEN }}')).toEqual([])
  })

  it('reads bare capitals only when they name a value', () => {
    expect(keys('aws s3 cp report.csv s3://BUCKET_NAME/ --sse AES256')).toEqual(['bucket_name'])
    expect(keys('ALTER DATABASE shop SET SINGLE_USER WITH NO_INFOMSGS; kill -SIGTERM 1; echo O_RDONLY')).toEqual([])
    expect(keys('LOG_LEVEL=debug ./run.sh; grep -c OOM_KILL x; date +%Y_%m')).toEqual([])
  })

  it('leaves marker words in brackets, bracketed lower case and array indexes alone', () => {
    expect(keys('echo "[TODO] [WARNING] [x]"; echo ${arr[IDX]}; [ -z "$x" ]')).toEqual([])
  })
})

describe('parameter names', () => {
  it('folds spellings of one name into one parameter', () => {
    expect(paramsOf(sh('kubectl logs <POD> -n <Name-Space>\nkubectl delete pod <pod> -n <name space>'))).toEqual(['pod', 'name_space'])
  })

  it('keeps the declared spelling when a command uses another', () => {
    const {runbook} = parse(`---\ntitle: T\nparams:\n  - name: Printer_Host\n    description: The printer\n---\n## A\n\n\`\`\`sh\nping -c 3 $PRINTER_HOST && lpstat -h <printer-host>\n\`\`\`\n`)
    expect(runbook.params.map((param) => [param.name, param.declared])).toEqual([['Printer_Host', true]])
    expect(runbook.steps[0]!.commands[0]!.params).toEqual(['Printer_Host'])
  })
})

describe('variables the runbook sets', () => {
  it('are not parameters, in the command that sets them or in any other', () => {
    const markdown = md`
      # T

      ## Find the namespace

      \`\`\`sh
      export APP_NS="$(kubectl get ns -l team=shop -o name | head -1)"
      \`\`\`

      ## Look

      \`\`\`sh
      kubectl -n $APP_NS get pods
      for POD in $(kubectl -n $APP_NS get pods -o name); do echo $POD; done
      read -r TICKET_ID && echo "$TICKET_ID <owner>"
      \`\`\`
    `
    expect(paramsOf(markdown)).toEqual(['owner'])
    expect(parse(markdown).runbook.steps[1]!.commands[0]!.params).toEqual(['owner'])
  })

  it('still count when the frontmatter declares them', () => {
    const {runbook} = parse(`---\ntitle: T\nparams:\n  - name: REGION\n    description: Region\n---\n## A\n\n\`\`\`sh\nREGION=eu-west-1 aws ec2 describe-instances --region $REGION\n\`\`\`\n`)
    expect(runbook.steps[0]!.params).toEqual(['REGION'])
  })
})

describe('placeholders in prose', () => {
  it('counts mustaches and capitals in brackets in sentences, placeholders in inline code and headings', () => {
    expect(
      paramsOf(md`
        # Status page for {{ SERVICE_NAME }}

        Owner: [TEAM NAME]

        ## Update <Incident Ticket>

        - Post the update to \`#inc-<ticket-number>\`.
        - Page [ON CALL ENGINEER] if nobody answers.
        - Files are in \`roles/[env]-web.json\` and roles/[env]-db.json.
      `)
    ).toEqual(['incident_ticket', 'ticket_number', 'on_call_engineer', 'env', 'service_name', 'team_name'])
  })

  it('counts placeholders in a file to paste, not in sample output', () => {
    expect(
      paramsOf(md`
        # T

        ## A

        Save this as \`app.yaml\`:

        \`\`\`yaml
        metadata:
          name: <app-name>
        \`\`\`

        The output is similar to:

        \`\`\`
        Owner: <owner-name>
        \`\`\`
      `)
    ).toEqual(['app_name'])
  })

  it('leaves out author notes, markers, Liquid objects and lower-case words in brackets', () => {
    expect(
      paramsOf(md`
        # T

        ## A

        \`TODO: write the steps for <Type of Outage>\`

        Mark the mail "[EXTERNAL]" and add [WARNING] or [reiterate the summary] as needed.
        The page {{ page.title }} links to [the guide][].

        [the guide]: https://example.com
      `)
    ).toEqual([])
  })

  it('reports undeclared placeholders from prose like those from commands', () => {
    const {diagnostics} = parse('# T\n\n## A\n\nCall [SITE CONTACT].\n')
    expect(diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.message])).toEqual([
      ['undeclared-param', 'Parameter "site_contact" is used but not declared in the frontmatter']
    ])
  })
})
