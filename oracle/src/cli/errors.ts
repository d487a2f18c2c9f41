// How a CLI failure reaches the operator.
/**
 * A failure as one line: what went wrong, naming the variable or file, and what to do. The
 * stack is for whoever debugs the oracle itself (--debug), not for the operator.
 */
export function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const sys = err as NodeJS.ErrnoException;
  const message = err.message.replace(/\s*\n\s*/g, "; ");
  if (sys.code === "ENOENT" && sys.path)
    return `${message}: create it or point the setting at another path`;
  if (sys.code === "EACCES" && sys.path)
    return `${message}: the oracle may not write there; fix its permissions or point the setting elsewhere`;
  if (sys.code === "ENOTDIR" && sys.path)
    return `${message}: a part of that path is a file; point the setting at a directory`;
  if (sys.code === "ECONNREFUSED") return `${message}: is the server running at that address?`;
  return message;
}

/** The command line itself is wrong: exit 2, and the fix is in --help. */
export class UsageError extends Error {}
