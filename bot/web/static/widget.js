// Embeds the chat on another page (e.g. the intranet) with one tag:
//   <script src="https://CHAT-SERVER/widget.js" defer></script>
// The host page's origin must be in WEB_CORS_ORIGINS, and a host page with a
// Content-Security-Policy must allow CHAT-SERVER in script-src, style-src and
// connect-src. Everything lives in a shadow root, so styles stay scoped.
(() => {
  const serverOrigin = new URL(document.currentScript.src).origin;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  async function mount() {
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
    const closeButton = el('button', 'chat-button chat-button--secondary', 'Lukk');
    closeButton.type = 'button';
    closeButton.setAttribute('aria-label', 'Lukk chatten');
    widget.append(launcher, panel);
    shadow.append(stylesheet);
    document.body.append(host);
    // Show the widget only once it is styled, so it never flashes unstyled.
    stylesheet.addEventListener('load', () => shadow.append(widget), { once: true });

    const chat = createChat(panel, { apiBase: serverOrigin, headingLevel: 2, headerControls: [closeButton] });

    function setOpen(open) {
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      if (open) chat.focus();
      else launcher.focus();
    }
    launcher.addEventListener('click', () => setOpen(panel.hidden));
    closeButton.addEventListener('click', () => setOpen(false));
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') setOpen(false);
    });
  }

  mount().catch((error) => console.error('Chat-widgeten kunne ikke lastes:', error));
})();
