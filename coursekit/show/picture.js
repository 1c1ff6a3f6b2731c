// An explorer's picture in the browser (the widget of coursekit/show/picture.py).
//
// It shows the PNG the kernel drew last. The kernel also draws ahead: the pictures of nearby values of the
// control moved last (the main control), sent as messages and kept here, decoded. When the main control
// moves to one of those values, its picture is put on screen at once, in the task of the input, without
// waiting for the kernel. A picture drawn ahead is used only in its generation: the kernel counts a new one
// at each change of another control, and a change seen here drops what was drawn before it.

const KEPT = 8; // pictures drawn ahead, kept at most

// Two synced values are the same: equal, or numbers within rounding (a slider's value computed in the
// browser and in Python may differ in the last bits).
function same(a, b) {
  if (a === b) return true;
  return typeof a === "number" && typeof b === "number" &&
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

// A decoded <img> of PNG bytes (a DataView or ArrayBuffer), with the main control's value it shows.
async function decoded(bytes, at, source) {
  const img = new Image();
  img.className = "coursekit-picture";
  img.alt = "the explorer's figure";
  img.draggable = false;
  img.src = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
  img.dataset.at = JSON.stringify(at);
  img.dataset.source = source;
  try {
    await img.decode();
  } catch (error) {
    // a picture that cannot be decoded is still shown as the browser can (never left blank)
  }
  return img;
}

async function render({ model, el }) {
  const manager = model.widget_manager;
  const entries = Object.entries(model.get("controls")); // [model id, synced name] of each control
  const controls = await Promise.all(entries.map(async ([id, name]) => [id, await manager.get_model(id), name]));
  const main = () => model.get("control"); // the id of the control drawn ahead: the one moved last
  const current = () => {
    const entry = controls.find(([id]) => id === main());
    return entry ? entry[1].get(entry[2]) : null;
  };

  let ahead = []; // {img, at, generation}, newest last
  let shown = null; // {img, at, generation} on screen
  let kernelTurn = 0;
  let oldest = model.get("generation"); // pictures drawn ahead before a change here are not kept

  function put(picture) {
    if (shown && shown.img === picture.img) return;
    el.replaceChildren(picture.img);
    if (shown && !ahead.some((kept) => kept.img === shown.img)) URL.revokeObjectURL(shown.img.src);
    shown = picture;
  }

  function forget(kept) {
    if (!shown || shown.img !== kept.img) URL.revokeObjectURL(kept.img.src);
  }

  function forgetAll() {
    ahead.forEach(forget);
    ahead = [];
  }

  const valid = (generation) => generation >= oldest && generation === model.get("generation");
  const showsCurrent = () => shown !== null && same(shown.at, current()) && valid(shown.generation);

  async function fromKernel() {
    const turn = ++kernelTurn;
    const at = model.get("at");
    const generation = model.get("generation");
    if (shown && same(shown.at, at) && shown.generation === generation) return; // already on screen
    const img = await decoded(model.get("png"), at, "kernel");
    // not shown when a newer picture came meanwhile, or when the screen already shows the current values
    // (drawn ahead) and this picture is of a value left since; otherwise it is the newest there is
    if (turn !== kernelTurn || (showsCurrent() && !same(current(), at))) {
      URL.revokeObjectURL(img.src);
      return;
    }
    put({ img, at, generation });
  }

  function changed(id) {
    if (id !== main()) {
      oldest = model.get("generation") + 1; // the kernel counts this change when it hears of it
      forgetAll();
      return;
    }
    const hit = ahead.find((kept) => same(kept.at, current()) && valid(kept.generation));
    if (hit) put(hit);
  }

  async function received(message, buffers) {
    if (!message || message.kind !== "ahead" || !buffers || !buffers.length) return;
    const fits = () => message.control === main() && valid(message.generation);
    if (!fits()) return;
    const img = await decoded(buffers[0], message.at, "ahead");
    if (!fits()) {
      URL.revokeObjectURL(img.src);
      return;
    }
    ahead = ahead.filter((kept) => (same(kept.at, message.at) ? (forget(kept), false) : true));
    ahead.push({ img, at: message.at, generation: message.generation });
    while (ahead.length > KEPT) forget(ahead.shift());
    if (same(current(), message.at) && !showsCurrent()) put(ahead[ahead.length - 1]);
  }

  const listeners = controls.map(([id, control, name]) => {
    const listener = () => changed(id);
    control.on(`change:${name}`, listener);
    return () => control.off(`change:${name}`, listener);
  });
  el.classList.add("coursekit-picture-box");
  model.on("change:png", fromKernel);
  model.on("change:generation", forgetAll);
  model.on("msg:custom", received);
  const first = await decoded(model.get("png"), model.get("at"), "kernel");
  if (!shown) put({ img: first, at: model.get("at"), generation: model.get("generation") });

  return () => {
    model.off("change:png", fromKernel);
    model.off("change:generation", forgetAll);
    model.off("msg:custom", received);
    listeners.forEach((off) => off());
    ahead.forEach((kept) => URL.revokeObjectURL(kept.img.src));
    if (shown) URL.revokeObjectURL(shown.img.src);
  };
}

export default { render };
