/** Splits "/ciic submit 1.2.3.4" style text into the subcommand and the rest. */
export function splitCommand(text: string): { name: string; rest: string } {
  const trimmed = text.replace(/^\s+/, "");
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { name: "", rest: "" };
  return { name: match[1].toLowerCase(), rest: match[2] };
}
