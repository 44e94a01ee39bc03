/** Verifies that every local link and image of a Markdown document resolves. */
import { exists } from "../fs_atomic.ts";

/** Markdown links and images `[text](target "title")`, and HTML `src=`/`href=` attributes. */
const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML = /\b(?:src|href)="([^"]+)"/g;

/** Link targets of `markdown`, outside fenced code blocks and inline code. */
export function linkTargets(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(LINK), ...text.matchAll(HTML)].map((m) => m[1]);
}

/**
 * Every local link or image target in `markdown` that does not exist,
 * resolved relative to the folder `out` the document lives in. External
 * URLs and in-page anchors are not checked.
 */
export async function checkLinks(out: string, markdown: string): Promise<string[]> {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
    const path = decodeURI(target.replace(/[#?].*$/, ""));
    if (!(await exists(path.startsWith("/") ? path : `${out}/${path}`))) broken.push(target);
  }
  return broken;
}
