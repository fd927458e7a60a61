// Small DOM helpers: elements are built with textContent, never innerHTML, so names and
// sentences from articles cannot inject markup.

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const TYPE_NAMES = {
  MET_WITH: "met with",
  SUPPORTS: "supports",
  REJECTS: "rejects",
  PARTICIPATED_IN: "took part in",
  AFFILIATED_WITH: "affiliated with",
  HELD_IN: "held in",
  LOCATED_IN: "located in",
  REPORTED_IN: "reported in",
};

export const typeName = (type) => TYPE_NAMES[type] ?? type.toLowerCase().replaceAll("_", " ");
