// The entity panel: who or what it is, its affiliations, its relationships counted by
// type, and its timeline (within the date filter) with the sentences behind it.
import { entityPath, get } from "./api.js";
import { $, el, typeName } from "./dom.js";
import { busy } from "./feedback.js";

/** Fill the panel for `id`, its timeline within `dates` ({since, until}); the entity, or
 * null if the API refused. */
export async function showEntity(id, dates) {
  const loaded = await busy(() =>
    Promise.all([
      get(entityPath(id)),
      get(`${entityPath(id)}/timeline`, { limit: 50, ...dates }),
    ]),
  );
  if (!loaded) return null;
  const [entity, timeline] = loaded;
  $("entity").hidden = false;
  $("entity").dataset.id = entity.id;
  $("entity-name").textContent = entity.name;
  $("entity-meta").textContent = [entity.type, entity.kind, entity.country, entity.date, entity.id]
    .filter(Boolean)
    .join(" · ");
  $("entity-aliases").textContent = entity.aliases?.length ? `Also: ${entity.aliases.join(", ")}` : "";
  $("entity-affiliations").replaceChildren(
    ...(entity.affiliations.length
      ? entity.affiliations.map((a) =>
          el("li", {}, `${a.title ?? "affiliated"}, ${a.state.name}`, el("span", { class: "hint" }, ` ${a.first_seen} – ${a.last_seen}, ${a.articles} article${a.articles === 1 ? "" : "s"}`)),
        )
      : [el("li", { class: "hint" }, "none reported")]),
  );
  $("entity-counts").replaceChildren(
    ...Object.entries(entity.relationships).map(([type, count]) =>
      el("li", { dataset: { type } }, el("strong", {}, String(count)), ` ${typeName(type)}`),
    ),
  );
  $("entity-timeline").replaceChildren(
    ...(timeline.items.length
      ? timeline.items.map((item) =>
          el(
            "li",
            { dataset: { type: item.type } },
            el("time", { datetime: item.date }, item.date),
            " ",
            timelineLine(entity, item),
            item.evidence ? el("q", {}, item.evidence) : null,
          ),
        )
      : [el("li", { class: "hint" }, "No meetings or stances in this date range.")]),
  );
  $("entity-timeline-more").textContent =
    timeline.total > timeline.items.length ? `${timeline.total - timeline.items.length} more not shown.` : "";
  return entity;
}

function timelineLine(entity, item) {
  const verb = typeName(item.type);
  const other = item.other.name;
  if (item.direction === "in") return `${other} ${verb} ${entity.name}`;
  if (item.direction === "mutual") return `met ${other}`;
  return `${verb} ${other}${item.about ? ` (${item.about})` : ""}`;
}
