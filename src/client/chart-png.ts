/**
 * The 「下载 PNG」 buttons (src/components/ChartPngButton.astro): draws a chart's standalone SVG onto a
 * canvas at twice its size and saves the PNG under the chart's name, all in the reader's browser.
 * The SVG has every text as glyph outlines and its own white background, so the PNG looks the same
 * whatever fonts the reader has. Says so in the button's status line when the browser cannot.
 */

/** How much larger than the SVG the PNG is: sharp on high-density screens and in WeChat articles. */
export const PNG_ZOOM = 2;

/** Draws the SVG at `url` (same site) at `zoom` times its size, on white; resolves with the PNG. */
export async function drawSvgAsPng(url: string, zoom: number): Promise<Blob> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const { naturalWidth: width, naturalHeight: height } = image;
  if (!(width > 0 && height > 0)) throw new Error(`${url} has no size`);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * zoom);
  canvas.height = Math.round(height * zoom);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((done, fail) => canvas.toBlob((blob) => (blob ? done(blob) : fail(new Error('the canvas gave no PNG'))), 'image/png'));
}

/** Saves a blob under a file name, as a download. */
function save(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

for (const wrapper of document.querySelectorAll<HTMLElement>('.chart-png')) wrapper.hidden = false;

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-png-svg]');
  if (!button || button.getAttribute('aria-busy') === 'true') return;
  const status = button.nextElementSibling;
  const say = (text: string): void => {
    if (status) status.textContent = text;
  };
  button.setAttribute('aria-busy', 'true');
  say('');
  drawSvgAsPng(button.dataset.pngSvg ?? '', PNG_ZOOM)
    .then((blob) => save(blob, button.dataset.pngName ?? 'chart.png'))
    .catch(() => say('浏览器未能生成 PNG'))
    .finally(() => button.removeAttribute('aria-busy'));
});
