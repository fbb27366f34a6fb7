import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis and lists from a report text', () => {
    expect(renderMarkdown('2020 年，**二是建立政府信息公开平台。**\n\n- 一\n- 二')).toBe(
      '<p>2020 年，<strong>二是建立政府信息公开平台。</strong></p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>',
    );
  });

  it.each([
    ['an inline script', '段落<script>alert(1)</script>'],
    ['a block script', '<script>\nalert(1)\n</script>'],
    ['an event handler', '<img src="x" onerror="alert(1)">'],
    ['a javascript: link', '[点这里](javascript:alert(1))'],
    ['an iframe', '<iframe src="https://example.com"></iframe>'],
    ['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['an svg with onload', '<svg onload="alert(1)"></svg>'],
  ])('never lets %s through', (_name, input) => {
    const html = renderMarkdown(input);
    expect(html).not.toMatch(/<script|<iframe|<svg|<img|onerror|onload|javascript:|style=/i);
  });

  it('keeps the text of dropped markup readable as text, escaped', () => {
    expect(renderMarkdown('a < b & c')).toBe('<p>a &#x3C; b &#x26; c</p>');
  });
});
