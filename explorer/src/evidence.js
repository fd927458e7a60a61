// The evidence panel: an edge's sentence, and on click its source article with the
// sentence marked in the article's text.
import { get } from "./api.js";
import { $, el, typeName } from "./dom.js";
import { busy } from "./feedback.js";

/** Hovering an edge previews it; clicking pins it (and fetches its article) until the
 * background is clicked, so a stray hover cannot replace what the user is reading. */
export function evidencePanel(graph) {
  let pinnedEdge = null;
  let edgeTicket = 0;

  function hoverEdge(edge) {
    if (!pinnedEdge) renderEdge(edge).append(el("p", { class: "hint" }, "Click the edge for its source article."));
  }

  function unpinEdge() {
    pinnedEdge = null;
    edgeTicket++;
    $("detail").hidden = true;
  }

  async function pinEdge(edge) {
    pinnedEdge = edge.id;
    const ticket = ++edgeTicket;
    const panel = renderEdge(edge);
    if (!edge.article) return;
    const answer = await busy(() => get(`/articles/${encodeURIComponent(edge.article)}`));
    if (!answer || ticket !== edgeTicket) return;
    const article = answer.article;
    panel.append(
      el(
        "p",
        { class: "source" },
        "From ",
        // Only web addresses become links: an article's url is data, and a javascript: one
        // would run in this page.
        /^https?:\/\//i.test(article.url ?? "")
          ? el("a", { href: article.url, target: "_blank", rel: "noopener noreferrer" }, article.title || article.key)
          : article.title || article.key,
        `, ${[article.source, article.published].filter(Boolean).join(", ")} `,
        el("a", { href: `/api/v1/articles/${encodeURIComponent(article.id)}`, class: "small" }, "(as JSON)"),
      ),
    );
    if (article.text && Array.isArray(edge.span)) {
      const [start, end] = edge.span;
      panel.append(
        el(
          "details",
          { class: "article-text" },
          el("summary", {}, "The sentence in its article"),
          el("p", {}, article.text.slice(0, start), el("mark", {}, article.text.slice(start, end)), article.text.slice(end)),
        ),
      );
    }
  }

  function renderEdge(edge) {
    const panel = $("detail");
    const name = (id) => graph.cy.getElementById(id).data("name") ?? id;
    panel.replaceChildren(
      el("button", { type: "button", class: "close", "aria-label": "Close", onclick: unpinEdge }, "×"),
      el("h2", {}, `${name(edge.source)} ${typeName(edge.type)} ${name(edge.target)}`),
      el(
        "p",
        { class: "meta" },
        [
          edge.date,
          edge.about ? `about ${edge.about}` : null,
          edge.title ?? null,
          edge.confidence !== undefined && edge.confidence !== null ? `confidence ${edge.confidence}` : null,
          edge.derived ? `derived: both took part in ${edge.event ? name(edge.event) : "one event"}` : null,
          edge.articles > 1 ? `${edge.articles} articles` : null,
        ]
          .filter(Boolean)
          .join(" · "),
      ),
      edge.evidence ? el("blockquote", { class: "evidence" }, edge.evidence) : null,
    );
    panel.hidden = false;
    return panel;
  }

  return { hover: hoverEdge, pin: pinEdge, unpin: unpinEdge };
}
