// Embeds the chat on another page (e.g. the intranet) with one tag:
//   <script src="https://CHAT-SERVER/widget.js" defer></script>
// The host page's origin must be in WEB_CORS_ORIGINS, and a host page with a
// Content-Security-Policy must allow CHAT-SERVER in script-src, style-src,
// img-src and connect-src. Everything lives in a shadow root, so styles stay scoped.
(() => {
  const serverOrigin = new URL(document.currentScript.src).origin;
  // On a small screen (or at high zoom) the open chat covers the page: a modal dialog.
  const SMALL_SCREEN = window.matchMedia('(max-width: 30rem), (max-height: 30rem)');
  const FOCUSABLE = 'a[href], button:not([disabled]), textarea, input, summary, [tabindex="0"]';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** Fails with a message an editor can act on when the chat server refuses this page. */
  async function checkAccess() {
    try {
      await fetch(`${serverOrigin}/api/config`, { mode: 'cors' });
    } catch (error) {
      throw new Error(
        `Chat-widgeten kunne ikke lastes fra ${serverOrigin}. Står denne sidens adresse ` +
        `(${window.location.origin}) i WEB_CORS_ORIGINS på chat-serveren? Legg den til der, ` +
        `og start nettserveren på nytt. Ellers kan chat-serveren være nede. (${error.message})`,
      );
    }
  }

  async function mount() {
    await checkAccess();
    const { createChat } = await import(`${serverOrigin}/static/chat.js`);
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });

    const stylesheet = document.createElement('link');
    stylesheet.rel = 'stylesheet';
    stylesheet.href = `${serverOrigin}/static/chat.css`;

    const widget = el('aside', 'widget');
    widget.setAttribute('aria-label', 'Chat med kommunens veileder');
    widget.lang = 'nb';
    const launcher = el('button', 'chat-button widget-launcher', 'Bekymret for et barn? Chat med oss');
    launcher.type = 'button';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'widget-panel');
    const panel = el('div', 'widget-panel');
    panel.id = 'widget-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Chat med kommunens veileder');
    const closeButton = el('button', 'chat-button chat-button--secondary', 'Lukk');
    closeButton.type = 'button';
    closeButton.setAttribute('aria-label', 'Lukk chatten');
    widget.append(launcher, panel);
    shadow.append(stylesheet);
    document.body.append(host);
    // Show the widget only once it is styled, so it never flashes unstyled.
    stylesheet.addEventListener('load', () => shadow.append(widget), { once: true });

    const chat = createChat(panel, { apiBase: serverOrigin, headingLevel: 2, headerControls: [closeButton] });
    let madeInert = [];

    function isModal() {
      return !panel.hidden && SMALL_SCREEN.matches;
    }

    /** While the chat covers the page, the page underneath cannot be reached. */
    function updateModality() {
      const modal = isModal();
      if (modal) panel.setAttribute('aria-modal', 'true');
      else panel.removeAttribute('aria-modal');
      for (const node of madeInert) node.inert = false;
      madeInert = modal
        ? [...document.body.children].filter((node) => node !== host && !node.inert)
        : [];
      for (const node of madeInert) node.inert = true;
    }

    function setOpen(open) {
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      updateModality();
      if (open) chat.focus();
      else launcher.focus();
    }

    function focusables() {
      return [...panel.querySelectorAll(FOCUSABLE)].filter((node) => node.getClientRects().length);
    }

    launcher.addEventListener('click', () => setOpen(panel.hidden));
    closeButton.addEventListener('click', () => setOpen(false));
    SMALL_SCREEN.addEventListener('change', updateModality);
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        setOpen(false);
        return;
      }
      if (event.key !== 'Tab' || !isModal()) return;
      // Focus goes round inside the dialog instead of out to the browser.
      const nodes = focusables();
      const first = nodes[0];
      const last = nodes.at(-1);
      if (event.shiftKey && shadow.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && shadow.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  mount().catch((error) => console.error(error.message || `Chat-widgeten kunne ikke lastes: ${error}`));
})();
