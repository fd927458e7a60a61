// The alliances view: the stance matrix between states as a heat map (an HTML table,
// so every cell is readable and reachable by keyboard) and the blocs as groups.
import { el } from "./dom.js";

const METRICS = {
  stance: { label: "stance", diverging: true },
  meetings: { label: "meetings", diverging: false },
  supports: { label: "support", diverging: false },
  rejects: { label: "rejection", diverging: false },
};

/** A colour for `value` on the metric's scale, as [r, g, b]: red → white → green, or
 * white → blue. */
function colour(value, metric, max) {
  if (value === null || value === undefined) return [241, 242, 244];
  const mix = (to, a) => to.map((c) => Math.round(255 + (c - 255) * a));
  if (METRICS[metric].diverging) {
    const t = Math.max(-1, Math.min(1, value));
    return mix(t >= 0 ? [22, 105, 45] : [198, 40, 40], Math.abs(t));
  }
  return mix([31, 99, 180], max ? value / max : 0);
}

/** Black or white, whichever reads better on `rgb` (WCAG relative luminance): one of
 * the two always has a contrast of at least 4.58 to 1. */
function ink([r, g, b]) {
  const linear = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000" : "#fff";
}

const format = (value, metric) =>
  value === null || value === undefined ? "–" : metric === "stance" ? value.toFixed(2) : String(value);

function pairOf(alliances, a, b) {
  return alliances.pairs.find(
    (p) => (p.a.id === a && p.b.id === b) || (p.a.id === b && p.b.id === a),
  );
}

function describe(alliances, a, b) {
  const pair = pairOf(alliances, a.id, b.id);
  if (!pair) return `${a.name} and ${b.name}: nothing reported between them.`;
  const [x, y] = pair.a.id === a.id ? [pair.a, pair.b] : [pair.b, pair.a];
  const flip = pair.a.id !== a.id;
  const sup = flip ? [pair.supports.b_to_a, pair.supports.a_to_b] : [pair.supports.a_to_b, pair.supports.b_to_a];
  const rej = flip ? [pair.rejects.b_to_a, pair.rejects.a_to_b] : [pair.rejects.a_to_b, pair.rejects.b_to_a];
  const stance = pair.stance === null ? "no stance reported" : `stance ${pair.stance.toFixed(2)}`;
  return (
    `${x.name} and ${y.name}: ${stance}; ${pair.meetings} meetings; ` +
    `${x.name} supports ${y.name} ${sup[0]}×, ${y.name} supports ${x.name} ${sup[1]}×; ` +
    `${x.name} rejects ${y.name} ${rej[0]}×, ${y.name} rejects ${x.name} ${rej[1]}×.`
  );
}

/** Draw `alliances` (the API's answer) into the table, the pair line and the bloc list. */
export function renderAlliances(alliances, metric, { table, pairLine, blocList, unaligned, onPair }) {
  const states = alliances.states;
  const byId = new Map(states.map((s) => [s.id, s]));
  const matrix = alliances.matrix[metric];
  const max = Math.max(0, ...matrix.flat().filter((v) => typeof v === "number"));
  const caption = table.querySelector("caption");
  const head = el(
    "thead",
    {},
    el("tr", {}, el("td"), states.map((s) => el("th", { scope: "col", title: s.name }, s.id))),
  );
  const body = el(
    "tbody",
    {},
    states.map((row, i) =>
      el(
        "tr",
        {},
        el("th", { scope: "row", title: row.name }, `${row.name} (${row.id})`),
        states.map((column, j) => {
          const value = matrix[i][j];
          if (i === j) return el("td", { class: "self", "aria-label": `${row.name}` }, "");
          const label = `${row.name} and ${column.name}: ${METRICS[metric].label} ${format(value, metric)}`;
          const fill = colour(value, metric, max);
          return el(
            "td",
            {
              class: "cell",
              tabindex: "0",
              role: "button",
              "aria-label": label,
              title: label,
              dataset: { a: row.id, b: column.id, value: value ?? "" },
              style: `background:rgb(${fill});color:${ink(fill)}`,
              onclick: () => select(row.id, column.id),
              onkeydown: (event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  select(row.id, column.id);
                }
              },
            },
            format(value, metric),
          );
        }),
      ),
    ),
  );
  table.replaceChildren(caption, head, body);
  pairLine.textContent = states.length
    ? "Pick a cell for what lies behind it."
    : "No state has a meeting or a stance in this date range.";

  function select(a, b) {
    pairLine.textContent = describe(alliances, byId.get(a), byId.get(b));
    onPair?.(a, b);
  }

  blocList.replaceChildren(
    ...alliances.blocs.map((bloc) =>
      el(
        "li",
        { class: "bloc", dataset: { bloc: bloc.id } },
        el("span", { class: "bloc-name" }, `Bloc ${bloc.id}`),
        el("ul", { class: "chips" }, bloc.members.map((m) => el("li", { dataset: { id: m.id } }, m.name))),
        el(
          "span",
          { class: "hint" },
          `${bloc.meetings} meetings, ${bloc.supports} supports, ${bloc.rejects} rejections inside`,
        ),
      ),
    ),
  );
  const loners = alliances.unaligned ?? [];
  unaligned.textContent = loners.length ? `Unaligned: ${loners.map((s) => s.name).join(", ")}` : "";
}
