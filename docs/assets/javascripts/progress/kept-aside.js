/* The progress page's notes on stored data (progress/main.js mounts it under the figures):
 * damaged data kept aside by browser/storage.js ("dva-damaged-*" keys), with a button to
 * download it as a file and one to discard it (after asking), and a note when the exam
 * history is at its limit. */
import { exams, HISTORY_LIMIT } from "../browser/exam-records.js";
import { discardKeptAside, keptAside, progress } from "../browser/storage.js";
import { actionButton, el } from "../utilities/dom.js";
import { plural } from "../utilities/format.js";

function keptButton(action, text, variant) {
  return actionButton("data-kept-action", action, text, variant);
}

export class KeptAside {
  /* say(text, focus): tell it in the page's message area (announced); focus: move focus there. */
  constructor(say) {
    this.say = say;
    this.node = el("div", { class: "dva-progress__kept" });
    this.node.addEventListener("click", (event) => {
      const button = event.target.closest("[data-kept-action]");
      if (!button || button.disabled) return;
      const action = button.getAttribute("data-kept-action");
      if (action === "download") this.download();
      else if (action === "discard") this.askDiscard(true);
      else if (action === "cancel") this.askDiscard(false);
      else if (action === "confirm-discard") this.discard();
    });
  }

  render() {
    const copies = keptAside();
    const history = exams.read().history;
    this.node.textContent = "";
    if (copies.length) {
      this.confirm = el("div", { class: "dva-progress__confirm", hidden: true, tabindex: "-1" }, [
        el("p", { text: "Delete the damaged data for good? It cannot be used by this site; keep the downloaded file if you may want it." }),
        el("div", { class: "dva-progress__actions" }, [keptButton("confirm-discard", "Delete it", "danger-filled"), keptButton("cancel", "Cancel")])
      ]);
      this.node.appendChild(el("section", { class: "dva-progress__note dva-progress__damaged", "aria-labelledby": "dva-progress-damaged" }, [
        el("h2", { id: "dva-progress-damaged", text: "Damaged data kept aside" }),
        el("p", { "data-kept-count": "", text: "Part of the progress stored in this browser could not be read, so it is not counted above. " +
          plural(copies.length, "copy of it is", "copies of it are") + " kept aside, unchanged, until you choose what to do." }),
        el("div", { class: "dva-progress__actions" }, [
          keptButton("download", "Download the damaged data"),
          keptButton("discard", "Discard it\u2026", "danger")
        ]),
        this.confirm
      ]));
    }
    if (history.length >= HISTORY_LIMIT) {
      this.node.appendChild(el("p", { class: "dva-progress__note", "data-kept-limit": "",
        text: "Your history keeps your last " + HISTORY_LIMIT + " practice exams: each new exam removes the oldest." }));
    }
  }

  download() {
    const now = new Date();
    const copies = keptAside();
    const data = { format: "dva-c02-damaged-data", exported: now.toISOString(),
      items: copies.map((copy) => ({ key: copy.key, from: copy.from, kept: new Date(copy.at).toISOString(), text: copy.text })) };
    const name = "dva-c02-damaged-data-" + now.toISOString().slice(0, 10) + ".json";
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    el("a", { href: url, download: name }).click(); // never in the page: instant navigation must not see it
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    this.say("The damaged data was downloaded to " + name + ".");
  }

  askDiscard(open) {
    this.confirm.hidden = !open;
    if (open) this.confirm.focus();
    else this.node.querySelector('[data-kept-action="discard"]').focus();
  }

  /* Drop the damaged parts from the stored data first, then the copies. */
  discard() {
    const copies = keptAside();
    if (!(progress.repair() && exams.repair())) {
      this.say("The damaged data could not be discarded: this browser's storage refused the change.");
      return;
    }
    discardKeptAside(copies.map((copy) => copy.key));
    this.render();
    this.say("The damaged data was discarded.", true);
  }
}
