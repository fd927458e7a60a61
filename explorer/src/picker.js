// An entity search box as an ARIA combobox: type any spelling, move with the arrow
// keys, Enter or a click picks, Escape closes. Answers that arrive after a newer
// question are dropped, so fast typing never shows stale matches.
import { get } from "./api.js";
import { debounce, el } from "./dom.js";

const SHOWN = 8;

export function entityPicker(input, listbox, { onPick, onError, onHint = () => {} }) {
  let options = [];
  let active = -1;
  let asked = 0;
  let picked = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    for (const [i, option] of [...listbox.children].entries()) {
      option.setAttribute("aria-selected", String(i === index));
      if (i === index) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    }
  }

  function pick(entity) {
    picked = entity;
    input.value = entity.name;
    close();
    onPick(entity);
  }

  function show(items, query) {
    options = items;
    listbox.replaceChildren(
      ...items.map((entity, i) =>
        el(
          "li",
          {
            id: `${listbox.id}-${i}`,
            role: "option",
            "aria-selected": "false",
            dataset: { id: entity.id },
            onmousedown: (event) => event.preventDefault(), // keep the focus in the input
            onclick: () => pick(entity),
          },
          el("span", { class: "name" }, entity.name),
          el("span", { class: "kind" }, [entity.type, entity.country].filter(Boolean).join(" · ")),
        ),
      ),
    );
    listbox.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(items.length > 0));
    onHint(items.length ? `${items.length} shown; arrows to move, Enter to open` : `No entity matches “${query}”.`);
    if (items.length) highlight(0);
  }

  const search = debounce(async (query) => {
    const ticket = ++asked;
    try {
      const page = await get("/entities", { q: query, limit: SHOWN });
      if (ticket === asked) show(page.items, query);
    } catch (error) {
      if (ticket === asked) {
        close();
        onError(error);
      }
    }
  }, 150);

  input.addEventListener("input", () => {
    picked = null;
    const query = input.value.trim();
    if (!query) {
      asked++;
      close();
      return;
    }
    search(query);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (listbox.hidden) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      if (!listbox.hidden && active >= 0) {
        event.preventDefault();
        pick(options[active]);
      }
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);

  return {
    get value() {
      return picked;
    },
    set(entity) {
      picked = entity;
      input.value = entity ? entity.name : "";
    },
  };
}
