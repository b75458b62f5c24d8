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
  'Hei! Jeg kan hjelpe deg når du er bekymret for et barn. Skriv kort hva det gjelder, ' +
  'for eksempel «jeg er bekymret for en elev». Ikke skriv navn eller andre personopplysninger.';

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
        String.raw`116 ?11[17]`,
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

/**
 * Builds the chat window inside `root` (an element or a shadow root).
 * apiBase: origin of our web server ('' for the same origin).
 * headingLevel: 1 on the chat page, 2 inside another page.
 * headerControls: extra elements for the header row (the widget's close button).
 */
export function createChat(root, { apiBase = '', headingLevel = 1, headerControls = [] } = {}) {
  let sessionId = newSessionId();
  let waiting = false;
  let currentTopic = DEFAULT_TOPIC;
  let feedbackCount = 0;
  const idPrefix = `chat-${Math.random().toString(36).slice(2, 8)}`;

  const container = el('section', { className: 'chat', attrs: { lang: 'nb', 'aria-labelledby': `${idPrefix}-title` } });
  const header = el('div', { className: 'chat-header' });
  const title = el(`h${headingLevel}`, { className: 'chat-title', text: 'Bekymret for et barn?', attrs: { id: `${idPrefix}-title` } });
  const restartButton = el('button', { className: 'chat-button chat-button--secondary', text: 'Start på nytt', attrs: { type: 'button' } });
  const headerButtons = el('div', { className: 'chat-header-buttons' });
  headerButtons.append(restartButton, ...headerControls);
  header.append(title, headerButtons);

  const emergency = el('p', { className: 'chat-emergency' });
  emergency.append('Akutt fare? Ring ', phoneLink(EMERGENCY_NUMBER));

  const demoBanner = el('p', { className: 'chat-demo-banner', attrs: { hidden: '' } });

  const log = el('div', {
    className: 'chat-log',
    attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Samtalen', tabindex: '0' },
  });

  const typing = el('p', { className: 'chat-typing', attrs: { hidden: '' } });
  typing.append(
    el('span', { text: 'Assistenten skriver' }),
    el('span', { className: 'chat-typing-dots', attrs: { 'aria-hidden': 'true' } }),
  );
  const status = el('p', { className: 'chat-visually-hidden', attrs: { role: 'status' } });

  const form = el('form', { className: 'chat-form' });
  const inputId = `${idPrefix}-input`;
  const hintId = `${idPrefix}-hint`;
  const label = el('label', { className: 'chat-label', text: 'Skriv meldingen din', attrs: { for: inputId } });
  const input = el('textarea', {
    className: 'chat-input',
    attrs: { id: inputId, rows: '2', maxlength: '1000', autocomplete: 'off', 'aria-describedby': hintId },
  });
  const sendButton = el('button', { className: 'chat-button', text: 'Send', attrs: { type: 'submit' } });
  const hint = el('p', {
    className: 'chat-hint',
    text: 'Enter sender, Shift+Enter gir ny linje. Ikke skriv navn på barnet.',
    attrs: { id: hintId },
  });
  const inputRow = el('div', { className: 'chat-input-row' });
  inputRow.append(input, sendButton);
  form.append(label, inputRow, hint);

  container.append(header, emergency, demoBanner, log, typing, status, form);
  root.append(container);

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function addMessage(author, text, extraClass = '') {
    const message = el('div', { className: `chat-message chat-message--${author} ${extraClass}`.trim() });
    message.append(visuallyHidden(author === 'user' ? 'Du skrev: ' : 'Assistenten: '));
    const body = el('div', { className: 'chat-text' });
    if (author === 'bot') appendRichText(body, text);
    else body.textContent = text;
    message.append(body);
    log.append(message);
    scrollToEnd();
    return message;
  }

  function addChoices(message, buttons) {
    const group = el('div', { className: 'chat-choices', attrs: { role: 'group', 'aria-label': 'Velg et svar' } });
    for (const { title: choiceTitle, payload } of buttons) {
      const choice = el('button', { className: 'chat-button chat-choice', text: choiceTitle, attrs: { type: 'button' } });
      choice.addEventListener('click', () => {
        if (waiting) return;
        for (const other of group.querySelectorAll('button')) other.disabled = true;
        choice.classList.add('chat-choice--chosen');
        currentTopic = topicFromPayload(payload);
        input.focus();
        send(payload, choiceTitle);
      });
      group.append(choice);
    }
    message.append(group);
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

  function addFeedbackPrompt(topic) {
    feedbackCount += 1;
    const questionId = `${idPrefix}-feedback-${feedbackCount}`;
    const prompt = el('div', { className: 'chat-feedback', attrs: { role: 'group', 'aria-labelledby': questionId } });
    const question = el('p', { className: 'chat-feedback-question', text: 'Var dette nyttig?', attrs: { id: questionId } });
    prompt.append(question);
    for (const [answer, useful] of [['Ja', true], ['Nei', false]]) {
      const button = el('button', { className: 'chat-button chat-button--secondary', text: answer, attrs: { type: 'button' } });
      button.addEventListener('click', async () => {
        for (const other of prompt.querySelectorAll('button')) other.remove();
        input.focus();
        question.textContent = (await sendFeedback(topic, useful))
          ? 'Takk for tilbakemeldingen!'
          : 'Tilbakemeldingen ble ikke lagret, men takk likevel.';
      });
      prompt.append(button);
    }
    log.append(prompt);
    scrollToEnd();
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

  function renderReplies(messages, askForFeedback) {
    let askedQuestion = false;
    let feedbackFits = askForFeedback;
    for (const reply of messages) {
      if (reply.topic) currentTopic = reply.topic;
      // Never «Var dette nyttig?» after an emergency reply or a violence outcome.
      if (reply.feedback === false) feedbackFits = false;
      if (!reply.text && !(reply.buttons && reply.buttons.length)) continue;
      const message = addMessage('bot', reply.text || '');
      if (reply.buttons && reply.buttons.length) {
        addChoices(message, reply.buttons);
        askedQuestion = true;
      }
      if ((reply.text || '').trimStart().startsWith(SUMMARY_PREFIX)) addSummaryActions(message, reply.text);
    }
    // Ask for feedback on answers, not while the guide is still asking questions.
    if (feedbackFits && messages.length && !askedQuestion) addFeedbackPrompt(currentTopic);
  }

  async function send(text, shownText = text, { askForFeedback = true } = {}) {
    waiting = true;
    if (shownText) addMessage('user', shownText);
    typing.hidden = false;
    scrollToEnd();
    try {
      const { ok, data } = await postJson('/api/chat', { sender: sessionId, message: text });
      if (ok) renderReplies(data.messages || [], askForFeedback);
      else addMessage('bot', data.error || NETWORK_ERROR_TEXT, 'chat-message--error');
    } catch {
      addMessage('bot', NETWORK_ERROR_TEXT, 'chat-message--error');
    } finally {
      typing.hidden = true;
      waiting = false;
    }
  }

  function submitInput() {
    const text = input.value.trim();
    if (!text || waiting) return;
    input.value = '';
    send(text);
  }

  function restart() {
    if (waiting) return;
    // A new random id starts a fresh conversation in Rasa; nothing is kept.
    sessionId = newSessionId();
    currentTopic = DEFAULT_TOPIC;
    log.replaceChildren();
    addMessage('bot', WELCOME_TEXT);
    input.focus();
    send(RESTART_TEXT, '', { askForFeedback: false });
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
  restartButton.addEventListener('click', restart);

  addMessage('bot', WELCOME_TEXT);

  fetch(`${apiBase}/api/config`)
    .then((response) => response.json())
    .then((config) => {
      input.maxLength = config.messageMaxChars;
      if (config.demo) {
        demoBanner.textContent =
          `Demoversjon: lokale kontaktopplysninger for ${config.municipality} er bare eksempler.`;
        demoBanner.hidden = false;
      }
    })
    // The chat works without the config; only the banner and length hint are lost.
    .catch(() => {});

  return { focus: () => input.focus() };
}
