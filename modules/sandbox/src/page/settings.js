// The sandbox page's settings panel: each behaviour setting with its current value, its default and the
// documentation it follows, from `GET /__sandbox/settings/catalog`. Values change with `PUT /__sandbox/settings`
// (or `SANDBOX_*` environment variables at start); the panel re-reads them every few seconds.

const SETTINGS_REFRESH_MS = 5000;

function cell(tag, text, className) {
    const node = document.createElement(tag);
    node.textContent = text;
    if (className) node.className = className;
    return node;
}

function sourcesCell(sources) {
    const td = document.createElement("td");
    const list = document.createElement("ul");
    list.className = "sources";
    for (const source of sources) {
        const item = document.createElement("li");
        if (source.url) {
            const link = cell("a", source.title);
            link.href = source.url;
            link.rel = "noreferrer";
            link.target = "_blank";
            item.append(link);
        } else {
            item.textContent = source.title;
        }
        list.append(item);
    }
    td.append(list);
    return td;
}

function settingRow(setting) {
    const row = document.createElement("tr");
    row.dataset.testid = `setting-${setting.name}`;
    const name = document.createElement("th");
    name.scope = "row";
    name.append(cell("code", setting.name), cell("span", setting.env, "muted small block"));
    if (setting.testOnly) name.append(cell("span", "test-only acceleration", "badge test-only"));
    const value = cell("td", JSON.stringify(setting.value));
    if (JSON.stringify(setting.value) !== JSON.stringify(setting.default)) value.className = "changed";
    const summary = cell("td", setting.summary, "small");
    row.append(
        name,
        value,
        cell("td", JSON.stringify(setting.default), "muted"),
        summary,
        sourcesCell(setting.sources),
    );
    return row;
}

async function refreshSettings() {
    const body = document.getElementById("settings-rows");
    try {
        const res = await fetch("/__sandbox/settings/catalog", { cache: "no-store" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        body.replaceChildren(...(await res.json()).map(settingRow));
    } catch (error) {
        body.replaceChildren(cell("tr", `Cannot read the settings: ${error.message}`));
    }
}

async function settingsLoop() {
    await refreshSettings();
    setTimeout(settingsLoop, SETTINGS_REFRESH_MS);
}

void settingsLoop();
