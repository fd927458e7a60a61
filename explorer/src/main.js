// The explorer page: search, entity panel, neighbourhood expansion, paths, alliances and
// export, all through the public REST API. The address bar keeps what is open
// (#entity=…, #paths=…|…, #alliances), so a view can be shared or reloaded.
import { renderAlliances } from "./alliances.js";
import { ApiError, entityPath, get } from "./api.js";
import { $, debounce, download, el, typeName } from "./dom.js";
import { showEntity } from "./entity.js";
import { evidencePanel } from "./evidence.js";
import { busy, clearError, notice, showError } from "./feedback.js";
import { createGraph } from "./graph.js";
import { entityPicker } from "./picker.js";

// The most nodes the page draws at once, whatever the API would send: past this an
// expansion is refused with a message instead of freezing the tab.
const MAX_VIEW_NODES = 2000;
const ASSERTIONS = ["MET_WITH", "SUPPORTS", "REJECTS"];
const CHECKED_BY_DEFAULT = new Set([...ASSERTIONS, "AFFILIATED_WITH"]);
const STRUCTURAL = new Set(["AFFILIATED_WITH", "LOCATED_IN"]);
const DAY = 86400000;

const state = {
  entity: null, // the entity whose panel is open
  expanded: [], // ids expanded, in order, so a filter change can redo the view
  mode: "empty", // empty | neighbourhood | paths
  paths: null, // the last paths answer, for export
  truncated: [], // names of expansions the API cut at the limit
  span: null, // {first, days}: the dates the slider covers
  alliances: null,
  maxLimit: 1000,
  draws: 0, // views drawn so far, and how long the last one took
  lastDraw: null,
};

const graph = createGraph($("cy"), {
  node: (node) => openEntity(node.id, { expand: false }),
  expand: (node) => expand(node.id),
  edge: (edge) => evidence.pin(edge),
  hover: (edge) => evidence.hover(edge),
  background: () => evidence.unpin(),
});
const evidence = evidencePanel(graph);
window.diplographExplorer = { graph, state }; // for the browser tests and the benchmark

// -- filters -----------------------------------------------------------------------------

function selectedTypes() {
  return [...document.querySelectorAll("#types input:checked")].map((box) => box.value);
}

const isoDay = (offset) => new Date(state.span.first + offset * DAY).toISOString().slice(0, 10);

function dateRange() {
  if (!state.span) return { since: null, until: null };
  const since = Number($("since").value);
  const until = Number($("until").value);
  return {
    since: since > 0 ? isoDay(since) : null,
    until: until < state.span.days ? isoDay(until) : null,
  };
}

function filters() {
  return { types: selectedTypes().join(","), ...dateRange() };
}

function buildTypeBoxes(types) {
  const box = $("types");
  for (const type of types) {
    const id = `type-${type}`;
    box.append(
      el(
        "label",
        { class: `type type-${type.toLowerCase()}`, for: id },
        el("input", {
          id,
          type: "checkbox",
          value: type,
          checked: CHECKED_BY_DEFAULT.has(type),
          onchange: refilter,
        }),
        typeName(type),
      ),
    );
  }
}

function updateDateLabels() {
  const { since, until } = dateRange();
  $("since-out").textContent = since ?? "any date";
  $("until-out").textContent = until ?? "any date";
}

async function setUpDates() {
  const activity = await get("/stats/activity", { interval: "month" });
  const busy = activity.series.filter((period) => period.total > 0);
  if (!busy.length) return;
  const first = Date.parse(busy[0].start);
  const last = Date.parse(busy.at(-1).end);
  state.span = { first, days: Math.round((last - first) / DAY) };
  for (const [id, value] of [
    ["since", 0],
    ["until", state.span.days],
  ]) {
    Object.assign($(id), { max: state.span.days, value, disabled: false });
    $(id).addEventListener("input", () => {
      // The two thumbs never cross.
      if (Number($("since").value) > Number($("until").value)) {
        $(id === "since" ? "until" : "since").value = $(id).value;
      }
      updateDateLabels();
    });
    $(id).addEventListener("change", refilter);
  }
  updateDateLabels();
  const top = Math.max(...busy.map((p) => p.total));
  $("activity").replaceChildren(
    ...activity.series.map((period) =>
      el("span", { style: `height:${Math.round((100 * period.total) / top)}%`, title: `${period.period}: ${period.total}` }),
    ),
  );
}

/** Filters changed: redo whatever is open with them. */
const refilter = debounce(async () => {
  if (!$("panel-alliances").hidden) await showAlliances();
  if (state.entity) state.entity = (await showEntity(state.entity.id, dateRange())) ?? state.entity;
  if (state.mode === "neighbourhood") {
    const ids = [...state.expanded];
    reset();
    for (const id of ids) await expand(id, { quiet: true });
  } else if (state.mode === "paths") {
    await showPaths();
  }
}, 100);

// -- the graph view ----------------------------------------------------------------------

function reset() {
  graph.clear();
  state.expanded = [];
  state.truncated = [];
  state.paths = null;
  state.mode = "empty";
  $("path-list").replaceChildren();
  evidence.unpin();
  notice("");
  refreshViewList();
}

function refreshViewList() {
  const { nodes, edges } = graph.counts();
  $("empty").hidden = nodes > 0;
  $("in-view-summary").textContent = nodes
    ? `In view: ${nodes} nodes, ${edges} relationships`
    : "Nothing in view";
  const items = graph
    .nodes()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((node) =>
      el(
        "li",
        { dataset: { id: node.id, type: node.type } },
        el("button", { type: "button", class: "link", onclick: () => openEntity(node.id, { expand: false }) }, node.name),
        ` ${node.type}${node.country ? ` · ${node.country}` : ""} `,
        el("button", { type: "button", class: "small", "aria-label": `Expand ${node.name}`, onclick: () => expand(node.id) }, "expand"),
      ),
    );
  $("in-view-list").replaceChildren(...items);
}

async function expand(id, { quiet = false } = {}) {
  if (state.mode === "paths") reset();
  const { nodes } = graph.counts();
  if (nodes >= MAX_VIEW_NODES) {
    notice(`The view holds ${nodes} nodes, the most this page draws: clear it, or narrow the types or dates.`);
    return;
  }
  if (!quiet) clearError();
  const limit = Math.min(Number($("limit").value), state.maxLimit, MAX_VIEW_NODES - nodes + 1);
  const started = performance.now();
  const view = await busy(() =>
    get(`${entityPath(id)}/neighbourhood`, { depth: 1, limit, ...filters() }),
  );
  if (!view) return;
  const fetched = performance.now();
  const fresh = !graph.counts().nodes;
  graph.add(view.nodes, view.edges, id);
  graph.markExpanded(id);
  if (!state.expanded.includes(id)) state.expanded.push(id);
  state.mode = "neighbourhood";
  const centre = view.nodes.find((n) => n.id === id);
  if (view.truncated) state.truncated.push(centre?.name ?? id);
  // A node one step away always has an edge to the centre, unless the API's cap on a
  // view's edges was spent before it (on the parallel edges of stronger ties).
  const ends = new Set(view.edges.flatMap((edge) => [edge.source, edge.target]));
  const bare = view.nodes.filter((node) => node.id !== id && !ends.has(node.id)).length;
  const lines = [`${view.nodes.length} nodes and ${view.edges.length} relationships around ${centre?.name ?? id}.`];
  if (state.truncated.length) {
    lines.push(
      `Truncated: the API sent part of the neighbourhood of ${state.truncated.join(", ")} (at most ${limit} nodes, and a cap on edges); raise “Nodes per expansion” or narrow the filters.`,
    );
  }
  if (bare) lines.push(`${bare} of these nodes came without their edges: the cap on edges was spent on stronger ties.`);
  notice(lines.join(" "));
  refreshViewList();
  const added = performance.now();
  const layoutMs = await graph.layout({ fresh, centre: id });
  graph.select(id);
  drawn({ fetch_ms: fetched - started, add_ms: added - fetched, layout_ms: layoutMs, total_ms: performance.now() - started });
}

/** A view is drawn: say how long its parts took (for the benchmark and the tests). */
function drawn(timings) {
  state.lastDraw = timings;
  state.draws += 1;
}

// -- the entity panel --------------------------------------------------------------------

async function openEntity(id, { expand: andExpand = true } = {}) {
  clearError();
  const entity = await showEntity(id, dateRange());
  if (!entity) return;
  state.entity = entity;
  setHash(`entity=${encodeURIComponent(id)}`);
  if (andExpand) {
    reset();
    await expand(id);
  } else {
    graph.select(id);
  }
}

// -- paths -------------------------------------------------------------------------------

const fromPicker = entityPicker($("from"), $("from-options"), { onPick: () => {}, onError: showError });
const toPicker = entityPicker($("to"), $("to-options"), { onPick: () => {}, onError: showError });

async function showPaths() {
  const from = fromPicker.value;
  const to = toPicker.value;
  if (!from || !to) {
    showError(new ApiError(0, "Pick two entities", "choose a start and an end from the search lists first"));
    return;
  }
  clearError();
  const answer = await busy(() =>
    get("/paths", {
      from: from.id,
      to: to.id,
      k: $("k").value,
      max_length: $("max-length").value,
      // A path through a shared state or city says nothing about who dealt with whom.
      types: selectedTypes().filter((t) => !STRUCTURAL.has(t)).join(",") || null,
      since: dateRange().since,
      until: dateRange().until,
    }),
  );
  if (!answer) return;
  reset();
  state.mode = "paths";
  state.paths = answer;
  setHash(`paths=${encodeURIComponent(from.id)}|${encodeURIComponent(to.id)}`);
  const nodes = new Map(answer.paths.flatMap((path) => path.nodes).map((n) => [n.id, n]));
  const edges = new Map(answer.paths.flatMap((path) => path.edges).map((e) => [e.id, e]));
  graph.add([...nodes.values()], [...edges.values()]);
  graph.markPath([...nodes.keys()], [...edges.keys()], [from.id, to.id]);
  $("path-list").replaceChildren(
    ...answer.paths.map((path) =>
      el(
        "li",
        { dataset: { length: path.length } },
        path.nodes.map((node, i) => [
          i ? el("span", { class: `hop hop-${path.edges[i - 1].type.toLowerCase()}` }, ` —${typeName(path.edges[i - 1].type)}— `) : null,
          el("span", { class: "hop-node", dataset: { id: node.id } }, node.name),
        ]),
      ),
    ),
  );
  notice(
    answer.paths.length
      ? `${answer.paths.length} shortest path${answer.paths.length === 1 ? "" : "s"} from ${from.name} to ${to.name}.`
      : `No path from ${from.name} to ${to.name} within ${$("max-length").value} steps of the chosen types.`,
  );
  refreshViewList();
  drawn({ layout_ms: await graph.layout({ fresh: true }) });
}
$("show-paths").addEventListener("click", showPaths);
$("path-from").addEventListener("click", () => state.entity && fromPicker.set(state.entity));
$("path-to").addEventListener("click", () => state.entity && toPicker.set(state.entity));

// -- alliances ---------------------------------------------------------------------------

async function showAlliances() {
  clearError();
  const alliances = await busy(() => get("/alliances", dateRange()));
  if (!alliances) return;
  state.alliances = alliances;
  drawAlliances();
}

function drawAlliances() {
  renderAlliances(state.alliances, $("metric").value, {
    table: $("heatmap"),
    pairLine: $("pair"),
    blocList: $("blocs"),
    unaligned: $("unaligned"),
  });
}
$("metric").addEventListener("change", () => state.alliances && drawAlliances());

// -- tabs, export, address bar -----------------------------------------------------------

function showTab(name) {
  for (const tab of ["graph", "alliances"]) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute("aria-selected", String(on));
    $(`tab-${tab}`).tabIndex = on ? 0 : -1;
    $(`panel-${tab}`).hidden = !on;
  }
  if (name === "alliances") {
    setHash("alliances");
    showAlliances();
  } else if (state.entity) {
    setHash(`entity=${encodeURIComponent(state.entity.id)}`);
  }
}
for (const tab of ["graph", "alliances"]) {
  $(`tab-${tab}`).addEventListener("click", () => showTab(tab));
  $(`tab-${tab}`).addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const next = tab === "graph" ? "alliances" : "graph";
      showTab(next);
      $(`tab-${next}`).focus();
    }
  });
}

const stamp = () => new Date().toISOString().slice(0, 19).replaceAll(":", "");

$("export-png").addEventListener("click", () => {
  if (!graph.counts().nodes) {
    notice("Nothing to export: the view is empty.");
    return;
  }
  download(`diplograph-${stamp()}.png`, graph.png());
});
$("export-json").addEventListener("click", () => {
  const alliancesOpen = !$("panel-alliances").hidden;
  const body = alliancesOpen
    ? { view: "alliances", filters: dateRange(), alliances: state.alliances }
    : {
        view: state.mode,
        filters: filters(),
        expanded: state.expanded,
        truncated: state.truncated,
        paths: state.paths?.paths ?? null,
        nodes: graph.nodes(),
        edges: graph.edges(),
      };
  const blob = new Blob([JSON.stringify({ exported: new Date().toISOString(), ...body }, null, 2)], {
    type: "application/json",
  });
  download(`diplograph-${body.view}-${stamp()}.json`, blob);
});
$("clear").addEventListener("click", () => {
  reset();
  setHash("");
});

function setHash(value) {
  history.replaceState(null, "", value ? `#${value}` : window.location.pathname);
}

async function followHash() {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash.startsWith("entity=")) {
    await openEntity(hash.slice("entity=".length));
  } else if (hash.startsWith("paths=")) {
    const [from, to] = hash.slice("paths=".length).split("|");
    const ends = await busy(() => Promise.all([get(entityPath(from)), get(entityPath(to))]));
    if (!ends) return;
    fromPicker.set(ends[0]);
    toPicker.set(ends[1]);
    await showPaths();
  } else if (hash === "alliances") {
    showTab("alliances");
  }
}

// -- start -------------------------------------------------------------------------------

entityPicker($("search"), $("search-options"), {
  onPick: (entity) => openEntity(entity.id),
  onError: showError,
  onHint: (text) => {
    $("search-hint").textContent = text;
  },
});

async function start() {
  try {
    const [health, spec] = await Promise.all([get("/health"), get("/openapi.json")]);
    $("summary").textContent = `${health.articles} articles · ${health.nodes} nodes · ${health.relationships} relationships · ${health.backend} store`;
    const limit = spec.paths["/api/v1/entities/{entity_id}/neighbourhood"].get.parameters.find((p) => p.name === "limit");
    state.maxLimit = limit?.schema?.maximum ?? state.maxLimit;
    for (const option of [...$("limit").options]) {
      if (Number(option.value) > state.maxLimit) option.remove();
    }
    const types = spec.paths["/api/v1/entities/{entity_id}/neighbourhood"].get.parameters.find((p) => p.name === "types");
    buildTypeBoxes(types?.schema?.default ?? [...ASSERTIONS, "AFFILIATED_WITH"]);
    if (!health.articles) {
      $("empty").replaceChildren(
        el("p", {}, "The store is empty."),
        el("p", {}, "Ingest articles first: diplograph ingest examples/articles"),
      );
    }
    await setUpDates();
  } catch (error) {
    $("summary").textContent = "The API did not answer.";
    showError(error);
  }
  window.diplographExplorer.readyAt = performance.now();
  document.body.dataset.ready = "true";
  await followHash();
}

start();
