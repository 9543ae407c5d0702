import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const plugins = [remarkGfm];

const components: Components = {
  // Links open outside the app; the page itself never navigates away.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
  // Remote images would leak what the agent wrote to third parties; show the address instead.
  img: ({ src, alt }) => <span className="md-image">[image: {alt || String(src ?? '')}]</span>,
};

/** Agent text rendered as GitHub-flavoured Markdown; raw HTML is not rendered. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={plugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
