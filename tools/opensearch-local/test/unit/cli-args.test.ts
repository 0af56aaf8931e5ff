import { parseCliArgs } from '../../src/cli-args';
import { OpenSearchLocalError } from '../../src/errors';

describe('parseCliArgs', () => {
  it('defaults to port 9200 and a 1g heap', () => {
    expect(parseCliArgs([])).toEqual({ httpPort: 9200, heap: '1g' });
  });

  it('reads --port and --heap', () => {
    expect(parseCliArgs(['--port', '9333', '--heap', '512m'])).toEqual({ httpPort: 9333, heap: '512m' });
  });

  it.each([
    [['--port', '0'], /--port must be an integer/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port'], /got nothing/],
    [['--heap', 'lots'], /--heap must look like/],
    [['--verbose'], /unknown argument --verbose/],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(OpenSearchLocalError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
