// The local web chat page: pick a group, speak as anyone of the directory or as a resident,
// and watch the bot's posts and the tickets change live.
"use strict";

// Every word the page shows, in one place (zh-Hans), so wording is reviewed without the logic.
const TEXTS = {
  roles: { steward: "网格员", assistant: "协管员", supervisor: "监督员", secretary: "书记" },
  states: {
    new: "新登记",
    assigned: "待接单",
    claimed: "已接单",
    in_progress: "处理中",
    resolved: "已处理待确认",
    closed: "已关闭",
    reopened: "已重新打开",
    returned: "已退回社区",
  },
  kinds: { repair: "报修", hazard: "隐患", complaint: "投诉", inquiry: "咨询", emergency: "紧急" },
  resident: "居民",
  residentDefaultName: "张女士",
  emergency: "紧急",
  noAddress: "地址未提供",
  reply: "回复",
  quotedMissing: (id) => `消息 ${id}`,
  unread: (n) => `（${n} 条新消息）`,
  live: { connecting: "连接中…", open: "实时", closed: "已断开，正在重连…" },
  noChats: "名录里没有本地群聊（platform: local）。",
  emptyChat: "这个群还没有消息。发一条试试吧。",
  setupFailed: "加载失败，请确认网格管家正在运行，然后刷新页面。",
  sendFailed: "发送失败：连不上网格管家，请稍后再试。",
  serverError: (status) => `发送失败（HTTP ${status}）。`,
  rejected: (why) => `发送失败：${why}`,
  needResidentName: "请填写居民姓名。",
  emptyText: "消息不能为空。",
  ticketAssignee: (name) => `负责人：${name || "待分派"}`,
  help: "帮助",
};

// The resident everybody starts as; other residents get res-<slug of the typed name>.
const DEFAULT_RESIDENT = { name: TEXTS.residentDefaultName, account: "res-zhang" };
const RESIDENT = "resident";
const TIME_ZONE = "Asia/Shanghai";
const MENTION = /@[^\s@，。、,.;；:：!！?？()（）「」【】"“”]+/g;

const state = {
  chats: [],
  people: [],
  chat: null, // the address of the group on screen
  messages: new Map(), // id -> message, the group on screen only
  unread: new Map(), // address -> count of messages that arrived while another group was shown
  replyTo: null, // the message being answered
  socket: null,
  reconnectDelay: 500,
  openTicket: null,
  unsent: null, // {key, id}: the message last tried and not yet stored, with its client_id
};

const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// ---- who speaks ---------------------------------------------------------------------------

function residentAccount(name) {
  const trimmed = name.trim();
  if (!trimmed || trimmed === DEFAULT_RESIDENT.name) return DEFAULT_RESIDENT.account;
  const ascii = trimmed.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (ascii && /^[\x00-\x7f]*$/.test(trimmed)) return `res-${ascii}`;
  // A Chinese name has no Latin slug; its code points make a stable one (李先生 → res-674e5148751f).
  const codes = Array.from(trimmed, (ch) => ch.codePointAt(0).toString(16)).join("");
  return `res-${codes}`.slice(0, 64);
}

function currentSpeaker() {
  const choice = $("speaker-select").value;
  if (choice === RESIDENT) {
    const name = $("resident-name").value.trim();
    return { account: residentAccount(name), name, resident: true };
  }
  const person = state.people.find((p) => p.account === choice);
  return { account: choice, name: person ? person.name : choice, resident: false };
}

function fillSpeakers() {
  const select = $("speaker-select");
  select.replaceChildren(
    element("option", { value: RESIDENT, text: TEXTS.resident }),
    ...state.people.map((p) =>
      element("option", {
        value: p.account,
        text: `${p.name}（${TEXTS.roles[p.role] || p.role}）`,
      }),
    ),
  );
  const saved = localStorage.getItem("gridsteward.speaker");
  select.value = saved && [...select.options].some((o) => o.value === saved) ? saved : RESIDENT;
  const savedName = localStorage.getItem("gridsteward.resident");
  if (savedName) $("resident-name").value = savedName;
  speakerChanged();
}

function speakerChanged() {
  const speaker = currentSpeaker();
  const isResident = $("speaker-select").value === RESIDENT;
  $("resident-name").hidden = !isResident;
  document.querySelector(".resident-label").hidden = !isResident;
  $("speaker-account").textContent = `账号 ${speaker.account}`;
  localStorage.setItem("gridsteward.speaker", $("speaker-select").value);
  localStorage.setItem("gridsteward.resident", $("resident-name").value);
  // Messages of whoever speaks now sit on the right, as one's own do in a chat app.
  for (const node of document.querySelectorAll('[data-testid="message"]')) {
    node.classList.toggle("own", node.dataset.sender === speaker.account);
  }
}

// ---- groups and messages ------------------------------------------------------------------

async function fillChats() {
  const select = $("chat-select");
  select.size = Math.max(2, state.chats.length);
  select.replaceChildren(
    ...state.chats.map((c) => element("option", { value: c.address, text: c.name })),
  );
  if (!state.chats.length) {
    showError(TEXTS.noChats);
    return;
  }
  const saved = localStorage.getItem("gridsteward.chat");
  const known = state.chats.some((c) => c.address === saved);
  select.value = known ? saved : state.chats[0].address;
  await openChat(select.value);
}

function chatName(address) {
  const chat = state.chats.find((c) => c.address === address);
  return chat ? chat.name : address;
}

function labelChats() {
  for (const option of $("chat-select").options) {
    const count = state.unread.get(option.value) || 0;
    option.textContent = chatName(option.value) + (count ? TEXTS.unread(count) : "");
  }
}

async function openChat(address) {
  state.chat = address;
  state.messages.clear();
  state.unread.delete(address);
  labelChats();
  localStorage.setItem("gridsteward.chat", address);
  $("chat-title").textContent = chatName(address);
  $("messages").replaceChildren();
  clearReply();
  await loadHistory();
}

async function loadHistory() {
  const address = state.chat;
  if (!address) return;
  const response = await fetch(`/api/local/chats/${encodeURIComponent(address)}/messages?after=0`);
  if (!response.ok || address !== state.chat) return;
  const messages = await response.json();
  for (const message of messages) addMessage(message, { scroll: false });
  showEmptyChat();
  scrollToEnd();
}

function showEmptyChat() {
  const list = $("messages");
  const placeholder = list.querySelector(".empty-chat");
  if (state.messages.size === 0 && !placeholder) {
    list.append(element("p", { className: "empty-chat", text: TEXTS.emptyChat }));
  } else if (state.messages.size > 0 && placeholder) {
    placeholder.remove();
  }
}

function addMessage(message, { scroll = true } = {}) {
  if (message.chat !== state.chat || state.messages.has(message.id)) return;
  state.messages.set(message.id, message);
  const list = $("messages");
  const node = renderMessage(message);
  // The live feed and a reload may interleave; the page keeps the server's order (by id).
  const later = [...list.querySelectorAll('[data-testid="message"]')].find(
    (other) => Number(other.dataset.id) > message.id,
  );
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.insertBefore(node, later || null);
  showEmptyChat();
  if (scroll && (nearBottom || message.sender === currentSpeaker().account)) scrollToEnd();
}

function scrollToEnd() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

function formatTime(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const day = (d) => d.toLocaleDateString("zh-CN", { timeZone: TIME_ZONE });
  const time = at.toLocaleTimeString("zh-CN", {
    timeZone: TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
  if (day(at) === day(new Date())) return time;
  const date = at.toLocaleDateString("zh-CN", {
    timeZone: TIME_ZONE,
    month: "2-digit",
    day: "2-digit",
  });
  return `${date} ${time}`;
}

function withMentions(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const found of text.matchAll(MENTION)) {
    fragment.append(text.slice(last, found.index));
    const mention = element("span", { className: "mention", "data-testid": "mention" });
    mention.textContent = found[0];
    fragment.append(mention);
    last = found.index + found[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

// A quote is a glimpse, not a copy: a resident's mobile number stays masked in it, as in the
// bot's own posts (the full number is still in the resident's message above).
const MOBILE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;

function snippet(text, length = 40) {
  const line = text.replace(/\s+/g, " ").trim().replace(MOBILE, "$1****$2");
  return line.length > length ? `${line.slice(0, length)}…` : line;
}

function renderQuote(id) {
  const quoted = state.messages.get(id);
  const quote = element("div", { className: "quote", "data-testid": "quote", "data-reply-to": id });
  if (quoted) {
    quote.append(
      element("span", { className: "quote-who", text: `${quoted.sender_name}：` }),
      snippet(quoted.text),
    );
    quote.addEventListener("click", () => highlight(id));
  } else {
    quote.textContent = TEXTS.quotedMissing(id);
  }
  return quote;
}

function highlight(id) {
  const target = document.querySelector(`[data-testid="message"][data-id="${id}"]`);
  if (!target) return;
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  target.classList.add("flash");
  setTimeout(() => target.classList.remove("flash"), 1200);
}

function renderMessage(message) {
  const name = message.sender_name || message.sender;
  const avatar = element("div", {
    className: "avatar",
    text: message.from_bot ? "管" : Array.from(name)[0] || "?",
    "aria-hidden": "true",
  });
  const reply = element("button", {
    type: "button",
    className: "reply",
    "data-testid": "reply",
    text: TEXTS.reply,
    title: `${TEXTS.reply} ${name}`,
  });
  reply.addEventListener("click", () => setReply(message));
  const head = element(
    "div",
    { className: "meta" },
    element("span", { className: "name", "data-testid": "sender", text: name }),
    element("time", { datetime: message.at, text: formatTime(message.at) }),
    reply,
  );
  const bubble = element(
    "div",
    { className: "bubble" },
    message.reply_to ? renderQuote(message.reply_to) : null,
    element("div", { className: "text", "data-testid": "text" }, withMentions(message.text)),
  );
  const classes = ["message"];
  if (message.from_bot) classes.push("bot");
  if (message.sender === currentSpeaker().account) classes.push("own");
  return element(
    "article",
    {
      className: classes.join(" "),
      "data-testid": "message",
      "data-id": message.id,
      "data-from-bot": message.from_bot ? "true" : "false",
      "data-sender": message.sender,
    },
    avatar,
    element("div", { className: "body" }, head, bubble),
  );
}

// ---- replying and sending -----------------------------------------------------------------

function setReply(message) {
  state.replyTo = message;
  const banner = $("reply-target");
  banner.dataset.id = message.id;
  banner.querySelector(".reply-who").textContent = `${message.sender_name}：`;
  banner.querySelector(".reply-text").textContent = snippet(message.text, 60);
  banner.hidden = false;
  $("message-input").focus();
}

function clearReply() {
  state.replyTo = null;
  const banner = $("reply-target");
  banner.hidden = true;
  delete banner.dataset.id;
}

function showError(text) {
  const box = $("error");
  box.textContent = text;
  box.hidden = !text;
}

// Sent again after a lost answer, the same message keeps its id and the server keeps it once.
function withClientId(message) {
  const key = JSON.stringify(message);
  if (!state.unsent || state.unsent.key !== key) {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
    state.unsent = { key, id };
  }
  return { ...message, client_id: state.unsent.id };
}

async function send(text, replyTo) {
  const speaker = currentSpeaker();
  if (!state.chat) return false;
  if (speaker.resident && !speaker.name) {
    showError(TEXTS.needResidentName);
    $("resident-name").focus();
    return false;
  }
  if (!text.trim()) {
    showError(TEXTS.emptyText);
    return false;
  }
  const button = $("send");
  button.disabled = true;
  try {
    const response = await fetch(`/api/local/chats/${encodeURIComponent(state.chat)}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(withClientId({
        sender: speaker.account,
        sender_name: speaker.name,
        text,
        reply_to: replyTo ? replyTo.id : null,
      })),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const why = body && body.error;
      showError(why ? TEXTS.rejected(why) : TEXTS.serverError(response.status));
      return false;
    }
    showError("");
    state.unsent = null;
    if (replyTo && state.replyTo === replyTo) clearReply();
    addMessage(body);
    return true;
  } catch (_error) {
    showError(TEXTS.sendFailed);
    return false;
  } finally {
    button.disabled = false;
  }
}

async function sendFromInput() {
  const input = $("message-input");
  if (await send(input.value, state.replyTo)) {
    input.value = "";
    input.focus();
  }
}

// ---- tickets ------------------------------------------------------------------------------

function addressLabel(address) {
  if (!address) return "";
  const building = address.building ? `${address.building}栋` : "";
  const unit = address.unit ? `${address.unit}单元` : "";
  if (address.room && !building && !unit) return `${address.room}室`;
  return `${building}${unit}${address.room || ""}`;
}

function ticketLine(ticket) {
  const kind = TEXTS.kinds[ticket.kind] || ticket.kind;
  const flag = ticket.emergency && ticket.kind !== "emergency" ? TEXTS.emergency : "";
  const where = addressLabel(ticket.address) || TEXTS.noAddress;
  const label = TEXTS.states[ticket.state] || ticket.state;
  return `#${ticket.number} ${flag}${kind} ${where} · ${label}`;
}

let ticketsLoading = null;
let ticketsAgain = false;

// One request at a time; a burst of bot posts ends in one more load, not a pile of them.
async function refreshTickets() {
  if (ticketsLoading) {
    ticketsAgain = true;
    return ticketsLoading;
  }
  ticketsLoading = (async () => {
    do {
      ticketsAgain = false;
      try {
        const response = await fetch("/api/tickets");
        if (response.ok) showTickets(await response.json());
      } catch (_error) {
        // the live feed's reconnect reloads them
      }
    } while (ticketsAgain);
  })();
  try {
    await ticketsLoading;
  } finally {
    ticketsLoading = null;
  }
}

function showTickets(tickets) {
  const sorted = [...tickets].sort((a, b) => Number(b.number) - Number(a.number));
  const list = $("tickets");
  list.replaceChildren(
    ...sorted.map((ticket) => {
      const row = element(
        "li",
        {
          className: `ticket state-${ticket.state}${ticket.emergency ? " emergency" : ""}`,
          "data-testid": "ticket",
          "data-number": ticket.number,
          "data-state": ticket.state,
          tabindex: "0",
          title: ticket.text || "",
        },
        element("span", { className: "ticket-line", text: ticketLine(ticket) }),
      );
      row.addEventListener("click", () => toggleTicket(ticket.number));
      row.addEventListener("keydown", (event) => {
        if (event.key === "Enter") toggleTicket(ticket.number);
      });
      if (state.openTicket === ticket.number) showTicketDetail(row, ticket.number);
      return row;
    }),
  );
  $("ticket-count").textContent = tickets.length ? `(${tickets.length})` : "";
  $("tickets-empty").hidden = tickets.length > 0;
}

function toggleTicket(number) {
  const row = document.querySelector(`[data-testid="ticket"][data-number="${number}"]`);
  const open = row && row.querySelector(".ticket-detail");
  if (open) {
    open.remove();
    state.openTicket = null;
    return;
  }
  state.openTicket = number;
  if (row) showTicketDetail(row, number);
}

async function showTicketDetail(row, number) {
  const response = await fetch(`/api/tickets/${encodeURIComponent(number)}`);
  if (!response.ok || !row.isConnected || row.querySelector(".ticket-detail")) return;
  const ticket = await response.json();
  const who = (account) => {
    if (account && account === ticket.reporter && ticket.reporter_name) return ticket.reporter_name;
    const person = state.people.find((p) => p.account === account);
    return person ? person.name : account || "";
  };
  const events = (ticket.events || []).map((e) =>
    element("li", {
      text: `${formatTime(e.at)} ${who(e.actor)} ${TEXTS.states[e.to_state] || e.action}${
        e.note ? `：${e.note}` : ""
      }`,
    }),
  );
  row.append(
    element(
      "div",
      { className: "ticket-detail", "data-testid": "ticket-detail" },
      element("p", { text: ticket.text }),
      element("p", { text: TEXTS.ticketAssignee(ticket.assignee && who(ticket.assignee)) }),
      events.length ? element("ol", { className: "events" }, ...events) : null,
    ),
  );
}

// ---- the live feed ------------------------------------------------------------------------

function setLive(status) {
  const badge = $("live-status");
  badge.dataset.state = status;
  badge.textContent = TEXTS.live[status];
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/api/local/live`);
  state.socket = socket;
  socket.addEventListener("open", () => {
    setLive("open");
    state.reconnectDelay = 500;
    // Whatever was said before the feed (re)opened comes back with the history, deduplicated.
    if (state.chat) {
      loadHistory();
      refreshTickets();
    }
  });
  socket.addEventListener("message", (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch (_error) {
      return;
    }
    if (data.type !== "message" || !data.message) return;
    const message = data.message;
    if (message.chat === state.chat) {
      addMessage(message);
    } else {
      state.unread.set(message.chat, (state.unread.get(message.chat) || 0) + 1);
      labelChats();
    }
    if (message.from_bot) refreshTickets();
  });
  socket.addEventListener("close", () => {
    if (state.socket !== socket) return;
    setLive("closed");
    setTimeout(connect, state.reconnectDelay);
    state.reconnectDelay = Math.min(state.reconnectDelay * 2, 8000);
  });
  socket.addEventListener("error", () => socket.close());
}

// ---- start --------------------------------------------------------------------------------

async function start() {
  $("chat-select").addEventListener("change", (event) => openChat(event.target.value));
  $("speaker-select").addEventListener("change", () => {
    speakerChanged();
    $("message-input").focus();
  });
  $("resident-name").addEventListener("input", speakerChanged);
  $("reply-cancel").addEventListener("click", () => {
    clearReply();
    $("message-input").focus();
  });
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    sendFromInput();
  });
  $("message-input").addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter breaks the line; Enter that picks a word in an IME does neither.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    event.preventDefault();
    sendFromInput();
  });
  $("help").addEventListener("click", (event) => {
    event.preventDefault();
    send(TEXTS.help, null);
  });

  connect();
  try {
    const response = await fetch("/api/local/setup");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const setup = await response.json();
    state.chats = setup.chats || [];
    state.people = setup.people || [];
  } catch (_error) {
    showError(TEXTS.setupFailed);
    return;
  }
  fillSpeakers();
  await Promise.all([fillChats(), refreshTickets()]);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
