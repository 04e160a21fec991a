/**
 * A slash command's text as the person typed it. Slack sends it marked up: it escapes exactly
 * three characters (& < >) as entities and wraps links, e-mail addresses and mentions in <…>.
 * Undone here, at the door, so that the core reads what was typed on every platform alike: a
 * purpose "A & B" is stored as "A & B" (not "A &amp; B", which every renderer and every STIX file
 * would then show escaped), and a value Slack turned into a link is the value typed.
 *
 * Only a slash command's text is marked up: what a form (a modal's input) sends is plain text.
 */

// Real "<" and ">" typed by a person arrive as entities, so a literal "<" can only be Slack
// markup. One pass over both alternatives means "&amp;lt;" decodes to "&lt;", never to "<".
const SLACK_MARKUP = /<([^<>]*)>|&(amp|lt|gt);/g;
const ENTITY = /&(amp|lt|gt);/g;
const ENTITY_TEXT: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

const decodeEntities = (text: string): string => text.replace(ENTITY, (_m, name: string) => ENTITY_TEXT[name]);

/**
 * Slack auto-links scheme-less text such as "evil.example/a" as <http://evil.example/a|evil.example/a>.
 * The http:// is Slack's guess, not the person's, so in that case we keep what they typed (the
 * label); for any other link the target is the authoritative value.
 */
function resolveLink(inner: string): string {
  const bar = inner.indexOf("|");
  const target = decodeEntities(bar === -1 ? inner : inner.slice(0, bar));
  const label = bar === -1 ? undefined : decodeEntities(inner.slice(bar + 1));
  // Mentions (<@U…>, <#C…|name>, <!here>) are not indicators; show the person something readable.
  if (/^[@#!]/.test(target)) return label ?? target;
  if (/^mailto:/i.test(target)) return target.slice("mailto:".length);
  if (label !== undefined && isAutoLink(target, label)) return label;
  return target;
}

function isAutoLink(target: string, label: string): boolean {
  const t = target.toLowerCase();
  const l = label.toLowerCase();
  return t === `http://${l}` || t === `https://${l}` || t === `http://${l}/` || t === `https://${l}/`;
}

/** The text as typed: Slack's links resolved, its three entities decoded (once). */
export function typedText(slackText: string): string {
  if (!slackText.includes("<") && !slackText.includes("&")) return slackText;
  return slackText.replace(SLACK_MARKUP, (_m, inner: string | undefined, entity: string | undefined) =>
    inner !== undefined ? resolveLink(inner) : ENTITY_TEXT[entity as string],
  );
}
