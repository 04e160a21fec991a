import type { Translator } from "../i18n/translator.js";
import type { StoreUnavailableError } from "../ports.js";
import { refusalView, type MessageView } from "./message.js";

/**
 * What a member reads when the database did not answer in time, had no room to write (its disk
 * is full), or lost its answer to a commit (`inDoubt`: then it may have been done, and they are
 * told to look before trying again). A command and an import from chat say it alike.
 */
export function storeFailureView(error: StoreUnavailableError, t: Translator): MessageView {
  if (error.inDoubt) return refusalView("store.unconfirmed", t.text("commands.store_unconfirmed"));
  return error.diskFull ? refusalView("store.full", t.text("commands.store_full")) : refusalView("store.unavailable", t.text("commands.store_unavailable"));
}
