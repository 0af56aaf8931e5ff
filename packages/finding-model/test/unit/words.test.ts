import { humanize, splitCamelCase } from '../../src';

describe('splitCamelCase', () => {
  it.each<[string, string[]]>([
    ['PortProbeEMRUnprotectedPort', ['Port', 'Probe', 'EMR', 'Unprotected', 'Port']],
    ['DNSDataExfiltration', ['DNS', 'Data', 'Exfiltration']],
    ['C&CActivity', ['C&C', 'Activity']],
    ['OutsideAWS', ['Outside', 'AWS']],
    ['EC2', ['EC2']],
    ['Log4jExploit', ['Log4j', 'Exploit']],
    ['Tor2Relay', ['Tor2', 'Relay']],
    ['snake_case-and spaces', ['snake', 'case', 'and', 'spaces']],
    ['B', ['B']],
    ['', []],
  ])('%p', (token, words) => {
    expect(splitCamelCase(token)).toEqual(words);
  });
});

describe('humanize', () => {
  it.each([
    ['PortProbeEMRUnprotectedPort', 'port probe EMR unprotected port'],
    ['InstanceCredentialExfiltration', 'instance credential exfiltration'],
    ['ViaVPCEndpoint', 'via VPC endpoint'],
    ['KaliLinux', 'kali linux'],
  ])('%p -> %p', (token, prose) => {
    expect(humanize(token)).toBe(prose);
  });
});
