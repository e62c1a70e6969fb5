import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { tagBadgesPlugin, type PreviewTagMode } from '../../src/core/preview/tagBadges';
import { ST1398 } from './helpers';

const analyzer = createAnalyzer(ST1398);
const textOf = (code: string) => ST1398.ksbs.find((k) => k.code === code)?.text;

function render(source: string, mode: PreviewTagMode = 'badges'): string {
  const md = new MarkdownIt({ html: true });
  tagBadgesPlugin(md, () => ({ mode, tagsOf: (src) => analyzer.analyze(src).tags, describe: textOf }));
  return md.render(source);
}

const REPORT = [
  '# Churn model: project report',
  '',
  '## 3.2 Feature engineering (600 words) [K9, S3]',
  '',
  'I built the feature store for the churn model (Distinction: see appendix).',
  '',
  '**KSBs:** K5, S1-S4',
  '',
  'We stored raw events in the S3 bucket (the S3 bucket) and kept `[K7]` in code.',
  '',
].join('\n');

describe('preview tag badges', () => {
  it('turns each code of a heading bracket group into a badge with the official text as tooltip', () => {
    const html = render(REPORT);
    expect(html).toContain('<h2>3.2 Feature engineering (600 words) [<span class="ksb-badge" title="K9: ');
    expect(html).toContain(`title="S3: ${textOf('S3')!.slice(0, 20)}`);
    expect(html).toMatch(/\[<span[^>]*>K9<\/span>, <span[^>]*>S3<\/span>\]<\/h2>/);
  });

  it('badges a label line, a range expanding to every code in the tooltip', () => {
    const html = render(REPORT);
    expect(html).toContain('<strong>KSBs:</strong> <span class="ksb-badge" title="K5: ');
    const range = /<span class="ksb-badge" title="([^"]*)">S1-S4<\/span>/.exec(html);
    expect(range?.[1].split('\n').map((l) => l.split(':')[0])).toEqual(['S1', 'S2', 'S3', 'S4']);
  });

  it('leaves what the reader does not read alone: the S3 bucket, code spans, a grade aside', () => {
    const html = render(REPORT);
    expect(html).toContain('(the S3 bucket)');
    expect(html).toContain('<code>[K7]</code>');
    expect(html).toContain('(Distinction: see appendix)');
    expect(html.match(/ksb-badge/g)).toHaveLength(4);
  });

  it('hides tags when asked: the bracket group and the whole label paragraph', () => {
    const html = render(REPORT, 'hidden');
    expect(html).toContain('<h2>3.2 Feature engineering (600 words)</h2>');
    expect(html).not.toMatch(/K9|S1-S4|K5,/);
    expect(html).toContain('<p class="ksb-hidden-tag" hidden="">');
  });

  it('renders the text unchanged in text mode, and escapes HTML in tooltips', () => {
    const plain = new MarkdownIt({ html: true }).render(REPORT);
    expect(render(REPORT, 'text')).toBe(plain);
    const md = new MarkdownIt();
    tagBadgesPlugin(md, () => ({ mode: 'badges', tagsOf: (src) => analyzer.analyze(src).tags, describe: () => 'a <b> & "c"' }));
    expect(md.render('Text [K1]\n')).toContain('title="K1: a &lt;b&gt; &amp; &quot;c&quot;"');
  });

  it('leaves the tokens\' text whole, for the outline VS Code builds from them', () => {
    const md = new MarkdownIt();
    tagBadgesPlugin(md, () => ({ mode: 'badges', tagsOf: (src) => analyzer.analyze(src).tags, describe: textOf }));
    const heading = md.parse('## 5.3 Documentation and handover [S6, S28]\n', {}).find((t) => t.type === 'inline')!;
    expect(heading.children!.map((t) => t.content).join('')).toBe('5.3 Documentation and handover [S6, S28]');
  });

  it('keeps CRLF documents and list items aligned with the reader\'s lines', () => {
    const html = render('# Log\r\n\r\n- Week 3: retrained the model [K5]\r\n- KSBs: S2\r\n');
    expect(html).toMatch(/retrained the model \[<span[^>]*>K5<\/span>\]/);
    expect(html).toMatch(/<span[^>]*>S2<\/span>/);
  });
});
