import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/**
 * Literal text in the sources that reads as words for people ("No request was made: …"), as
 * opposed to keys, codes, ids, SQL or log and error messages. What the bot shows must come from
 * the catalogues (src/core/i18n/catalogue), in Dutch and English; a literal sentence in a view is
 * one language only.
 */
export interface ProseLiteral {
  file: string;
  line: number;
  text: string;
}

/** Two words of letters with a space between them: prose, not a key ("disclosure.ask.heading") or an id. */
const PROSE = /\p{L}{2,}[,;:]? +\p{L}{2,}/u;
/** Names of properties whose values are data for programs, never shown as such. */
const DATA_KEYS = new Set(["action", "code", "subject", "actor", "kind", "tone", "style", "platform", "topic", "id", "type", "state", "event", "what", "via", "name", "source"]);
/** Callees whose text is for operators or developers: logs, errors, assertions. */
const FOR_OPERATORS = /(^|\.)(log|debug|info|warn|error|fatal|trace|assert)$|Error$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Whether a literal sits where its text is not shown to people. */
function notShown(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at) || ts.isThrowStatement(at)) return true;
    if ((ts.isCallExpression(at) || ts.isNewExpression(at)) && FOR_OPERATORS.test(at.expression.getText())) return true;
    if (ts.isPropertyAssignment(at) && at.initializer === node && DATA_KEYS.has(at.name.getText())) return true;
    if (ts.isBinaryExpression(at) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(at.operatorToken.kind)) return true;
    if (ts.isCaseClause(at) || ts.isFunctionLike(at) || ts.isBlock(at)) return false;
  }
  return false;
}

/** The prose literals of one source file. */
export function proseIn(file: string): ProseLiteral[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: ProseLiteral[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" … ");
    if (text !== undefined && PROSE.test(text) && !/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE)\b/i.test(text) && !notShown(node)) {
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.slice(0, 80) });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Prose literals per file under `dir`, the catalogues left out. */
export function proseByFile(dir: string): Map<string, ProseLiteral[]> {
  const byFile = new Map<string, ProseLiteral[]>();
  for (const file of sources(dir).filter((f) => !f.includes("/i18n/catalogue/") && !f.includes("/generated/"))) {
    const prose = proseIn(file);
    if (prose.length) byFile.set(file, prose);
  }
  return byFile;
}
