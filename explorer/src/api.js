// The explorer's only door to the data: the public REST API under /api/v1.
// Every refusal comes back as an ApiError carrying the problem+json the API sent.

const BASE = "/api/v1";

export class ApiError extends Error {
  constructor(status, title, detail, problem = null) {
    super(`${title}: ${detail}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problem = problem;
  }
}

/** GET an API path with query parameters (null, undefined and "" are left out). */
export async function get(path, params = {}) {
  const url = new URL(BASE + path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (error) {
    throw new ApiError(0, "The API cannot be reached", `${url.pathname}: ${error.message}`);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not problem+json (a proxy's page, say): the status line is all there is.
    }
    throw new ApiError(
      response.status,
      problem?.title ?? `HTTP ${response.status}`,
      problem?.detail ?? (response.statusText || "the API refused the request"),
      problem,
    );
  }
  return response.json();
}

export const entityPath = (id) => `/entities/${encodeURIComponent(id)}`;
