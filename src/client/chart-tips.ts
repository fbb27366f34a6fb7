/**
 * Hover details for the build-time SVG charts: ECharts' SSR client reports which series and data
 * item the pointer is on; the text comes from the tips the build wrote beside the chart.
 * The charts are complete without it: this only adds the floating label.
 */
import { hydrate } from 'echarts/ssr/client/index.js';

const tip = document.createElement('div');
tip.className = 'chart-tip';
tip.setAttribute('role', 'status');
tip.hidden = true;
document.body.append(tip);

for (const box of document.querySelectorAll<HTMLElement>('[data-chart-tips]')) {
  const tips = JSON.parse(box.dataset.chartTips ?? '[]') as string[][];
  hydrate(box, {
    on: {
      mouseover(params) {
        const text = tips[params.seriesIndex ?? -1]?.[params.dataIndex ?? -1];
        if (!text || !(params.event instanceof MouseEvent)) return;
        tip.textContent = text;
        tip.hidden = false;
        tip.style.left = `${Math.min(params.event.clientX + 12, window.innerWidth - tip.offsetWidth - 8)}px`;
        tip.style.top = `${params.event.clientY + 12}px`;
      },
      mouseout() {
        tip.hidden = true;
      },
    },
  });
}
