/**
 * Plain-English phrases for the words that make up GuardDuty finding types. Written for this
 * project from the meaning of each word in AWS's finding-type documentation; lookups ignore case
 * because AWS itself spells some words two ways (`CryptoCurrency`/`Cryptocurrency`, `PenTest`/`Pentest`).
 */

type Glossary = Readonly<Record<string, string>>;

function byLowerCase(entries: Glossary): ReadonlyMap<string, string> {
  return new Map(Object.entries(entries).map(([word, phrase]) => [word.toLowerCase(), phrase]));
}

function lookup(map: ReadonlyMap<string, string>, word: string | undefined): string | undefined {
  return word === undefined ? undefined : map.get(word.trim().toLowerCase());
}

/** Threat purposes: the attacker's goal, written as a noun phrase ("a suspected backdoor"). */
export const THREAT_PURPOSES: Glossary = Object.freeze({
  AttackSequence: 'an attack sequence, where several related signals together point to an attack in progress',
  Backdoor: 'a suspected backdoor, meaning the resource may be compromised and taking orders from an attacker',
  Behavior: 'behaviour that departs from the established baseline of the resource',
  CredentialAccess: 'an attempt to obtain credentials such as passwords, keys or secrets',
  CryptoCurrency: 'cryptocurrency activity, usually unauthorised mining',
  DefenseEvasion: 'an attempt to avoid detection or to weaken defences',
  DefenseImpairment: 'an attempt to disable or weaken security controls',
  Discovery: 'an attempt to learn about your account, network or cluster',
  Execution: 'execution of code or commands that may be malicious',
  Exfiltration: 'an attempt to move data out of your environment',
  Impact: 'an attempt to disrupt, destroy or abuse your resources or data',
  InitialAccess: 'an attempt to gain a first foothold in your environment',
  Object: 'a problem found in a stored object',
  PenTest: 'activity from a penetration-testing tool or distribution',
  Persistence: 'an attempt to keep access to your environment',
  Policy: 'a setting or practice that goes against security best practice',
  PrivilegeEscalation: 'an attempt to gain higher permissions',
  Recon: 'reconnaissance, the probing that often precedes an attack',
  ResourceConsumption: 'unusual consumption of compute resources',
  Stealth: 'an attempt to hide activity or cover tracks',
  Trojan: 'a suspected trojan, meaning a program on the resource is talking to attacker infrastructure',
  UnauthorizedAccess: 'possible unauthorised access',
});

/** Resource types affected, as the object of "the affected resource is …". */
export const RESOURCE_TYPES: Glossary = Object.freeze({
  EC2: 'an EC2 instance',
  IAMUser: 'an IAM principal and its credentials (user, role or root)',
  IAM: 'AWS credentials used by an IAM principal',
  S3: 'an S3 bucket or its objects',
  Kubernetes: 'an EKS cluster, seen through its Kubernetes audit logs',
  Runtime: 'a workload watched by the Runtime Monitoring agent (an EC2 instance, ECS task or EKS pod)',
  Lambda: 'a Lambda function',
  RDS: 'an RDS or Aurora database',
  ECS: 'an ECS cluster or task',
  EKS: 'an EKS cluster',
  Container: 'a container',
  Malware: 'a resource scanned by Malware Protection',
  Organizations: 'the AWS Organizations structure or its policies',
});

/** Phrase for EC2 in attack-sequence types, where the target is a set of instances rather than one. */
export const EC2_INSTANCE_GROUP = 'a group of EC2 instances';

/**
 * Detection mechanisms (called ThreatFamilyVariant in older AWS docs): how or where GuardDuty saw
 * the activity. Single letters (`A`, `B`, `C`) are AWS's revisions of a detection and are handled
 * by the explainer, not listed here.
 */
export const DETECTION_MECHANISMS: Glossary = Object.freeze({
  Custom: 'the address or domain is on one of your own threat lists',
  Reputation: "GuardDuty's domain-reputation model flagged the domain",
  Tcp: 'over TCP',
  Udp: 'over UDP',
  Dns: 'over DNS',
  UdpOnTcpPorts: 'UDP traffic sent to ports normally used for TCP',
  UnusualProtocol: 'over an unusual protocol',
  OutsideAWS: 'the credentials were used from outside AWS',
  InsideAWS: 'the credentials were used from another AWS account',
  Unusual: 'the call was unusual for the caller',
  FailedLogin: 'the login failed',
  SuccessfulLogin: 'the login succeeded',
  SuccessfulBruteForce: 'a brute-force attempt ended in a successful login',
  SecretsAccessed: 'secrets were read in an unusual way',
  PermissionChecked: 'permissions were checked in an unusual way',
  ExecInPod: 'a command ran inside a pod in an unusual way',
  WorkloadDeployed: 'a workload was deployed in an unusual way',
  RoleBindingCreated: 'a role binding was created or changed in an unusual way',
  RoleCreated: 'a role was created or changed in an unusual way',
  Delete: 'data was deleted',
  Permission: 'permissions were changed',
  Write: 'data was written',
  Proc: 'through the proc file system',
  Ptrace: 'through the ptrace system call',
  VirtualMemoryWrite: 'by writing to another process’s memory',
});

/** Artifacts: the resource or data source the evidence came from. */
export const ARTIFACTS: Glossary = Object.freeze({
  DNS: 'seen in the DNS queries of the resource',
  Snapshot: 'found in an EBS snapshot',
  AMI: 'found in an Amazon Machine Image',
  RecoveryPoint: 'found in an AWS Backup recovery point',
  ContainerWithSensitiveMount: 'the workload is a container with a sensitive host path mounted',
  PrivilegedContainer: 'the workload is a privileged container',
});

/** Threat families: what happened, as a clause. */
export const THREAT_FAMILIES: Glossary = Object.freeze({
  // EC2 and network activity
  'C&CActivity': 'the resource contacted a server known to command and control compromised machines',
  DenialOfService: 'the resource appears to be taking part in a denial-of-service attack',
  Spambot: 'the resource is sending traffic on port 25 like a spam bot',
  NetworkPortUnusual: 'the resource is talking to a remote host on an unusual port',
  TrafficVolumeUnusual: 'the resource is sending an unusually large amount of traffic',
  BitcoinTool: 'the resource is talking to hosts associated with Bitcoin or other cryptocurrency activity',
  UnusualDNSResolver: 'the resource is using a DNS resolver it does not normally use',
  UnusualDoHActivity: 'the resource is making unusual DNS-over-HTTPS requests',
  UnusualDoTActivity: 'the resource is making unusual DNS-over-TLS requests',
  AbusedDomainRequest: 'the resource queried a low-reputation domain often abused by attackers',
  BitcoinDomainRequest: 'the resource queried a domain associated with cryptocurrency activity',
  MaliciousDomainRequest: 'the resource queried a domain known to be malicious',
  SuspiciousDomainRequest: 'the resource queried a suspicious, low-reputation domain',
  PortSweep: 'the resource is probing one port across many hosts',
  WinRMBruteForce: 'repeated WinRM logins suggest a brute-force attack',
  PortProbeEMRUnprotectedPort: 'a known malicious host is probing an unprotected EMR port',
  PortProbeUnprotectedPort: 'a known malicious host is probing an unprotected port',
  Portscan: 'the resource is scanning ports on other hosts',
  BlackholeTraffic: 'the resource tried to reach an address that is a known black hole',
  DGADomainRequest: 'the resource queried domains that look generated by a domain-generation algorithm',
  DNSDataExfiltration: 'the resource appears to be smuggling data out through DNS queries',
  DriveBySourceTraffic: 'the resource contacted a host known to serve drive-by downloads',
  DropPoint: 'the resource contacted a host known to collect stolen data',
  PhishingDomainRequest: 'the resource queried a domain used for phishing',
  MaliciousIPCaller: 'the activity came from an IP address known to be malicious',
  TorIPCaller: 'the activity came from a Tor exit node',
  TorClient: 'the resource is connecting to the Tor network as a client',
  TorRelay: 'the resource is acting as a Tor relay',
  MetadataDNSRebind: 'the resource resolved a domain that points at the instance metadata service (DNS rebinding)',
  RDPBruteForce: 'repeated RDP logins suggest a brute-force attack',
  SSHBruteForce: 'repeated SSH logins suggest a brute-force attack',
  // IAM and account activity
  AnomalousBehavior: "GuardDuty's machine-learning baseline found the activity unusual for whoever performed it",
  BedrockLoggingDisabled: 'model-invocation logging for Amazon Bedrock was turned off',
  KaliLinux: 'API calls were made from a Kali Linux machine',
  ParrotLinux: 'API calls were made from a Parrot Security Linux machine',
  PentooLinux: 'API calls were made from a Pentoo Linux machine',
  RootCredentialUsage: 'the root user’s credentials were used',
  ShortTermRootCredentialUsage: 'short-term root credentials were used',
  CloudTrailLoggingDisabled: 'a CloudTrail trail was stopped or deleted',
  PasswordPolicyChange: 'the account password policy was weakened',
  ConsoleLoginSuccess: 'a console sign-in succeeded in an unusual way',
  ConsoleLogin: 'a console sign-in was unusual',
  InstanceCredentialExfiltration: 'credentials issued to an EC2 instance were used elsewhere',
  ResourceCredentialExfiltration: 'credentials issued to an AWS resource were used elsewhere',
  // S3
  AccountBlockPublicAccessDisabled: 'S3 Block Public Access was turned off for the account',
  BucketBlockPublicAccessDisabled: 'S3 Block Public Access was turned off for a bucket',
  BucketAnonymousAccessGranted: 'a bucket was opened to anonymous access',
  BucketPublicAccessGranted: 'a bucket was made public',
  ServerAccessLoggingDisabled: 'S3 server access logging was turned off',
  // Malware Protection
  MaliciousFile: 'a scan found a malicious file',
  SuspiciousFile: 'a scan found a suspicious file',
  // EKS audit logs
  SuccessfulAnonymousAccess: 'an unauthenticated user made a successful API call',
  ExecInKubeSystemPod: 'a command ran inside a pod in the kube-system namespace',
  ContainerWithSensitiveMount: 'a container was started with a sensitive host path mounted',
  AdminAccessToDefaultServiceAccount: 'the default service account was given admin rights',
  AnonymousAccessGranted: 'anonymous users were granted access to the cluster',
  ExposedDashboard: 'the Kubernetes dashboard was exposed to the internet',
  KubeflowDashboardExposed: 'the Kubeflow dashboard was exposed to the internet',
  PrivilegedContainer: 'a privileged container was started',
  // Runtime Monitoring
  FilelessExecution: 'a process ran code straight from memory, without a file on disk',
  KernelModuleLoaded: 'a kernel module was loaded',
  SensitiveFileModified: 'a sensitive system file was changed',
  ProcessInjection: 'a process injected code into another process',
  PtraceAntiDebugging: 'a process used ptrace to resist debugging',
  SuspiciousCommand: 'a suspicious command was run',
  MaliciousFileExecuted: 'a known malicious executable was run',
  NewBinaryExecuted: 'a binary that was created or changed after the workload started was run',
  NewLibraryLoaded: 'a library that was created or changed after the workload started was loaded',
  ReverseShell: 'a process opened a reverse shell to a remote host',
  SuspiciousShellCreated: 'a process started a shell in a suspicious way',
  SuspiciousTool: 'a tool often used by attackers was run',
  CryptoMinerExecuted: 'a cryptocurrency miner was run',
  CGroupsReleaseAgentModified: 'the cgroups release agent was changed, a known container-escape technique',
  ContainerMountsHostDirectory: 'a container mounted a critical host directory',
  DockerSocketAccessed: 'a process talked to the Docker socket from inside a container',
  ElevationToRoot: 'a process gained root privileges',
  RuncContainerEscape: 'a process tried to escape its container through runC',
  UserfaultfdUsage: 'a process used userfaultfd, often part of kernel exploits',
  // Attack sequences
  CompromisedCluster: 'a sequence of signals suggests the cluster has been compromised',
  CompromisedInstanceGroup: 'a sequence of signals suggests a group of instances has been compromised',
  CompromisedCredentials: 'a sequence of API calls suggests the credentials have been compromised',
  CompromisedData: 'a sequence of signals suggests data in S3 has been compromised',
  // Custom Detection Rules
  UnsecuredCredentials: 'credentials were retrieved from a place where they are stored unprotected',
  ModifyAuthenticationProcess: 'the way users authenticate was changed, for example by resetting an admin password',
  DisableOrModifyTools: 'a security tool or log source was disabled or changed',
  ModifyCloudResourceHierarchy: 'the account hierarchy was changed, for example by leaving the organization',
  // Retired types still seen in old data
  NetworkPermissions: 'network access permissions were changed or read in an unusual way',
  ResourcePermissions: 'resource access policies were changed or read in an unusual way',
  UserPermissions: 'IAM users, groups or policies were changed or read in an unusual way',
  AdministrativePermissions: 'a principal tried to give itself a highly permissive policy',
  ComputeResources: 'compute resources were launched in an unusual way',
  LoggingConfigurationModified: 'logging configuration was changed in an unusual way',
  InstanceLaunchUnusual: 'an instance of an unusual type was launched',
  UnusualASNCaller: 'an API call came from an unusual network (ASN)',
  XORDDOS: 'the resource shows signs of the XOR DDoS malware',
  ObjectRead: 'S3 objects were read in an unusual way',
  ObjectDelete: 'S3 objects were deleted in an unusual way',
  PermissionsModification: 'S3 permissions were changed in an unusual way',
  BucketEnumeration: 'S3 buckets were listed in an unusual way',
});

const PURPOSE_MAP = byLowerCase(THREAT_PURPOSES);
const RESOURCE_MAP = byLowerCase(RESOURCE_TYPES);
const MECHANISM_MAP = byLowerCase(DETECTION_MECHANISMS);
const ARTIFACT_MAP = byLowerCase(ARTIFACTS);
const FAMILY_MAP = byLowerCase(THREAT_FAMILIES);

/** True when `word` is one of AWS's threat purposes (case-insensitive). */
export function isKnownThreatPurpose(word: string): boolean {
  return PURPOSE_MAP.has(word.trim().toLowerCase());
}

/** The canonical spelling of a known purpose (`Cryptocurrency` -> `CryptoCurrency`), or undefined. */
export function canonicalThreatPurpose(word: string): string | undefined {
  const key = word.trim().toLowerCase();
  return Object.keys(THREAT_PURPOSES).find((purpose) => purpose.toLowerCase() === key);
}

/** Phrase for a threat purpose, or undefined when the word is unknown. */
export function describeThreatPurpose(word: string | undefined): string | undefined {
  return lookup(PURPOSE_MAP, word);
}

/** Phrase for a resource type, or undefined when the word is unknown. */
export function describeResourceType(word: string | undefined): string | undefined {
  return lookup(RESOURCE_MAP, word);
}

/** Phrase for a detection mechanism, or undefined when the word is unknown. */
export function describeDetectionMechanism(word: string | undefined): string | undefined {
  return lookup(MECHANISM_MAP, word);
}

/** Phrase for an artifact, or undefined when the word is unknown. */
export function describeArtifact(word: string | undefined): string | undefined {
  return lookup(ARTIFACT_MAP, word);
}

/** Phrase for a threat family, or undefined when the word is unknown. */
export function describeThreatFamily(word: string | undefined): string | undefined {
  return lookup(FAMILY_MAP, word);
}
