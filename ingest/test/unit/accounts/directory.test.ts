import { ConfigError } from '../../../src/errors';
import { parseAccountsCsv, parseAccountsFile, parseAccountsYaml, splitCsvLine } from '../../../src/accounts/directory';

const YAML = `# our accounts
environments: [prod, staging]
accounts:
  - id: "111122223333"
    name: payments-prod
    env: prod
  - id: 012345678901
    name: sandbox without env
`;

describe('accounts file, YAML', () => {
  it('maps ids to names and environments, keeping a leading zero of an unquoted id', () => {
    const directory = parseAccountsYaml(YAML, 'accounts.yaml');
    expect([...directory]).toEqual([
      ['111122223333', { name: 'payments-prod', env: 'prod' }],
      ['012345678901', { name: 'sandbox without env' }],
    ]);
  });

  it('reads the JSON form with the same parser', () => {
    const json = JSON.stringify({ accounts: [{ id: '111122223333', name: 'a', env: 'dev' }] });
    expect(parseAccountsFile(json, 'accounts.json').get('111122223333')).toEqual({ name: 'a', env: 'dev' });
  });

  it.each([
    ['an id that is not 12 digits', 'accounts:\n  - id: "1234"\n    name: x\n', 'accounts.yaml:2: account id \'1234\' is not 12 digits'],
    ['a duplicate id', 'accounts:\n  - id: "111122223333"\n    name: a\n  - id: "111122223333"\n    name: b\n', 'accounts.yaml:4: duplicate account id 111122223333 (first on line 2)'],
    ['an env not listed', 'environments: [prod]\naccounts:\n  - id: "111122223333"\n    name: a\n    env: staging\n', "accounts.yaml:3: account 111122223333: unknown env 'staging' (known: prod)"],
    ['an env not in the default list', 'accounts:\n  - id: "111122223333"\n    name: a\n    env: prodd\n', "accounts.yaml:2: account 111122223333: unknown env 'prodd' (known: prod, staging, dev, test, sandbox, shared, security)"],
    ['a missing name', 'accounts:\n  - id: "111122223333"\n', 'accounts.yaml:2: account 111122223333 without a name'],
    ['an unknown account key', 'accounts:\n  - id: "111122223333"\n    name: a\n    owner: bob\n', "accounts.yaml:4: unknown account key 'owner' (expected id, name, env)"],
    ['an unknown top-level key', 'acounts: []\n', "accounts.yaml:1: unknown key 'acounts' (expected accounts, environments)"],
    ['no accounts list', 'environments: [prod]\n', 'accounts.yaml:1: no accounts: list'],
    ['a key given twice', 'accounts:\n  - id: "111122223333"\n    id: "222233334444"\n    name: a\n', 'accounts.yaml:3: Map keys must be unique'],
    ['an unclosed quote', 'accounts:\n  - id: "1\n', 'accounts.yaml:3: Missing closing "quote'],
  ])('names file, line and reason for %s', (_label, text, message) => {
    expect(() => parseAccountsYaml(text, 'accounts.yaml')).toThrow(ConfigError);
    expect(() => parseAccountsYaml(text, 'accounts.yaml')).toThrow(message);
  });
});

describe('accounts file, CSV', () => {
  it('reads the header in any order, quoted fields, blank lines and comments', () => {
    const csv = '# exported from the org\nname,account_id,env\n"payments, prod",111122223333,prod\n\nlab,222233334444,\n';
    expect([...parseAccountsFile(csv, 'accounts.CSV')]).toEqual([
      ['111122223333', { name: 'payments, prod', env: 'prod' }],
      ['222233334444', { name: 'lab' }],
    ]);
  });

  it.each([
    ['a header without account_id', 'id,name\n', "accounts.csv:1: the header must name the columns account_id and name (and optionally env), got 'id,name'"],
    ['a short id', 'account_id,name\n11112222333,a\n', "accounts.csv:2: account id '11112222333' is not 12 digits"],
    ['a duplicate id', 'account_id,name\n111122223333,a\n111122223333,b\n', 'accounts.csv:3: duplicate account id 111122223333 (first on line 2)'],
    ['an unknown env', 'account_id,name,env\n111122223333,a,production\n', "accounts.csv:2: account 111122223333: unknown env 'production'"],
    ['an unclosed quote', 'account_id,name\n111122223333,"a\n', 'accounts.csv:2: unclosed double quote'],
  ])('names file, line and reason for %s', (_label, text, message) => {
    expect(() => parseAccountsCsv(text, 'accounts.csv')).toThrow(message);
  });

  it('splits quoted fields with doubled quotes', () => {
    expect(splitCsvLine('"a ""b""", c ,')).toEqual(['a "b"', 'c', '']);
    expect(splitCsvLine('"open')).toBeUndefined();
  });
});
