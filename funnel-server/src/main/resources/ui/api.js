// The Funnel API as the dashboard calls it: the API key, entered once, is kept for this browser session
// (sessionStorage) and sent with every call; a refusal becomes an ApiError carrying the server's own message.

const KEY = 'funnel.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY) ?? '',
  set: (value) => (value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY)),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  if (apiKey.get()) headers['X-Api-Key'] = apiKey.get();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, `${method} ${path} refused (${response.status}): `
      + (json?.error?.message ?? response.statusText));
  }
  return json;
}

/** The path of an id, escaped for a URL. */
export const enc = encodeURIComponent;
