/** Verifies that every local link and image of a Markdown document resolves. */
import { exists } from "../fs_atomic.ts";
import { anchor } from "./format.ts";

/** Markdown links and images `[text](target "title")`, and HTML `src=`/`href=` attributes. */
const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML = /\b(?:src|href)="([^"]+)"/g;

/** `markdown` without fenced code blocks and inline code, where nothing is a link or a heading. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Link targets of `markdown`, outside fenced code blocks and inline code. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  return [...text.matchAll(LINK), ...text.matchAll(HTML)].map((m) => m[1]);
}

/** The in-page anchors GitHub gives the headings of `markdown` (repeats get -1, -2, …). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = anchor(m[1]);
    let a = base;
    for (let i = 1; anchors.has(a); i++) a = `${base}-${i}`;
    anchors.add(a);
  }
  return anchors;
}

/**
 * Every local link or image target in `markdown` that does not exist,
 * resolved relative to the folder `out` the document lives in, and every
 * in-page `#anchor` that no heading produces. External URLs are not checked.
 */
export async function checkLinks(out: string, markdown: string): Promise<string[]> {
  const broken: string[] = [];
  const anchors = headingAnchors(markdown);
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    if (target.startsWith("#")) {
      if (!anchors.has(decodeURIComponent(target.slice(1)))) broken.push(target);
      continue;
    }
    const path = decodeURI(target.replace(/[#?].*$/, ""));
    if (!(await exists(path.startsWith("/") ? path : `${out}/${path}`))) broken.push(target);
  }
  return broken;
}
