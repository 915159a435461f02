// The sandbox page: polls the sandbox's conversations view every second and renders each conversation's
// phones with their SMS threads. Texts are sent through `POST /__sandbox/sms`, exactly as a phone would.

const REFRESH_MS = 1000;
const ROLE_LABEL = { dealer: "Dealer", customer: "Customer", phone: "Phone", chat: "Chat" };

const view = {
    conversations: [],
    selected: undefined,
    listKey: "",
    detailKey: "",
    threadKeys: new Map(),
};

/** Builds an element; children that are null, undefined or false are skipped. */
function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
        if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
}

function formatNumber(number) {
    const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number ?? "");
    return match ? `+1 (${match[1]}) ${match[2]}-${match[3]}` : (number ?? "");
}

function clock(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** A time today, or a date and time further away (timers can be days long). */
function when(iso) {
    const date = new Date(iso);
    return date.toDateString() === new Date().toDateString() ? clock(iso) : date.toLocaleString();
}

function setStatus(text) {
    document.getElementById("status").textContent = text;
}

function titleLines(conversation) {
    const name = conversation.friendlyName?.trim();
    return name ? name.split("\n").filter((line) => line.trim() !== "") : [conversation.sid];
}

async function postSms(from, to, body) {
    const res = await fetch("/__sandbox/sms", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from, to, body }),
    });
    const result = await res.json();
    if (!res.ok) throw new Error(result.message ?? `HTTP ${res.status}`);
    return result;
}

function describeResult(result) {
    const where =
        result.delivered === "conversation"
            ? "Delivered into the conversation."
            : "Sent to the Messaging Service inbound webhook.";
    const alsoWebhook =
        result.delivered === "conversation" && result.webhook ? " Also sent to the inbound webhook." : "";
    const dropped = result.webhook?.dropped ? " The webhook delivery was dropped (fault)." : "";
    const keyword = result.optOutType ? ` Keyword ${result.optOutType}.` : "";
    const reply = result.reply ? ` Reply: “${result.reply}”` : "";
    return `${where}${alsoWebhook}${dropped}${keyword}${reply}`;
}

// ---- conversation list ----

function renderList() {
    const list = document.getElementById("conversation-list");
    document.getElementById("no-conversations").hidden = view.conversations.length > 0;
    const key = JSON.stringify([
        view.selected,
        view.conversations.map((c) => [c.sid, c.state, c.friendlyName, c.participants.map((p) => p.sid)]),
    ]);
    if (key === view.listKey) return;
    view.listKey = key;
    list.replaceChildren(
        ...view.conversations.map((c) => {
            const [first, ...rest] = titleLines(c);
            const selected = c.sid === view.selected;
            return el(
                "li",
                {},
                el(
                    "button",
                    {
                        type: "button",
                        class: selected ? "conversation-item selected" : "conversation-item",
                        "aria-current": selected ? "true" : undefined,
                        "data-testid": `conversation-${c.sid}`,
                        onclick: () => {
                            view.selected = c.sid;
                            renderList();
                            renderDetail();
                        },
                    },
                    el("span", { class: `badge state-${c.state}` }, c.state),
                    el("strong", {}, first),
                    rest.map((line) => el("span", { class: "muted small" }, line)),
                    el(
                        "ul",
                        { class: "participants" },
                        c.participants.map((p) =>
                            el(
                                "li",
                                {},
                                p.address
                                    ? `${ROLE_LABEL[p.role]} ${formatNumber(p.address)} ⇄ ${formatNumber(p.proxyAddress)}`
                                    : `Chat: ${p.identity}`,
                            ),
                        ),
                    ),
                ),
            );
        }),
    );
}

// ---- selected conversation ----

function buildPhone(participant) {
    const role = ROLE_LABEL[participant.role];
    const textarea = el("textarea", {
        rows: "2",
        placeholder: `Text as the ${role.toLowerCase()}…`,
        "aria-label": `Text as ${role.toLowerCase()} ${participant.address}`,
    });
    const result = el("p", { class: "result muted", "aria-live": "polite" });
    const button = el("button", { type: "submit" }, "Send");
    const send = async (event) => {
        event.preventDefault();
        const body = textarea.value.trim();
        if (!body) return;
        button.disabled = true;
        try {
            const outcome = await postSms(participant.address, participant.proxyAddress, body);
            textarea.value = "";
            result.textContent = describeResult(outcome);
        } catch (error) {
            result.textContent = `Not sent: ${error.message}`;
        } finally {
            button.disabled = false;
            void refresh();
        }
    };
    textarea.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey) send(event);
    });
    return el(
        "article",
        { class: `phone role-${participant.role}`, "data-testid": `phone-${participant.address}` },
        el(
            "header",
            {},
            el("h3", {}, `${role} · ${formatNumber(participant.address)}`),
            el("p", { class: "muted small" }, `Texts through pool number ${formatNumber(participant.proxyAddress)}`),
            el("p", { class: "opted-out", "data-field": "opted-out", hidden: true }, "Opted out (STOP): gets nothing"),
        ),
        el("ol", { class: "thread", "data-testid": `thread-${participant.address}` }),
        el("form", { class: "composer", onsubmit: send }, textarea, button),
        result,
    );
}

function buildDetail(conversation) {
    const phones = conversation.participants.filter((p) => p.address);
    return [
        el(
            "div",
            { class: "conversation-head" },
            el("h2", { "data-field": "title" }),
            el("span", { class: "badge", "data-field": "state" }),
            el("p", { class: "muted small", "data-field": "meta" }),
            el("p", { class: "muted small", "data-field": "chat" }),
        ),
        phones.length
            ? el(
                  "div",
                  { class: "phones" },
                  phones.map((p) => buildPhone(p)),
              )
            : el("p", { class: "muted" }, "No SMS participants yet."),
        el(
            "details",
            { class: "log" },
            el("summary", { "data-field": "log-summary" }),
            el("ol", { class: "log-list", "data-field": "log" }),
        ),
    ];
}

function threadItem(event) {
    const media = event.media?.length ? ` [media: ${event.media.join(", ")}]` : "";
    const meta =
        event.direction === "sent"
            ? `${clock(event.at)} · sent`
            : `${clock(event.at)} · from ${formatNumber(event.from)}${event.conversationSid ? "" : " (not in a conversation)"}`;
    return el(
        "li",
        { class: `bubble ${event.direction}` },
        el("span", { class: "text" }, `${event.body}${media}`),
        el("span", { class: "meta" }, meta),
    );
}

function logItem(conversation, message) {
    const names = new Map(conversation.participants.map((p) => [p.sid, ROLE_LABEL[p.role]]));
    const receipts = message.receipts
        .map((r) => `${names.get(r.participantSid) ?? "?"}: ${r.status}${r.errorCode ? ` (${r.errorCode})` : ""}`)
        .join(", ");
    return el(
        "li",
        {},
        el(
            "span",
            { class: "muted small" },
            `#${message.index} ${clock(message.dateCreated)} · ${message.author} · ${message.source}`,
        ),
        el("span", {}, message.body ?? ""),
        receipts ? el("span", { class: "muted small" }, receipts) : null,
    );
}

function field(root, name) {
    return root.querySelector(`[data-field="${name}"]`);
}

function renderDetail() {
    const root = document.getElementById("conversation");
    const conversation = view.conversations.find((c) => c.sid === view.selected);
    if (!conversation) {
        root.replaceChildren();
        view.detailKey = "";
        return;
    }
    const key = `${conversation.sid}|${conversation.participants.map((p) => p.sid).join(",")}`;
    if (key !== view.detailKey) {
        root.replaceChildren(...buildDetail(conversation));
        view.detailKey = key;
        view.threadKeys.clear();
    }

    field(root, "title").textContent = titleLines(conversation).join(" · ");
    const state = field(root, "state");
    state.textContent = conversation.state;
    state.className = `badge state-${conversation.state}`;
    const timers = [
        conversation.timers.dateInactive ? `inactive at ${when(conversation.timers.dateInactive)}` : "",
        conversation.timers.dateClosed ? `closes at ${when(conversation.timers.dateClosed)}` : "",
    ].filter(Boolean);
    field(root, "meta").textContent = [conversation.sid, conversation.uniqueName, ...timers]
        .filter(Boolean)
        .join(" · ");
    const chats = conversation.participants.filter((p) => !p.address).map((p) => p.identity);
    field(root, "chat").textContent = chats.length ? `Chat participants: ${chats.join(", ")}` : "";

    for (const participant of conversation.participants.filter((p) => p.address)) {
        const phone = root.querySelector(`[data-testid="phone-${participant.address}"]`);
        if (!phone) continue;
        field(phone, "opted-out").hidden = !participant.optedOut;
        const threadKey = JSON.stringify(participant.thread);
        if (view.threadKeys.get(participant.sid) === threadKey) continue;
        view.threadKeys.set(participant.sid, threadKey);
        const thread = phone.querySelector(".thread");
        thread.replaceChildren(...participant.thread.map(threadItem));
        thread.scrollTop = thread.scrollHeight;
    }

    field(root, "log-summary").textContent = `Conversation log (${conversation.messages.length} messages)`;
    field(root, "log").replaceChildren(...conversation.messages.map((m) => logItem(conversation, m)));
}

// ---- refresh loop and the free-form phone ----

async function refresh() {
    try {
        const res = await fetch("/__sandbox/conversations", { cache: "no-store" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        view.conversations = await res.json();
        if (!view.conversations.some((c) => c.sid === view.selected)) view.selected = view.conversations[0]?.sid;
        renderList();
        renderDetail();
        setStatus(`Updated ${clock(new Date().toISOString())} · ${view.conversations.length} conversation(s)`);
    } catch (error) {
        setStatus(`Cannot reach the sandbox: ${error.message}`);
    }
}

async function loadPool() {
    const res = await fetch("/__sandbox/pool", { cache: "no-store" });
    const { numbers } = await res.json();
    const select = document.getElementById("pool-select");
    const current = select.value;
    select.replaceChildren(...numbers.map((n) => el("option", { value: n }, formatNumber(n))));
    if (numbers.includes(current)) select.value = current;
}

document.getElementById("any-phone-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = document.getElementById("any-phone-result");
    try {
        const outcome = await postSms(String(data.get("from")), String(data.get("to")), String(data.get("body")));
        form.elements.namedItem("body").value = "";
        result.textContent = describeResult(outcome);
    } catch (error) {
        result.textContent = `Not sent: ${error.message}`;
    }
    void refresh();
});

async function loop() {
    await refresh();
    setTimeout(loop, REFRESH_MS);
}

void loadPool();
void loop();
