/**
 * Whether a line of text reads as a command: it starts with a program name
 * (a common command-line tool, a path, or a word followed by flags, a pipe
 * or a sub-command) rather than with prose or data.
 *
 * @example
 *   looksLikeCommand('kubectl -n web get pods') // → true
 *   looksLikeCommand('assuming the event id is 42') // → false
 *   looksLikeCommand('terraform', {loose: true}) // → true (the text said "run")
 */

/** Programs common enough in runbooks that their name alone starts a command. */
const programs = new Set(
  (
    'ansible ansible-playbook apt apt-get aptly aws az bash brew cat cd chef-client chmod chown consul cp crictl crontab curl ' +
    'dig docker docker-compose dnf du df echo env etcdctl export find gcloud gh git gitlab-ctl gitlab-psql gitlab-rails gitlab-rake ' +
    'gpg grep gsutil head helm helmfile host hostname htop iostat ip iptables istioctl jq journalctl kill kubectl kubectx kubens ' +
    'less ln ls lsblk lsof make minikube mkdir mount mv mysql nc netstat nmap nslookup oc ocm openssl pg_dump pg_restore ping ' +
    'pip pkill ps psql python python3 redis-cli rm rsync scp sed service ss ssh sudo systemctl tail tar tcpdump telnet terraform ' +
    'tf top touch traceroute tree uname unzip vault velero vi vim wget which whoami xargs yum zip ceph rados rbd nslookup ' +
    'ipconfig netsh nltest gpupdate gpresult robocopy sfc dism winget choco powershell pwsh sc taskkill tasklist wevtutil ' +
    'openstack kubeadm virtctl podman skopeo buildah npm npx node yarn go cargo java mvn gradle toolbox chroot rsh'
  ).split(' ')
)

/** PowerShell's Verb-Noun cmdlets (`Get-Service`, `Restart-Computer`). */
const cmdlet = /^(?:Get|Set|New|Remove|Start|Stop|Restart|Test|Invoke|Import|Export|Add|Clear|Enable|Disable|Install|Uninstall|Update|Resolve|Search|Send|Connect|Disconnect|Write|Read|Out|Format|Select|Where|Sort|Measure|Copy|Move|Rename|Mount|Dismount|Unlock|Lock|Grant|Revoke|Register|Unregister|Suspend|Resume|Wait|Reset|Repair|Sync|Backup|Restore|Find|Publish|Save|Use|Show|Convert|ConvertTo|ConvertFrom|Compare|Group|Split|Join|Push|Pop|Approve|Deny|Confirm|Block|Unblock|Protect|Unprotect|Optimize|Debug|Trace|Edit|Expand|Compress|Checkpoint|Limit|Initialize|Request|Submit|Receive|Enter|Exit)-[A-Za-z]+$/

/** Options of `looksLikeCommand`. */
export interface LooksLikeCommandOptions {
  /** The text around it says to run it: any program-like first word will do (default: `false`). */
  loose?: boolean | null | undefined
}

/** Whether `text` (one line) reads as a command. */
export function looksLikeCommand(text: string, options?: LooksLikeCommandOptions | null): boolean {
  const line = text.trim()
  if (!line || line.length > 2000 || /^(?:https?|ftp|file):\/\//i.test(line)) return false
  const words = line.split(/\s+/)
  const first = words[0]!
  // "delete_branch_on_merge = true": a setting to write in a file, not a command (a shell assignment has no spaces).
  if (words[1] === '=' || words[1] === ':=') return false
  if (/^(?:\.{0,2}\/|~\/)[\w./-]+$/.test(first)) return true
  if (cmdlet.test(first)) return true
  // A program name is lower case (tools, scripts, sub-commands), never ends in a colon or a comma.
  if (!/^[a-z][\w.+-]*$/.test(first) || /[:,;]$/.test(first)) return false
  if (programs.has(first)) return true
  if (options?.loose) return true
  // A sentence: it ends like one, or starts with a word that starts sentences.
  if (/[,.:;!?]$/.test(line) || proseStarters.has(first)) return false
  const rest = words.slice(1).join(' ')
  // An unknown word needs the shape of a command after it: flags, a pipe, a redirect or a sub-command and argument.
  return /(?:^|\s)--?[A-Za-z]|\s\|\s|\s>>?\s|&&/.test(' ' + rest) || (words.length >= 3 && /^[a-z][\w-]*$/.test(words[1]!) && !isProse(words))
}

/** Common English words that, second in a line, make it a sentence rather than a command. */
const proseWords = new Set('a an the is are was were be been to of in on at for with and or but if then this that these those it its as by from not no you your we our they their there here can will should must may'.split(' '))

/** Words that start sentences and comments rather than command lines. */
const proseStarters = new Set('if when then else for now next first finally check make note this that these the a an it in on at to do don\'t please you we see use all each every only'.split(' '))

function isProse(words: string[]): boolean {
  return words.slice(1, 4).some((word) => proseWords.has(word.toLowerCase()))
}
