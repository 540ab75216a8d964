/**
 * Runbooks and bundles for the widget tests, written for these tests
 * (never copied from the corpus).
 */
import {createBundle, parseRunbook, type Runbook} from '@runbook-kit/core'

/** A small branching runbook that uses every kind of content the widget renders. */
export const phoneMarkdown = `---
title: Desk phone has no dial tone
id: desk-phone
category: troubleshooting
tags: [phone, voip, dial-tone]
audience: [tier-1, end-user]
estimate: 10 min
description: Get a desk phone working again.
params:
  - name: extension
    description: The phone's extension, e.g. 4021
  - name: admin_token
    secret: true
---

# Desk phone has no dial tone

Use this when a desk phone is silent.

## Step 1: Check the display {#display}

Look at the phone's screen.

- It shows the extension: [check the handset](#handset)
- It is dark: [check power](#power)

## Step 2: Check power {#power}

> [!WARNING]
> Do not unplug the computer that shares the cable.

- [ ] Port light is on
- [ ] Cable is seated

Now go to [the handset check](#handset).

## Step 3: Check the handset {#handset}

Ping the phone:

\`\`\`sh
$ ping -c 3 phone-<extension>.corp.example
PING phone-4021.corp.example: 56 data bytes
\`\`\`

| Light | Meaning |
|:------|--------:|
| green | registered |

See the [vendor guide](https://example.com/guide), the [bad link](javascript:alert(1)) and the [mail](mailto:desk@example.com).

![Phone diagram](https://example.com/phone.png)

![Inline pixel](data:image/png;base64,AAAA)

<script>window.__pwned = true</script>

## Resolved {#resolved}

Close the ticket. End of runbook.
`

/** A second runbook, in another category. */
export const restoreMarkdown = `---
title: Restore a deleted share folder
id: restore-share
category: backup-restore
tags: [backup, restore, share]
audience: [tier-2]
---

# Restore a deleted share folder

## Step 1: Find the snapshot

Open the snapshot list and pick the newest copy before the deletion.

## Step 2: Copy it back

\`\`\`powershell
Copy-Item -Recurse \\\\filer\\snapshots\\<snapshot>\\<folder> \\\\filer\\share\\
\`\`\`

## Step 3: Tell the user

Ask the user to check the folder.
`

/** Parse a fixture. */
export function runbookOf(markdown: string): Runbook {
  return parseRunbook(markdown).runbook
}

/** A bundle (JSON text) of the fixtures. */
export function bundleJson(markdowns: string[] = [phoneMarkdown, restoreMarkdown]): string {
  return JSON.stringify(createBundle(markdowns.map(runbookOf)))
}

/** A runbook that hands over to `restore-share` at its second step. */
export const handoverMarkdown = `---
title: Share folder is missing
id: missing-folder
category: troubleshooting
---

# Share folder is missing

## Step 1: Ask what happened {#ask}

Ask the user when they last saw the folder.

- It was deleted by mistake: [restore it](restore-share.md#step-2-copy-it-back)
- It was never there: [close the ticket](#close)

## Close the ticket {#close}

Explain where the folder lives. End of runbook.
`

/**
 * A runbook whose step text links to another runbook: step 2's sentence is a
 * cross-runbook choice (a hand-over to `restore-share` at its second step),
 * step 3's links are references in prose, one to a runbook that does not exist.
 */
export const linkingMarkdown = `---
title: Disk full on a file server
id: disk-full
category: troubleshooting
---

# Disk full on a file server

## Step 1: Find what grew {#grow}

\`\`\`sh
du -xh /srv | sort -h | tail
\`\`\`

## Step 2: Clean up {#clean}

If files were deleted by mistake, follow [restore from backup](restore-share.md#step-2-copy-it-back).

## Step 3: Done {#done}

See also [the restore runbook](restore-share.md) and [the retired guide](retired-guide.md#start).
`

/** A plain page that loads one build of the widget (`src`) and shows `<runbook-kit>` over `bundle`. */
export function plainPage(script: string, bundle: string, attributes = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain page</title>${script}</head>
<body><main><runbook-kit src="${bundle}" storage="none"${attributes ? ' ' + attributes : ''}></runbook-kit></main></body></html>`
}
