/** Every route of the API lives under this path (health and metrics excepted). */
export const API_PREFIX = 'api/v1';
