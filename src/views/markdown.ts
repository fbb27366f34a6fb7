/**
 * Renders a report's narrative Markdown to HTML. The text comes from government documents and
 * extraction tools, so it is untrusted: raw HTML is dropped and the result is sanitised.
 */
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: false }).use(rehypeSanitize).use(rehypeStringify);

/** Renders untrusted Markdown to safe HTML (no raw HTML, no scripts, no event handlers, no javascript: links). */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
