import { camelCaseKey, camelCaseKeys, hasPascalCaseKeys } from '../../../src/formats/camel-case';

describe('camelCaseKey', () => {
  it.each([
    ['IpAddressV4', 'ipAddressV4'],
    ['IpAddressV6', 'ipAddressV6'],
    ['VpcId', 'vpcId'],
    ['EksClusterDetails', 'eksClusterDetails'],
    ['EKSClusterDetails', 'eksClusterDetails'],
    ['IPv6Addresses', 'ipv6Addresses'],
    ['IPv6', 'ipv6'],
    ['Ipv6Addresses', 'ipv6Addresses'],
    ['S3BucketDetails', 's3BucketDetails'],
    ['ID', 'id'],
    ['Id', 'id'],
    ['DNSRequestAction', 'dnsRequestAction'],
    ['EC2Instance', 'ec2Instance'],
    ['alreadyCamel', 'alreadyCamel'],
    ['detail-type', 'detail-type'],
  ])('%s → %s', (input, expected) => {
    expect(camelCaseKey(input)).toBe(expected);
  });

  it('converts nested objects and arrays but not values', () => {
    expect(camelCaseKeys({ Resource: { InstanceDetails: { NetworkInterfaces: [{ PrivateIpAddress: 'IpAddressV4' }] } } })).toEqual({
      resource: { instanceDetails: { networkInterfaces: [{ privateIpAddress: 'IpAddressV4' }] } },
    });
  });

  it('tells the SDK form from GuardDuty’s own', () => {
    expect(hasPascalCaseKeys({ Id: 'x' })).toBe(true);
    expect(hasPascalCaseKeys({ id: 'x', 'detail-type': 'y' })).toBe(false);
  });
});
