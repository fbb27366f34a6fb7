/**
 * The 复制代码 buttons of the report page's embed snippets: copies the snippet to the clipboard and
 * says so. The snippet sits in a read-only textarea that is selected on focus, so without this script
 * (or without clipboard access) a reader selects it and copies it by hand.
 */
for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-snippet]')) {
  area.addEventListener('focus', () => area.select());
}

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
