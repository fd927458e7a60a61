// The drawing: Cytoscape.js with the fCoSE layout. Nodes are styled by entity type,
// edges by relationship; everything the API sent about an element is kept in its data.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);

export const COLOURS = {
  MET_WITH: "#1f63b4",
  SUPPORTS: "#1e8a3c",
  REJECTS: "#c62828",
  other: "#9a9a9a",
};

const NODE_STYLES = {
  State: { shape: "round-rectangle", colour: "#284b7a", size: 34 },
  Official: { shape: "ellipse", colour: "#2c7f8c", size: 28 },
  Organization: { shape: "hexagon", colour: "#7b4f9d", size: 32 },
  Place: { shape: "diamond", colour: "#9c6b30", size: 24 },
  Event: { shape: "triangle", colour: "#8a8f98", size: 18 },
  Article: { shape: "tag", colour: "#b0b4ba", size: 16 },
};

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(name)",
      "font-size": 11,
      "font-family": "system-ui, sans-serif",
      color: "#1d2733",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-outline-color": "#ffffff",
      "text-outline-width": 2,
      "text-max-width": 140,
      "text-wrap": "ellipsis",
      "min-zoomed-font-size": 7,
      "border-width": 0,
    },
  },
  ...Object.entries(NODE_STYLES).map(([type, s]) => ({
    selector: `node[type = "${type}"]`,
    style: { shape: s.shape, "background-color": s.colour, width: s.size, height: s.size },
  })),
  { selector: "node.expanded", style: { "border-width": 3, "border-color": "#f2b705" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#111111" } },
  {
    selector: "edge",
    style: {
      width: 1.2,
      "line-color": COLOURS.other,
      "line-style": "dotted",
      "curve-style": "bezier",
      opacity: 0.75,
      "target-arrow-shape": "none",
    },
  },
  {
    selector: 'edge[type = "MET_WITH"]',
    style: { width: 2.4, "line-color": COLOURS.MET_WITH, "line-style": "solid", opacity: 0.9 },
  },
  {
    selector: 'edge[type = "SUPPORTS"]',
    style: {
      width: 2.4,
      "line-color": COLOURS.SUPPORTS,
      "line-style": "solid",
      "target-arrow-shape": "triangle",
      "target-arrow-color": COLOURS.SUPPORTS,
      opacity: 0.9,
    },
  },
  {
    selector: 'edge[type = "REJECTS"]',
    style: {
      width: 2.4,
      "line-color": COLOURS.REJECTS,
      "line-style": "dashed",
      "target-arrow-shape": "tee",
      "target-arrow-color": COLOURS.REJECTS,
      opacity: 0.9,
    },
  },
  { selector: "edge.crowded", style: { "curve-style": "straight" } },
  { selector: "edge:selected", style: { width: 5, opacity: 1 } },
  { selector: ".faded", style: { opacity: 0.15 } },
  { selector: "edge.path", style: { width: 5, opacity: 1, "z-index": 10 } },
  { selector: "node.path", style: { "border-width": 3, "border-color": "#f2b705" } },
  { selector: "node.endpoint", style: { "border-width": 5, "border-color": "#f2b705" } },
];

const pairKey = (edge) => [edge.data("source"), edge.data("target")].sort().join("\u0000");
const RING_LAYOUT_FROM = 80; // nodes in a new view
const FAN_OUT_UP_TO = 4; // parallel edges drawn as separate curves

/** A graph on `container`; `on` takes {node, expand, edge, hover, background} callbacks. */
export function createGraph(container, on) {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.05,
    maxZoom: 1.5,
    boxSelectionEnabled: false,
    textureOnViewport: true,
    hideEdgesOnViewport: true,
  });
  cy.on("tap", "node", (event) => on.node(event.target.data()));
  cy.on("dbltap", "node", (event) => on.expand(event.target.data()));
  cy.on("tap", "edge", (event) => on.edge(event.target.data()));
  cy.on("mouseover", "edge", (event) => on.hover(event.target.data()));
  cy.on("tap", (event) => {
    if (event.target === cy) on.background();
  });

  /** Add what the API sent (nodes and edges of a view); returns what was new. */
  function add(nodes, edges, near = null) {
    const anchor = near ? cy.getElementById(near) : null;
    const origin = anchor?.nonempty() ? anchor.position() : { x: 0, y: 0 };
    const fresh = [];
    for (const node of nodes) {
      if (cy.getElementById(node.id).nonempty()) continue;
      // New nodes start around the node they came from, so the layout settles locally.
      const angle = Math.random() * 2 * Math.PI;
      fresh.push({
        group: "nodes",
        data: { ...node },
        position: { x: origin.x + 80 * Math.cos(angle), y: origin.y + 80 * Math.sin(angle) },
      });
    }
    const added = cy.add(fresh);
    const known = (id) => cy.getElementById(id).nonempty();
    const links = edges
      .filter((edge) => !known(edge.id) && known(edge.source) && known(edge.target))
      .map((edge) => ({ group: "edges", data: { ...edge } }));
    return added.union(cy.add(links));
  }

  /** Lay everything out: from scratch for a new view, from current places otherwise.
   * A large new view around one node (`centre`) is a star: rings around it by how
   * connected each node is, which a force layout would only approximate, slowly. */
  function layout({ fresh = true, centre = null } = {}) {
    const started = performance.now();
    return new Promise((resolve) => {
      if (cy.nodes().empty()) {
        resolve(0);
        return;
      }
      crowd();
      const rings = fresh && centre && cy.nodes().length > RING_LAYOUT_FROM ? ringsAround(centre) : null;
      const options = rings
        ? {
            name: "concentric",
            animate: false,
            fit: true,
            padding: 30,
            avoidOverlap: true,
            minNodeSpacing: 6,
            concentric: (node) => rings.get(node.id()),
            levelWidth: () => 1,
          }
        : {
            name: "fcose",
            animate: false,
            randomize: fresh,
            quality: fresh ? "default" : "proof",
            nodeDimensionsIncludeLabels: false,
            packComponents: true,
            idealEdgeLength: 110,
            nodeRepulsion: 12000,
            nodeSeparation: 90,
            padding: 30,
            fit: true,
          };
      // Lay out one edge per pair of nodes: parallel edges (one per article) pull the
      // same way, and a hub's view has several per pair, which fCoSE would pay for.
      const pairs = new Set();
      const skeleton = cy.edges().filter((edge) => {
        const key = pairKey(edge);
        if (pairs.has(key)) return false;
        pairs.add(key);
        return true;
      });
      const run = cy.nodes().union(skeleton).layout(options);
      run.one("layoutstop", () => {
        resolve(performance.now() - started);
      });
      run.run();
    });
  }

  /** The ring of each node around `centre` (higher is nearer): the strongest ties
   * (most edges to the centre, then most edges in view) inside, each ring holding twice
   * as many nodes as the one within it. */
  function ringsAround(centre) {
    const middle = cy.getElementById(centre);
    const ties = (node) => node.edgesWith(middle).length;
    const others = cy
      .nodes()
      .filter((node) => node.id() !== centre)
      .sort((a, b) => ties(b) - ties(a) || b.degree(false) - a.degree(false));
    const rings = new Map([[centre, 1000]]);
    let ring = 0;
    let room = 12;
    let filled = 0;
    others.forEach((node) => {
      if (filled === room) {
        ring += 1;
        room *= 2;
        filled = 0;
      }
      rings.set(node.id(), 999 - ring);
      filled += 1;
    });
    return rings;
  }

  /** Pairs with many parallel edges draw them straight, on top of each other: fanned out
   * as curves, the fifty articles between a hub and a state would span the screen. */
  function crowd() {
    const count = new Map();
    cy.edges().forEach((edge) => count.set(pairKey(edge), (count.get(pairKey(edge)) ?? 0) + 1));
    cy.edges().forEach((edge) => {
      edge.toggleClass("crowded", count.get(pairKey(edge)) > FAN_OUT_UP_TO);
    });
  }

  function markPath(nodeIds, edgeIds, endpoints) {
    cy.elements().removeClass("path endpoint");
    for (const id of nodeIds) cy.getElementById(id).addClass("path");
    for (const id of edgeIds) cy.getElementById(id).addClass("path");
    for (const id of endpoints) cy.getElementById(id).addClass("endpoint");
  }

  return {
    cy,
    add,
    layout,
    markPath,
    clear: () => cy.elements().remove(),
    markExpanded: (id) => cy.getElementById(id).addClass("expanded"),
    select(id) {
      cy.elements().unselect();
      const element = cy.getElementById(id);
      element.select();
      return element.nonempty();
    },
    counts: () => ({ nodes: cy.nodes().length, edges: cy.edges().length }),
    nodes: () => cy.nodes().map((n) => n.data()),
    edges: () => cy.edges().map((e) => e.data()),
    png: () => cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff", maxWidth: 8000, maxHeight: 8000 }),
  };
}
