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

/**
 * Past this many characters a message is shown as plain text: parsing it on every streamed delta would stall the page.
 */
export const maxMarkdownChars = 40_000;

/** Agent text rendered as GitHub-flavoured Markdown; raw HTML is not rendered. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  if (text.length > maxMarkdownChars) return <div className="message-text">{text}</div>;
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={plugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
