import { FieldError } from './domain-error';

/** RFC 9457 problem details, as every error response of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://cinemateca.dev/problems/';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  500: 'internal',
  502: 'upstream-failed',
  503: 'unavailable',
  504: 'upstream-timeout',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export function problemType(status: number, code?: string): string {
  if (code) return PROBLEM_BASE + code.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return PROBLEM_BASE + (SLUGS[status] ?? String(status));
}

export function makeProblem(
  status: number,
  detail: string,
  instance: string,
  extra: { code?: string; errors?: FieldError[]; [key: string]: unknown } = {},
): Problem {
  const { code, ...members } = extra;
  return { type: problemType(status, code), title: problemTitle(status), status, detail, instance, ...members };
}
