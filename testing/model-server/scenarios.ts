import {
  bash,
  dropMidStream,
  editFile,
  failHttp,
  failMidStream,
  glob,
  grep,
  readFile,
  replyMaxTokens,
  replySlowly,
  replyText,
  replyToolCalls,
  withUsage,
  writeFile,
} from './scenario-steps.js';
import { judgeInvalidThenValid, judgeInvalidTwice, judgeRanks } from './group-scenarios.js';
import { mcpLookup, mcpTools } from './mcp-scenarios.js';
import type { Scenario } from './scenario-types.js';

/** One plain text answer. */
export const textOnly: Scenario = {
  name: 'textOnly',
  description: 'A single text reply streamed in several deltas.',
  steps: [replyText('Hello from the scripted model. Nothing to change here, so I am done.')],
};

/** A write_file call whose arguments arrive three characters at a time, then a closing text. */
export const splitToolCall: Scenario = {
  name: 'splitToolCall',
  description: 'One write_file call with arguments split over many tiny deltas, then a text reply.',
  steps: [
    replyToolCalls([writeFile('notes/hello.txt', 'Hello from the scripted model.\n')], {
      text: 'Writing the note.',
      chunkSize: 3,
    }),
    replyText('I wrote notes/hello.txt.'),
  ],
};

/** Two tool calls in one response, then a closing text. */
export const twoToolCalls: Scenario = {
  name: 'twoToolCalls',
  description: 'read_file and glob in one response, then a text reply.',
  steps: [replyToolCalls([readFile('README.md'), glob('**/*.md')]), replyText('README.md is the only Markdown file.')],
};

/** Read, a failing edit, the corrected edit, a shell check and a summary (fits createTempRepo's README.md). */
export const readFailingEditCorrectedEditBashDone: Scenario = {
  name: 'readFailingEditCorrectedEditBashDone',
  description: 'read_file → edit_file that fails → corrected edit_file → bash → final text.',
  steps: [
    replyToolCalls([readFile('README.md')], { text: 'Let me read the README first.' }),
    replyToolCalls([editFile('README.md', '# Test project\n', '# Test project\n\nEdited by the scripted model.\n')]),
    replyToolCalls([editFile('README.md', '# test\n', '# test\n\nEdited by the scripted model.\n')], {
      text: 'The heading differs; retrying.',
    }),
    replyToolCalls([bash('cat README.md')]),
    replyText('Done: README.md now has a line saying it was edited by the scripted model.'),
  ],
};

/** A 429 with retry-after headers, then a normal reply. */
export const rateLimited: Scenario = {
  name: 'rateLimited',
  description: 'HTTP 429 with retry-after-ms and retry-after, then a text reply.',
  steps: [failHttp('rateLimit'), replyText('Answered after the rate limit cleared.')],
};

/** An overloaded error (529 on Anthropic, 503 on OpenAI), then a normal reply. */
export const overloaded: Scenario = {
  name: 'overloaded',
  description: 'HTTP 529 overloaded_error (503 on OpenAI APIs), then a text reply.',
  steps: [failHttp('overloaded'), replyText('Answered after the overload passed.')],
};

/** A 400 invalid request, which clients must not retry. */
export const badRequest: Scenario = {
  name: 'badRequest',
  description: 'HTTP 400 invalid_request_error; a correct client does not retry it.',
  steps: [failHttp('badRequest', { message: 'scripted model server: this request is invalid on purpose' })],
};

/** A 401 authentication error. */
export const unauthorized: Scenario = {
  name: 'unauthorized',
  description: 'HTTP 401 authentication error.',
  steps: [failHttp('authentication')],
};

/** A stream that sends an overloaded error event after two deltas, then (if the client retries) a reply. */
export const errorMidStream: Scenario = {
  name: 'errorMidStream',
  description: 'Stream breaks off with an overloaded error event; a retry gets a text reply.',
  steps: [failMidStream('This answer will be cut off by an error event.'), replyText('Answered on the retry.')],
};

/** A stream whose connection drops half-way, then (if the client retries) a reply. */
export const droppedStream: Scenario = {
  name: 'droppedStream',
  description: 'Connection destroyed half-way through the stream; a retry gets a text reply.',
  steps: [
    dropMidStream('This answer never arrives in full because the connection drops.'),
    replyText('Answered on the retry.'),
  ],
};

/** A reply cut off by the output token limit. */
export const maxTokens: Scenario = {
  name: 'maxTokens',
  description: 'A text reply that stops on max_tokens / length / max_output_tokens.',
  steps: [replyMaxTokens('This answer is long and gets cut off by the output token lim')],
};

/** A text reply with 50 ms between small deltas (about 3 s), for cancel and UI tests. */
export const slowStream: Scenario = {
  name: 'slowStream',
  description: 'A text reply that takes about three seconds, 50 ms per small delta.',
  steps: [
    replySlowly(
      'The scripted model is thinking slowly, one small piece at a time, so you can watch or cancel it. '.repeat(2),
      50,
    ),
  ],
};

/** Tool calls whose replies report a prompt growing towards a 200k context window, then two texts. */
export const longConversation: Scenario = {
  name: 'longConversation',
  description: 'Three tool steps reporting 60k, 130k and 190k prompt tokens, then a summary text and a final text.',
  steps: [
    withUsage(replyToolCalls([readFile('README.md')]), {
      inputTokens: 2_000,
      cacheReadTokens: 58_000,
      outputTokens: 400,
    }),
    withUsage(replyToolCalls([grep('TODO')]), { inputTokens: 5_000, cacheReadTokens: 125_000, outputTokens: 600 }),
    withUsage(replyToolCalls([glob('**/*')]), { inputTokens: 8_000, cacheReadTokens: 182_000, outputTokens: 800 }),
    withUsage(replyText('Summary so far: read README.md, searched for TODO, listed files.'), {
      inputTokens: 190_000,
      outputTokens: 300,
    }),
    withUsage(replyText('Done after compaction.'), { inputTokens: 3_000, outputTokens: 50 }),
  ],
};

/** The looping demo for `npm run dev:fake`: a text reply, a write_file call, a closing text, forever. */
export const demo: Scenario = {
  name: 'demo',
  description: 'Looping demo: explains itself, writes flotilla-demo.txt, then says it is done.',
  loop: true,
  steps: [
    replyToolCalls([writeFile('flotilla-demo.txt', 'Written by the scripted model server.\n')], {
      text: 'This is the scripted model server. I will write a small file to show a diff.',
      delayMs: 30,
    }),
    replyText('I wrote flotilla-demo.txt. Review the diff, then merge or discard it.', { delayMs: 30 }),
  ],
};

/** Every ready-made scenario, selectable by a `[[scenario:NAME]]` marker or the model `scenario:NAME`. */
export const builtInScenarios: readonly Scenario[] = [
  textOnly,
  splitToolCall,
  twoToolCalls,
  readFailingEditCorrectedEditBashDone,
  rateLimited,
  overloaded,
  badRequest,
  unauthorized,
  errorMidStream,
  droppedStream,
  maxTokens,
  slowStream,
  longConversation,
  judgeRanks,
  judgeInvalidThenValid,
  judgeInvalidTwice,
  mcpTools,
  mcpLookup,
  demo,
];
