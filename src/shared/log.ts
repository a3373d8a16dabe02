// Structured logs, one JSON object a line on stderr. Callers never pass secrets here.
export interface Log {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

export function createLog(quiet = false): Log {
  const write = (level: string, fields: Record<string, unknown>, msg: string) => {
    if (quiet && level === 'info') return;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + '\n');
  };
  return { info: (f, m) => write('info', f, m), warn: (f, m) => write('warn', f, m), error: (f, m) => write('error', f, m) };
}
