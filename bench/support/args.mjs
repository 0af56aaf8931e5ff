// Command-line options shared by every benchmark: `--name value` pairs and `--smoke`, which CI
// passes to run a small size. A bad number stops the run naming its flag, instead of
// benchmarking NaN findings.

/**
 * @param {readonly string[]} argv the arguments after the script's path
 */
export function benchArgs(argv = process.argv.slice(2)) {
  const smoke = argv.includes('--smoke');
  /** @returns {string | undefined} */
  const option = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  /** @returns {number} */
  const number = (name, fallback) => {
    const text = option(name, undefined);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got '${text}'`);
    return value;
  };
  /** A comma-separated list of numbers, e.g. `--sizes 10000,100000`. @returns {number[]} */
  const numbers = (name, fallback) => {
    const text = option(name, fallback) ?? '';
    return text.split(',').map((part) => {
      const value = Number(part);
      if (part.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be comma-separated numbers, got '${text}'`);
      return value;
    });
  };
  return { smoke, option, number, numbers, has: (name) => argv.includes(name) };
}
