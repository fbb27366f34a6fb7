/**
 * The two small scripts of embedding, as text, sharing one message protocol:
 * - the frame script, inline in every embed page's head: reads the render flags from the query
 *   (`theme=dark|auto|light`, `plain`) before the first paint, and reports the page's height to the
 *   parent window whenever it changes (ResizeObserver), and again when the parent asks;
 * - the host script, `/embed.js`, loaded by the page that embeds: sets each iframe of this site to
 *   the height its page reports. It accepts messages only from the site's origin (the origin it was
 *   loaded from) and only for an iframe whose window sent the message.
 * Both are plain ES2017 without imports: they run on hosts we know nothing about.
 */

/** The message an embed page sends: `{ type, id, height }`, height in CSS px. */
export const RESIZE_MESSAGE = 'gongkai:resize';

/** The message the host script sends to ask every embed page for its height. */
export const PING_MESSAGE = 'gongkai:ping';

/** The largest height the host script accepts, in CSS px (a guard against nonsense). */
export const MAX_EMBED_HEIGHT = 20000;

/**
 * The inline script of an embed page; `frameId` names the chart in its messages. The page starts light
 * (`data-theme="light"` on its root, so a chart lands light in a white news page even without
 * scripts); `theme=dark` makes it dark and `theme=auto` follows the reader's system setting.
 */
export function formatFrameScript(frameId: string): string {
  return `(function(){var d=document.documentElement,q=new URLSearchParams(location.search),t=q.get("theme");if(t==="dark")d.dataset.theme=t;else if(t==="auto")delete d.dataset.theme;if(q.has("plain")&&q.get("plain")!=="0")d.dataset.plain="";if(parent===window)return;var last=0;function send(){var h=Math.ceil(document.body.getBoundingClientRect().height);if(h!==last){last=h;parent.postMessage({type:${JSON.stringify(RESIZE_MESSAGE)},id:${JSON.stringify(frameId)},height:h},"*")}}addEventListener("message",function(e){if(e.source===parent&&e.data&&e.data.type===${JSON.stringify(PING_MESSAGE)}){last=0;send()}});addEventListener("DOMContentLoaded",function(){if(window.ResizeObserver)new ResizeObserver(send).observe(document.body);else addEventListener("resize",send);send()})})();`;
}

/**
 * The host script (`/embed.js`). Its origin is the one it was loaded from (`document.currentScript`);
 * `fallbackOrigin` (the site's configured address) is used only where a browser cannot tell.
 */
export function formatHostScript(fallbackOrigin: string): string {
  return `/* 公开 gongkai: sizes embedded charts to their content. */
(function () {
  if (window.gongkaiEmbeds) return;
  window.gongkaiEmbeds = true;
  var script = document.currentScript;
  var origin = new URL(script && script.src ? script.src : ${JSON.stringify(fallbackOrigin)}, location.href).origin;
  function frames() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), function (f) {
      try { return new URL(f.src, location.href).origin === origin; } catch (e) { return false; }
    });
  }
  addEventListener("message", function (e) {
    var data = e.data;
    if (e.origin !== origin || !data || data.type !== ${JSON.stringify(RESIZE_MESSAGE)}) return;
    var height = Math.ceil(Number(data.height));
    if (!(height > 0 && height <= ${MAX_EMBED_HEIGHT})) return;
    frames().forEach(function (f) {
      if (f.contentWindow === e.source) f.style.height = height + "px";
    });
  });
  frames().forEach(function (f) {
    if (f.contentWindow) f.contentWindow.postMessage({ type: ${JSON.stringify(PING_MESSAGE)} }, "*");
  });
})();
`;
}
