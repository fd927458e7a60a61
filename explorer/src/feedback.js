// What the page tells the user: API errors in an alert, notices in a status line, and a
// busy badge while a request is out.
import { ApiError } from "./api.js";
import { $ } from "./dom.js";

export function showError(error) {
  const isApi = error instanceof ApiError;
  $("error-title").textContent = isApi
    ? `${error.title}${error.status ? ` (${error.status})` : ""}:`
    : "Something went wrong:";
  $("error-detail").textContent = isApi ? error.detail : String(error.message ?? error);
  $("error").hidden = false;
}
$("error-close").addEventListener("click", () => {
  $("error").hidden = true;
});
export const clearError = () => {
  $("error").hidden = true;
};

export async function busy(task) {
  $("busy").hidden = false;
  try {
    return await task();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    $("busy").hidden = true;
  }
}

export function notice(text) {
  $("notice").textContent = text;
}
