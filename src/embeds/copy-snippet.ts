/**
 * The 复制代码 buttons of the report page's embed snippets: copies the snippet to the clipboard and
 * says so. The snippet sits in a read-only textarea that is selected on focus, so without this script
 * (or without clipboard access) a reader selects it and copies it by hand.
 *
 * The textarea waits in a <template> inside its closed 嵌入此图 details until the reader opens them
 * (a noscript shows it without scripts): Chromium gives every form control in the page a forced style
 * and layout at DOMContentLoaded, hidden or not, a long task at load on a page of charts.
 */

/** Puts the snippet's textarea of a 嵌入此图 details into the page, where its template stands; once. */
export function showSnippet(details: Element): void {
  const template = details.querySelector<HTMLTemplateElement>('template[data-snippet-template]');
  if (template) template.replaceWith(document.importNode(template.content, true));
}

// A click on the summary comes before the details open, so the textarea is there in the frame
// that shows them; `toggle` covers an opening without a click (find in page).
document.addEventListener('click', (event) => {
  const summary = (event.target as Element | null)?.closest('summary');
  if (summary?.parentElement?.matches('details.chart-embed')) showSnippet(summary.parentElement);
});
document.addEventListener(
  'toggle',
  (event) => {
    if (event.target instanceof HTMLDetailsElement && event.target.open && event.target.matches('details.chart-embed')) showSnippet(event.target);
  },
  true,
);

document.addEventListener('focusin', (event) => {
  if (event.target instanceof HTMLTextAreaElement && event.target.matches('textarea[data-snippet]')) event.target.select();
});

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-copy]');
  const area = button ? document.getElementById(button.dataset.copy ?? '') : null;
  if (!button || !(area instanceof HTMLTextAreaElement)) return;
  const status = button.nextElementSibling;
  const say = (text: string): void => {
    if (status) status.textContent = text;
  };
  area.select();
  const fallback = (): void => say(document.execCommand('copy') ? '已复制' : '已选中，请按 Ctrl+C（⌘C）复制');
  if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(() => say('已复制'), fallback);
  else fallback();
});
