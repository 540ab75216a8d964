/**
 * The relevance queries: what an on-call person types and the runbook (and
 * step) they need, over our library (runbooks/) and the third-party corpus.
 * Used by relevance.test.ts and split.test.ts.
 */

export interface Case {
  q: string
  /** Library runbook id… */
  id?: string
  /** …or corpus file(s), as the end of the path. */
  file?: string | string[]
  /** Library: step id; corpus: step title. */
  step?: string
}

export const library: Case[] = [
  {q: 'printer offline', id: 'printer-offline'},
  {q: 'pinter wont print', id: 'printer-offline'},
  {q: 'printing stuck in queue', id: 'printer-offline'},
  {q: 're-add the printer', id: 'printer-offline', step: 'readd'},
  {q: 'vpn disconnects', id: 'vpn-not-connecting'},
  {q: 'vpn mfa prompt never arrives', id: 'vpn-not-connecting', step: 'if-the-mfa-prompt-never-arrives'},
  {q: 'vpn cannot reach server timeout', id: 'vpn-not-connecting', step: 'if-it-cannot-reach-the-server-or-times-out'},
  {q: 'dns not resolving', id: 'dns-not-resolving'},
  {q: 'ipconfig /flushdns', id: 'dns-not-resolving'},
  {q: 'hosts file', id: 'dns-not-resolving', step: 'flush-the-caches-and-check-the-hosts-file'},
  {q: 'which dns server', id: 'dns-not-resolving', step: 'check-which-dns-servers-the-computer-uses'},
  {q: 'outlook not syncing', id: 'email-not-syncing'},
  {q: 'mail not syncing on phone', id: 'email-not-syncing', step: 'phone'},
  {q: 'whole floor has no network', id: 'network-down'},
  {q: 'dhcp no ip address', id: 'network-down', step: 'address'},
  {q: 'computer very slow', id: 'slow-workstation'},
  {q: 'disk space full', id: 'slow-workstation', step: 'disk'},
  {q: 'restore deleted file', id: 'restore-file'},
  {q: 'recycle bin', id: 'restore-file', step: 'recycle-bin'},
  {q: 'previous versions shadow copy', id: 'restore-file', step: 'shadow-copies'},
  {q: 'restore postgresql database', id: 'restore-database'},
  {q: 'pg_restore', id: 'restore-database'},
  {q: 'revert vm to snapshot', id: 'restore-vm-snapshot'},
  {q: 'hyper-v checkpoint', id: 'restore-vm-snapshot', step: 'if-the-host-runs-hyper-v'},
  {q: 'recover from ransomware offline backups', id: 'ransomware-recovery'},
  {q: 'files encrypted ransom note', id: 'malware-workstation', step: 'if-files-are-being-encrypted-or-a-ransom-note-appears'},
  {q: 'account takeover', id: 'compromised-account'},
  {q: 'suspicious inbox rules', id: 'compromised-account', step: 'mailbox-rules'},
  {q: 'user reported phishing email', id: 'phishing-report'},
  {q: 'message trace', id: 'phishing-report'},
  {q: 'data breach gdpr', id: 'data-breach'},
  {q: 'major outage status page', id: 'major-outage'},
  {q: 'new hire laptop setup', id: 'new-hire-workstation'},
  {q: 'bitlocker recovery key', id: 'new-hire-workstation', step: 'turn-on-disk-encryption-and-store-the-recovery-key'},
  {q: 'leaver', id: 'leaver-offboarding'},
  {q: 'offboardng', id: 'leaver-offboarding'},
  {q: 'role change access', id: 'role-change'},
  {q: 'security awareness briefing', id: 'security-briefing'},
  {q: 'monthly restore test', id: 'monthly-restore-test'}
]

export const corpus: Case[] = [
  {q: 'KubePodNotReady', file: 'KubePodNotReady.md'},
  {q: 'pod not ready', file: 'KubePodNotReady.md'},
  {q: 'kube node not ready', file: 'KubeNodeNotReady.md'},
  {q: 'etcd no leader', file: 'etcdNoLeader.md'},
  {q: 'etcdMembersDown', file: 'etcdMembersDown.md'},
  {q: 'filesystem almost out of space', file: ['NodeFilesystemAlmostOutOfSpace.md', 'NodeFilesystemSpaceFillingUp.md']},
  {q: 'persistent volume filling up', file: 'KubePersistentVolumeFillingUp.md'},
  {q: 'alertmanager failed to send alerts', file: ['AlertmanagerFailedToSendAlerts.md', 'AlertmanagerClusterFailedToSendAlerts.md']},
  {q: 'alertmanger failed reload', file: 'AlertmanagerFailedReload.md'},
  {q: 'TargetDown', file: 'TargetDown.md'},
  {q: 'coredns errors high', file: 'CoreDNSErrorsHigh.md'},
  {q: 'node clock not synchronising', file: 'NodeClockNotSynchronising.md'},
  {q: 'image registry storage full', file: 'ImageRegistryStorageFull.md'},
  {q: 'KubeJobFailed mitigation', file: 'KubeJobFailed.md', step: 'Mitigation'},
  {q: 'etcdNoLeader diagnosis', file: 'etcdNoLeader.md', step: 'Diagnosis'},
  {q: 'kubelet down', file: 'KubeletDown.md'},
  {q: 'raid degraded', file: 'NodeRAIDDegraded.md'},
  {q: 'file descriptor limit', file: 'NodeFileDescriptorLimit.md'},
  {q: 'thanos compact halted', file: ['ACMThanosCompactHalted.md', 'thanos-compact.md']},
  {q: 'praefect replication lag', file: 'praefect-replication.md'},
  {q: 'add pgbouncer instance', file: 'pgbouncer-add-instance.md'},
  {q: 'disable a sidekiq queue', file: 'disabling-a-queue.md'},
  {q: 'pass the hash', file: 'T1550.002-Lateral Movement - Pass the Hash.md'},
  {q: 'web shell', file: 'T1505.003-Web-shells.md'},
  {q: 'xid wraparound', file: 'pg_xid_wraparound_alert.md'},
  {q: 'velero file system backup', file: 'main/file-system-backup.md'},
  {q: 'velero csi snapshot', file: 'main/csi.md'},
  {q: 'rotate chainguard secret', file: 'manually-rotate-chainguard-secret.html.md.erb'},
  {q: 'eks node group instance type', file: 'node-group-changes.html.md.erb'},
  {q: 'opensearch storage', file: 'elasticsearch-storage-issues.html.md.erb'},
  {q: 'postgres credential rotation', file: 'postgresql-role-credential-rotation.md'}
]
