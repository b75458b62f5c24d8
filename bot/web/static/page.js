// The full-page chat at "/".
import { createChat } from './chat.js';

createChat(document.getElementById('chat'), { quickExitKey: true });
