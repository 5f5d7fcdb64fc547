/** An XHR's response body as JSON, or null when it is not JSON (a proxy's HTML error page, an empty body). */
export function jsonBody(xhr: XMLHttpRequest): unknown {
  try {
    return JSON.parse(xhr.responseText);
  } catch {
    return null;
  }
}
