// Command-line options of the benchmark scripts: `--name value` pairs and bare `--flag`s.
const args = process.argv.slice(2);

/** The value after `name`, else `fallback`. */
export function opt(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

/** Whether the bare flag `name` was given. */
export const flag = (name) => args.includes(name);
