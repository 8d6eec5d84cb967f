type Env = Record<string, string | undefined>;

/** What an entry point may start before the application: in development, the embedded database and simulators. */
export interface Surroundings {
  /** Settings to add to the environment (URLs and credentials of what was started). */
  readonly overrides: Env;
  /** One line per replaced piece, for the startup log. */
  readonly notes: string[];
  stop(): Promise<void>;
}

export type StartSurroundings = (env: Env, log: (message: string) => void) => Promise<Surroundings>;

export const nothingAround: StartSurroundings = async () => ({ overrides: {}, notes: [], stop: async () => undefined });
