import { ChildProcess, spawn } from 'node:child_process';

export interface ChildServer {
  /** The first line the server wrote to stderr once listening (the ladder puts a JWT there). Its stdout (an access log) goes nowhere, as the service's does. */
  readonly firstLine: string;
  stop(): Promise<void>;
}

/** Starts a bench server script (`node <script> ...args`) and waits until it has printed its first line. */
export async function startChildServer(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${stderr}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      const newline = stderr.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stderr.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${stderr}`));
    });
  });
  return {
    firstLine,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
