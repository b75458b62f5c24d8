// The chat window, shared by the chat page (page.js) and the widget (widget.js).
// Message content is only ever put into the page with textContent or as the
// href of a link whose scheme we checked: nothing from a message is parsed as HTML.

const EMERGENCY_NUMBER = '112';
const RESTART_TEXT = 'start på nytt';
const SUMMARY_PREFIX = 'Oppsummering';
const DEFAULT_TOPIC = 'generelt';
const NETWORK_ERROR_TEXT =
  'Vi får ikke kontakt med assistenten. Sjekk nettet og prøv igjen. Er et barn i fare, ring 112.';
const WELCOME_TEXT =
  'Hei! Jeg er en automatisk assistent, ikke et menneske. Jeg kan hjelpe deg når du er bekymret ' +
  'for et barn. Skriv kort hva det gjelder, for eksempel «jeg er bekymret for en elev».';
// The conversation is kept for this tab only (sessionStorage): it survives a
// reload, and is gone when the tab is closed or the quick exit is used.
const STORAGE_KEY = 'bekymret-for-et-barn:samtale';
// Where the quick exit goes: a neutral page that shows nothing about the chat.
const QUICK_EXIT_URL = 'https://www.yr.no/';
// Two presses of Escape this close together leave the page.
const QUICK_EXIT_ESCAPE_MS = 1500;
// The counter shows from this share of the length limit.
const COUNTER_FROM_SHARE = 0.8;
// Lines that must never be folded away behind «Vis mer».
const EMERGENCY_CONTENT = /\b(112|113|116 ?\d{3})\b/;
// A legal answer (bot/dialogue/answers/compose.py): «Kort svar: …», then details, then «Kilde: …».
const SHORT_ANSWER = /^Kort svar\b/;
const SOURCE_LINE = /^Kilder?:/;
const BULLET = /^\s*[•\-–]\s+/;
const CONTINUATION = /^\s{2,}\S/;
const BTI_LEVEL = /BTI-nivå (\d)/;
const LIST_TERM = /^([^:\d][^:]{1,59}):\s/;
const FIELD_MAX_CHARS = 120;

// One pattern finds, in order of priority at each position: markdown links,
// bare web addresses and Norwegian phone numbers.
const RICH_TEXT_PATTERN = new RegExp(
  [
    String.raw`\[(?<linkText>[^\]\n]+)\]\((?<linkUrl>https?:\/\/[^\s)]+)\)`,
    String.raw`(?<url>https?:\/\/[^\s<>"']+)`,
    String.raw`(?<![\d+])(?<phone>` +
      [
        String.raw`\+47 ?\d{2} ?\d{2} ?\d{2} ?\d{2}`,
        String.raw`\+47 ?\d{3} ?\d{2} ?\d{3}`,
        String.raw`116 ?(?:11[17]|006|123)`,
        String.raw`\d{2} \d{2} \d{2} \d{2}`,
        String.raw`\d{3} \d{2} \d{3}`,
        String.raw`\d{8}`,
        String.raw`02800`,
        String.raw`11[23]`,
      ].join('|') +
      String.raw`)(?!\d)`,
  ].join('|'),
  'g',
);
const TRAILING_PUNCTUATION = /[.,;:!?)]+$/;

function el(tag, { className, text, attrs } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  return node;
}

function visuallyHidden(text) {
  return el('span', { className: 'chat-visually-hidden', text });
}

function newSessionId() {
  return crypto.randomUUID();
}

/** A link only if the address is http(s); anything else stays plain text. */
function safeLink(text, address) {
  let url;
  try {
    url = new URL(address);
  } catch {
    return document.createTextNode(text);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return document.createTextNode(text);
  const link = el('a', { text, attrs: { href: url.href, target: '_blank', rel: 'noopener noreferrer' } });
  link.append(visuallyHidden(' (åpnes i ny fane)'));
  return link;
}

function phoneLink(number) {
  return el('a', { text: number, attrs: { href: `tel:${number.replace(/\s/g, '')}` } });
}

/** Appends text to parent, turning web addresses and phone numbers into links. */
export function appendRichText(parent, text) {
  let position = 0;
  for (const match of text.matchAll(RICH_TEXT_PATTERN)) {
    const { linkText, linkUrl, url, phone } = match.groups;
    let consumed = match[0];
    let node;
    if (linkUrl) {
      node = safeLink(linkText, linkUrl);
    } else if (url) {
      consumed = url.replace(TRAILING_PUNCTUATION, '');
      node = safeLink(consumed, consumed);
    } else {
      node = phoneLink(phone);
    }
    parent.append(document.createTextNode(text.slice(position, match.index)), node);
    position = match.index + consumed.length;
  }
  parent.append(document.createTextNode(text.slice(position)));
}

/** Turns a button payload such as "/tema_vold{...}" into a topic slug like "tema_vold". */
function topicFromPayload(payload) {
  const slug = payload.replace(/^\//, '').split('{')[0].trim().toLowerCase();
  return /^[a-zæøå0-9_.:/-]{1,64}$/.test(slug) ? slug : DEFAULT_TOPIC;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http intranets have no Clipboard API.
  const scratch = el('textarea', { attrs: { readonly: '', 'aria-hidden': 'true' } });
  scratch.value = text;
  scratch.className = 'chat-visually-hidden';
  document.body.append(scratch);
  scratch.select();
  const copied = document.execCommand('copy');
  scratch.remove();
  if (!copied) throw new Error('copy refused');
}

function printText(title, text) {
  // A blank window of its own, so only the summary is printed, also from the widget.
  const printWindow = window.open('', '_blank');
  if (!printWindow) return false;
  const doc = printWindow.document;
  doc.title = title;
  doc.documentElement.lang = 'nb';
  const body = doc.body || doc.documentElement.appendChild(doc.createElement('body'));
  const content = doc.createElement('div');
  content.style.whiteSpace = 'pre-wrap';
  content.style.fontFamily = 'sans-serif';
  content.textContent = text;
  body.append(content);
  printWindow.focus();
  printWindow.print();
  return true;
}

function isTitle(line, lineCount) {
  const text = line.trim();
  if (lineCount < 2 || text.length > 90 || BULLET.test(line)) return false;
  if (text.endsWith('?')) return text.length <= 60;
  return !/[.!:,]$/.test(text);
}

function isSubheading(line) {
  const text = line.trim();
  return text.length <= 60 && text.endsWith(':') && !BULLET.test(line);
}

/** Groups the lines of a bot message into a title, subheadings, paragraphs and lists. */
export function parseReply(text) {
  const lines = text.split('\n').filter((line) => line.trim());
  const blocks = [];
  lines.forEach((line, index) => {
    const last = blocks.at(-1);
    if (index === 0 && isTitle(line, lines.length)) {
      blocks.push({ kind: 'title', text: line.trim() });
    } else if (BULLET.test(line)) {
      const item = [line.replace(BULLET, '')];
      if (last?.kind === 'list') last.items.push(item);
      else blocks.push({ kind: 'list', items: [item] });
    } else if (CONTINUATION.test(line) && last?.kind === 'list') {
      last.items.at(-1).push(line.trim());
    } else if (isSubheading(line)) {
      blocks.push({ kind: 'subheading', text: line.trim() });
    } else {
      blocks.push({ kind: 'paragraph', text: line.trim() });
    }
  });
  return blocks;
}

function blockText(block) {
  return block.kind === 'list' ? block.items.flat().join(' ') : block.text;
}

function isLegalSection(heading) {
  return /^Regler\b/.test(heading.text);
}

function disclosure(summaryText, contentNodes) {
  const details = el('details', { className: 'chat-more' });
  details.append(el('summary', { text: summaryText }), ...contentNodes);
  return details;
}

/**
 * Fills `body` with a bot message as real markup: a title, paragraphs, lists,
 * and «Vis mer» for legal detail. Text goes in as text nodes, never as HTML.
 * explainLevel(level) gives a short explanation of a BTI level, or ''.
 */
function renderReply(body, text, { headingLevel, explainLevel }) {
  let levelExplained = false;
  let folded = null; // the «Vis mer» box the current legal section goes into

  function blockNode(block) {
    if (block.kind === 'title') {
      const heading = el(`h${Math.min(headingLevel + 1, 6)}`, { className: 'chat-reply-title' });
      const level = BTI_LEVEL.exec(block.text);
      if (!level) heading.textContent = block.text;
      else {
        // «(BTI-nivå 3)» is never broken over two lines.
        heading.append(
          block.text.slice(0, level.index),
          el('span', { className: 'chat-nowrap', text: level[0] }),
          block.text.slice(level.index + level[0].length),
        );
      }
      return heading;
    }
    if (block.kind === 'subheading') return el('p', { className: 'chat-reply-subheading', text: block.text });
    if (block.kind === 'list') {
      const list = el('ul', { className: 'chat-reply-list' });
      for (const [first, ...more] of block.items) {
        const item = el('li');
        // «Avvergingsplikt: …», «Barnevernvakten: …»: the name before the colon stands out.
        const term = LIST_TERM.exec(first);
        if (term) item.append(el('strong', { text: term[1] }));
        appendRichText(item, term ? first.slice(term[1].length) : first);
        for (const line of more) {
          const detail = el('span', { className: 'chat-reply-detail' });
          appendRichText(detail, line);
          item.append(detail);
        }
        list.append(item);
      }
      return list;
    }
    // Short «Bekymring: …», «Frist: …» lines read as labelled fields.
    const field = block.text.length <= FIELD_MAX_CHARS && LIST_TERM.exec(block.text);
    const paragraph = el('p', { className: field ? 'chat-reply-field' : undefined });
    if (field) paragraph.append(el('strong', { text: field[1] }));
    appendRichText(paragraph, field ? block.text.slice(field[1].length) : block.text);
    return paragraph;
  }

  function levelNote(block) {
    const match = BTI_LEVEL.exec(blockText(block));
    const explanation = match && !levelExplained ? explainLevel(match[1]) : '';
    if (!explanation) return null;
    levelExplained = true;
    const note = el('p', { className: 'chat-reply-note' });
    note.append(el('span', { text: `BTI-nivå ${match[1]}: ` }), explanation);
    return disclosure(`Hva betyr BTI-nivå ${match[1]}?`, [note]);
  }

  for (const block of parseReply(text)) {
    if (block.kind === 'subheading') folded = null;
    if (block.kind === 'subheading' && isLegalSection(block)) {
      // The heading stays visible; the rules and their sources fold under it.
      body.append(blockNode(block));
      folded = disclosure(`Vis mer om ${block.text.replace(/:$/, '').toLowerCase()}`, []);
      body.append(folded);
      continue;
    }
    if (folded && block.kind === 'list') {
      // A rule that names an emergency number stays in view; the rest folds.
      const urgent = block.items.filter((item) => EMERGENCY_CONTENT.test(item.join(' ')));
      const rest = block.items.filter((item) => !urgent.includes(item));
      if (urgent.length) folded.before(blockNode({ kind: 'list', items: urgent }));
      if (rest.length) folded.append(blockNode({ kind: 'list', items: rest }));
      continue;
    }
    if (block.kind === 'paragraph' && SHORT_ANSWER.test(block.text)) {
      // The short answer stays; the legal detail after it folds, its source stays in view.
      body.append(blockNode(block));
      folded = disclosure('Vis mer', []);
      body.append(folded);
      continue;
    }
    const staysInView = EMERGENCY_CONTENT.test(blockText(block)) || SOURCE_LINE.test(blockText(block));
    (folded && !staysInView ? folded : body).append(blockNode(block));
    const note = levelNote(block);
    if (note) body.append(note);
  }
  // A legal heading without rules under it folds nothing.
  for (const empty of body.querySelectorAll('details.chat-more')) {
    if (empty.children.length === 1) empty.remove();
  }
}

function sessionStore() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage blocked: the chat works, it is just not kept over a reload
  }
}

function readTranscript(storage) {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) || 'null');
    if (saved && typeof saved.sessionId === 'string' && Array.isArray(saved.entries)) return saved;
  } catch {
    // A broken entry starts a new conversation.
  }
  return null;
}

/**
 * Builds the chat window inside `root` (an element or a shadow root).
 * apiBase: origin of our web server ('' for the same origin).
 * headingLevel: 1 on the chat page, 2 inside another page.
 * headerControls: extra elements for the header row (the widget's close button).
 * quickExitKey: Escape twice leaves the page (the chat page only; a host page
 *   keeps its own use of Escape).
 */
export function createChat(root, {
  apiBase = '', headingLevel = 1, headerControls = [], quickExitKey = false,
} = {}) {
  const storage = sessionStore();
  const transcript = readTranscript(storage) || { sessionId: newSessionId(), entries: [] };
  let waiting = false;
  let currentTopic = DEFAULT_TOPIC;
  let feedbackCount = 0;
  let config = { messageMaxChars: 1000, retentionDays: 30, btiLevels: {} };
  const idPrefix = `chat-${Math.random().toString(36).slice(2, 8)}`;

  const container = el('section', { className: 'chat', attrs: { lang: 'nb', 'aria-labelledby': `${idPrefix}-title` } });

  // First in the tab order and always on screen: someone may need to leave at once.
  const exitButton = el('button', {
    className: 'chat-button chat-exit',
    text: 'Lukk siden raskt',
    attrs: { type: 'button', 'aria-describedby': `${idPrefix}-exit-hint` },
  });
  const exitHint = el('span', {
    className: 'chat-visually-hidden',
    text: quickExitKey
      ? 'Går til yr.no og sletter samtalen. Du kan også trykke Escape to ganger.'
      : 'Går til yr.no og sletter samtalen.',
    attrs: { id: `${idPrefix}-exit-hint` },
  });

  const header = el('div', { className: 'chat-header' });
  const logo = el('img', { className: 'chat-logo', attrs: { alt: '', hidden: '' } });
  const titleBox = el('div', { className: 'chat-title-box' });
  const municipalityName = el('p', { className: 'chat-municipality', attrs: { hidden: '' } });
  const title = el(`h${headingLevel}`, { className: 'chat-title', text: 'Bekymret for et barn?', attrs: { id: `${idPrefix}-title` } });
  titleBox.append(municipalityName, title);
  const restartButton = el('button', { className: 'chat-button chat-button--secondary', text: 'Start på nytt', attrs: { type: 'button' } });
  header.append(exitButton, exitHint, logo, titleBox, ...headerControls);

  const emergency = el('div', { className: 'chat-emergency' });
  const acute = el('p', { className: 'chat-emergency-acute' });
  acute.append('Akutt fare? Ring ', el('a', { className: 'chat-emergency-number', text: EMERGENCY_NUMBER, attrs: { href: `tel:${EMERGENCY_NUMBER}` } }));
  const helplines = el('p', { className: 'chat-emergency-helplines' });
  helplines.append(
    el('span', { className: 'chat-wide-only', text: 'Vold- og overgrepslinjen (døgnåpen): ' }),
    el('span', { className: 'chat-narrow-only', text: 'Vold og overgrep: ' }),
    phoneLink('116 006'), ' · Barn og unge: ', phoneLink('116 111'),
  );
  emergency.append(acute, helplines);

  const log = el('div', {
    className: 'chat-log',
    // Silent until a kept conversation is back on screen, so a reload does not read it all out.
    attrs: { role: 'log', 'aria-live': 'off', 'aria-label': 'Samtalen', tabindex: '0' },
  });

  const typing = el('p', { className: 'chat-typing', attrs: { hidden: '' } });
  typing.append(
    el('span', { text: 'Assistenten skriver' }),
    el('span', { className: 'chat-typing-dots', attrs: { 'aria-hidden': 'true' } }),
  );
  const status = el('p', { className: 'chat-visually-hidden', attrs: { role: 'status' } });
  // Read out with a stale choice: why it cannot be pressed any more.
  const staleNote = el('p', {
    text: 'Dette valget hører til et tidligere spørsmål. Svar på det nyeste spørsmålet, eller skriv.',
    attrs: { id: `${idPrefix}-stale`, hidden: '' },
  });

  const form = el('form', { className: 'chat-form' });
  const inputId = `${idPrefix}-input`;
  const hintId = `${idPrefix}-hint`;
  const counterId = `${idPrefix}-counter`;
  const label = el('label', { className: 'chat-label', text: 'Skriv meldingen din', attrs: { for: inputId } });
  const input = el('textarea', {
    className: 'chat-input',
    attrs: { id: inputId, rows: '2', autocomplete: 'off', 'aria-describedby': `${hintId} ${counterId}` },
  });
  const sendButton = el('button', { className: 'chat-button', text: 'Send', attrs: { type: 'submit' } });
  const hint = el('p', {
    className: 'chat-hint',
    text: 'Enter sender, Shift+Enter gir ny linje. Ikke skriv navn på barnet.' +
      (quickExitKey ? ' Escape to ganger lukker siden raskt.' : ''),
    attrs: { id: hintId },
  });
  const counter = el('p', { className: 'chat-counter', attrs: { id: counterId, hidden: '' } });
  const inputRow = el('div', { className: 'chat-input-row' });
  inputRow.append(input, sendButton);
  form.append(label, inputRow, counter, hint);

  const footer = el('div', { className: 'chat-footer' });
  const demoNote = el('span', { className: 'chat-demo-banner', attrs: { hidden: '' } });
  const accessibilityLink = el('a', { text: 'Tilgjengelighet', attrs: { href: `${apiBase}/tilgjengelighet` } });
  accessibilityLink.append(el('span', { className: 'chat-wide-only', text: 'serklæring' }));
  footer.append(
    demoNote,
    restartButton,
    el('a', { text: 'Personvern', attrs: { href: `${apiBase}/personvern` } }),
    accessibilityLink,
  );

  container.append(header, emergency, log, typing, status, staleNote, form, footer);
  root.append(container);

  function save() {
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(transcript));
    } catch {
      // Full or blocked storage: the conversation just is not kept over a reload.
    }
  }

  function record(entry) {
    transcript.entries.push(entry);
    save();
    return entry;
  }

  function explainLevel(level) {
    return config.btiLevels[level] || '';
  }

  /** Shows the first line of `first`, or everything from it down if it all fits. */
  function reveal(first) {
    const end = log.scrollHeight;
    const top = first.offsetTop - parseFloat(getComputedStyle(log).paddingTop);
    log.scrollTop = end - top <= log.clientHeight ? end : top;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function messageElement(author, extraClass = '') {
    const message = el('div', { className: `chat-message chat-message--${author} ${extraClass}`.trim() });
    message.append(visuallyHidden(author === 'user' ? 'Du skrev: ' : 'Assistenten: '));
    return message;
  }

  function showUserMessage(entry) {
    const message = messageElement('user', entry.failed ? 'chat-message--failed' : '');
    message.append(el('div', { className: 'chat-text', text: entry.text }));
    if (entry.failed) message.append(el('p', { className: 'chat-message-state', text: 'Ikke sendt' }));
    log.append(message);
    return message;
  }

  function showBotMessage(entry, { active = false } = {}) {
    const message = messageElement('bot', entry.error ? 'chat-message--error' : '');
    const body = el('div', { className: 'chat-text' });
    renderReply(body, entry.text, { headingLevel, explainLevel });
    message.append(body);
    if (entry.buttons?.length) addChoices(message, entry, active);
    if (entry.text.trimStart().startsWith(SUMMARY_PREFIX)) addSummaryActions(message, entry.text);
    log.append(message);
    return message;
  }

  function retire(group) {
    group.classList.add('chat-choices--stale');
    group.setAttribute('aria-label', 'Tidligere valg, kan ikke velges lenger');
    for (const button of group.querySelectorAll('button')) {
      button.disabled = true;
      button.setAttribute('aria-describedby', staleNote.id);
    }
  }

  /** Once the user has moved on, older choices can no longer be pressed. */
  function retireAllChoices() {
    for (const group of log.querySelectorAll('.chat-choices:not(.chat-choices--stale)')) retire(group);
  }

  function addChoices(message, entry, active) {
    const group = el('div', { className: 'chat-choices', attrs: { role: 'group', 'aria-label': 'Velg et svar' } });
    for (const { title: choiceTitle, payload } of entry.buttons) {
      const choice = el('button', { className: 'chat-button chat-choice', text: choiceTitle, attrs: { type: 'button' } });
      if (entry.chosen === choiceTitle) choice.classList.add('chat-choice--chosen');
      choice.addEventListener('click', async () => {
        if (waiting) return;
        for (const other of group.querySelectorAll('button')) other.disabled = true;
        choice.classList.add('chat-choice--chosen');
        currentTopic = topicFromPayload(payload);
        input.focus();
        if (await send(payload, choiceTitle)) {
          entry.chosen = choiceTitle;
          save();
        } else {
          for (const other of group.querySelectorAll('button')) other.disabled = false;
          choice.classList.remove('chat-choice--chosen');
        }
      });
      group.append(choice);
    }
    message.append(group);
    if (!active) retire(group);
  }

  function addSummaryActions(message, text) {
    const actions = el('div', { className: 'chat-summary-actions' });
    const copyButton = el('button', { className: 'chat-button chat-button--secondary', text: 'Kopier', attrs: { type: 'button', 'aria-label': 'Kopier oppsummeringen' } });
    const printButton = el('button', { className: 'chat-button chat-button--secondary', text: 'Skriv ut', attrs: { type: 'button', 'aria-label': 'Skriv ut oppsummeringen' } });
    copyButton.addEventListener('click', async () => {
      try {
        await copyText(text);
        status.textContent = 'Oppsummeringen er kopiert.';
      } catch {
        status.textContent = 'Kopieringen virket ikke. Merk teksten og kopier den selv.';
      }
    });
    printButton.addEventListener('click', () => {
      if (!printText('Oppsummering', text)) {
        status.textContent = 'Utskriftsvinduet ble blokkert. Tillat sprettoppvinduer og prøv igjen.';
      }
    });
    actions.append(copyButton, printButton);
    message.append(actions);
  }

  function showFeedbackPrompt(entry) {
    feedbackCount += 1;
    const questionId = `${idPrefix}-feedback-${feedbackCount}`;
    const prompt = el('div', { className: 'chat-feedback', attrs: { role: 'group', 'aria-labelledby': questionId } });
    const question = el('p', { className: 'chat-feedback-question', text: entry.thanks || 'Var dette nyttig?', attrs: { id: questionId } });
    prompt.append(question);
    if (!entry.thanks) {
      for (const [answer, useful] of [['Ja', true], ['Nei', false]]) {
        const button = el('button', { className: 'chat-button chat-button--secondary', text: answer, attrs: { type: 'button' } });
        button.addEventListener('click', async () => {
          for (const other of prompt.querySelectorAll('button')) other.remove();
          input.focus();
          entry.thanks = (await sendFeedback(entry.topic, useful))
            ? 'Takk for tilbakemeldingen!'
            : 'Tilbakemeldingen ble ikke lagret, men takk likevel.';
          question.textContent = entry.thanks;
          save();
        });
        prompt.append(button);
      }
    }
    log.append(prompt);
    return prompt;
  }

  function showEntry(entry, options) {
    if (entry.author === 'user') return showUserMessage(entry);
    if (entry.author === 'feedback') return showFeedbackPrompt(entry);
    return showBotMessage(entry, options);
  }

  function showWelcome() {
    const message = messageElement('bot');
    const body = el('div', { className: 'chat-text' });
    body.append(el('p', { text: WELCOME_TEXT }));
    const privacy = el('p', { className: 'chat-privacy' });
    privacy.append(
      `Du trenger ikke skrive navn. Ingenting sendes til barnevernet fra chatten. Meldingene lagres i ${config.retentionDays} dager og slettes så. `,
      el('a', { text: 'Les mer om personvern', attrs: { href: `${apiBase}/personvern` } }),
    );
    body.append(privacy);
    message.append(body);
    log.append(message);
  }

  async function postJson(path, body) {
    const response = await fetch(`${apiBase}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    return { ok: response.ok, data };
  }

  async function sendFeedback(topic, useful) {
    try {
      return (await postJson('/api/feedback', { topic, useful })).ok;
    } catch {
      return false;
    }
  }

  function showReplies(messages, askForFeedback) {
    retireAllChoices();
    let first = null;
    let askedQuestion = false;
    let feedbackFits = askForFeedback;
    for (const reply of messages) {
      if (reply.topic) currentTopic = reply.topic;
      // Never «Var dette nyttig?» after an emergency reply or a violence outcome.
      if (reply.feedback === false) feedbackFits = false;
      if (!reply.text && !(reply.buttons && reply.buttons.length)) continue;
      const entry = record({ author: 'bot', text: reply.text || '', buttons: reply.buttons || [] });
      const message = showBotMessage(entry, { active: true });
      first ||= message;
      askedQuestion ||= entry.buttons.length > 0;
    }
    // Ask for feedback on answers, not while the guide is still asking questions.
    if (feedbackFits && messages.length && !askedQuestion) {
      showFeedbackPrompt(record({ author: 'feedback', topic: currentTopic }));
    }
    if (first) reveal(first);
  }

  function showError(text) {
    const entry = record({ author: 'bot', text, error: true });
    reveal(showBotMessage(entry));
  }

  /** Sends a message; true when the assistant answered. */
  async function send(text, shownText = text, { askForFeedback = true } = {}) {
    waiting = true;
    const userEntry = shownText ? record({ author: 'user', text: shownText }) : null;
    const userMessage = userEntry && showUserMessage(userEntry);
    typing.hidden = false;
    scrollToEnd();
    try {
      const { ok, data } = await postJson('/api/chat', { sender: transcript.sessionId, message: text });
      if (ok) {
        showReplies(data.messages || [], askForFeedback);
        return true;
      }
      showError(data.error || NETWORK_ERROR_TEXT);
    } catch {
      showError(NETWORK_ERROR_TEXT);
    } finally {
      typing.hidden = true;
      waiting = false;
    }
    if (userEntry) {
      userEntry.failed = true;
      save();
      const failed = showUserMessage(userEntry);
      userMessage.replaceWith(failed);
    }
    return false;
  }

  let lengthState = 'short';
  function updateCounter() {
    const limit = config.messageMaxChars;
    const length = input.value.length;
    const state = length > limit ? 'over' : length >= limit * COUNTER_FROM_SHARE ? 'near' : 'short';
    counter.hidden = state === 'short';
    counter.classList.toggle('chat-counter--over', state === 'over');
    counter.textContent = state === 'over'
      ? `Meldingen er ${length} tegn, over grensen på ${limit}. Den sendes hel, men jeg svarer best på korte meldinger. Skriv gjerne det viktigste først.`
      : `${length} av ${limit} tegn.`;
    // Announced only when the state changes, not on every key.
    if (state !== lengthState && state !== 'short') status.textContent = counter.textContent;
    lengthState = state;
  }

  async function submitInput() {
    const text = input.value.trim();
    if (!text || waiting) return;
    input.value = '';
    updateCounter();
    if (!(await send(text)) && !input.value) {
      // A refused message (too many at once, server trouble) is not lost.
      input.value = text;
      updateCounter();
      status.textContent = 'Meldingen ble ikke sendt. Den står fortsatt i skrivefeltet.';
    }
  }

  function hasSummary() {
    return transcript.entries.some((e) => e.author === 'bot' && e.text.trimStart().startsWith(SUMMARY_PREFIX));
  }

  function restart() {
    if (waiting) return;
    if (hasSummary() && !window.confirm(
      'Vil du starte på nytt? Samtalen og oppsummeringen blir slettet. Kopier oppsummeringen først hvis du trenger den.',
    )) return;
    // A new random id starts a fresh conversation in Rasa; nothing is kept.
    transcript.sessionId = newSessionId();
    transcript.entries = [];
    save();
    currentTopic = DEFAULT_TOPIC;
    log.replaceChildren();
    input.value = '';
    updateCounter();
    showWelcome();
    input.focus();
    send(RESTART_TEXT, '', { askForFeedback: false });
  }

  function quickExit() {
    try {
      storage?.removeItem(STORAGE_KEY);
    } catch {
      // Nothing was stored.
    }
    transcript.entries = [];
    log.replaceChildren();
    input.value = '';
    // replace(): the back button does not lead back to the chat.
    window.location.replace(QUICK_EXIT_URL);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitInput();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitInput();
    }
  });
  input.addEventListener('input', updateCounter);
  restartButton.addEventListener('click', restart);
  exitButton.addEventListener('click', quickExit);
  if (quickExitKey) {
    let lastEscape = -Infinity;
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      if (event.timeStamp - lastEscape <= QUICK_EXIT_ESCAPE_MS) quickExit();
      lastEscape = event.timeStamp;
    });
  }

  function showConfig() {
    if (config.municipality) {
      municipalityName.textContent = config.municipality;
      municipalityName.hidden = false;
    }
    if (config.logo) {
      // Decorative: the municipality's name stands beside it as text.
      logo.src = `${apiBase}${config.logo}`;
      logo.hidden = false;
    }
    if (config.demo) {
      demoNote.replaceChildren(
        el('span', { className: 'chat-wide-only', text: `Demoversjon: lokale kontaktopplysninger for ${config.municipality} er bare eksempler.` }),
        el('span', { className: 'chat-narrow-only', text: 'Demo: lokale kontakter er eksempler.' }),
      );
      demoNote.hidden = false;
    }
  }

  function showTranscript() {
    showWelcome();
    const { entries } = transcript;
    // Choices stay live only in the answers after the user's last message.
    const lastUser = entries.findLastIndex((e) => e.author === 'user');
    let newest = null;
    entries.forEach((entry, index) => {
      const shown = showEntry(entry, { active: index > lastUser && !entry.error });
      if (index > lastUser && entry.author === 'bot') newest ||= shown;
    });
    if (newest) reveal(newest);
    log.setAttribute('aria-live', 'polite');
    if (entries.length) status.textContent = 'Samtalen du hadde i denne fanen, er hentet fram.';
  }

  fetch(`${apiBase}/api/config`)
    .then((response) => response.json())
    .then((loaded) => {
      config = { ...config, ...loaded, btiLevels: loaded.btiLevels || {} };
      showConfig();
    })
    // The chat works without the config; the banner and the level explanations are lost.
    .catch(() => {})
    .finally(() => {
      showTranscript();
      updateCounter();
    });

  return { focus: () => input.focus() };
}
