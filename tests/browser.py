"""Helpers for the report browser test: Debian's Chromium driven by Playwright, and
static scanners for what a self-contained report must not contain.

Kept apart from ``test_browser.py`` so the scanners and the font verdict can be tested
on hand-made inputs, without a browser.

What "no network" means here
----------------------------
In the browser, every request the page makes is recorded. A request passes only when its
URL is the page itself or a ``data:`` URL; anything else fails, including a ``file://``
URL other than the page (a report is mailed as one file, so it must not need a neighbour)
and ``blob:``/``about:`` URLs (the reports use neither; allow them here if one ever must).
Nothing can leave the machine meanwhile: every non-``file``/``data`` request is aborted
before it is sent, and the host resolver resolves no name at all.

What counts as a remote URL in the HTML source (:func:`remote_urls`)
--------------------------------------------------------------------
A URL with a network location (``scheme://host`` for any scheme but ``file``, a
protocol-relative ``//host``, or an ``http(s):``/``ftp:``/``ws(s):`` URL) found in

* an attribute that makes the browser fetch or navigate: ``src``, ``href``,
  ``xlink:href``, ``srcset``, ``poster``, ``data``, ``action``, ``formaction``,
  ``background``, ``manifest``, ``ping``, ``<meta http-equiv="refresh" content>``;
  an ``<a href>`` counts too, since following it leaves the report;
* CSS ``url(...)`` and ``@import`` in ``<style>`` elements and ``style`` attributes,
  **after** CSS comments are removed (the lab theme's comments cite GitHub and
  meyerweb pages; a comment is never fetched);
* the text of inline ``<script>`` elements (a script could fetch it later, e.g. on a
  click the browser test does not make).

A URL in visible text (a cited source written out for the reader) is not a request and
is not counted.

Personal data (:func:`personal_data`)
-------------------------------------
18-digit resident ID numbers (身份证号, with valid birth date shape) and 11-digit
mainland mobile numbers, each as a whole token: not touching an ASCII letter or digit
(so hex checksums and longer numbers do not match) nor part of a decimal number. Chinese
characters around a number do not protect it. Embedded ``data:`` URLs (base64 images) are
removed before the scan.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = "apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    # Belt and braces for "no network": no host name resolves, whatever asks.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
VIEWPORT = {"width": 1280, "height": 900}
#: A phone held upright (the issue's 390 px): each page is also shot at this width.
SMALL_VIEWPORT = {"width": 390, "height": 844}


def in_ci() -> bool:
    """True when the CI variable is set (to anything but empty, 0 or false)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_browser() -> str | None:
    """Why the browser test cannot run on this machine, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found; install Debian's Chromium and CJK fonts: {INSTALL}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed in this environment; run `make venv`"
    return None


# --- Chinese text and fonts -----------------------------------------------------------

#: Han ideographs: CJK Unified Ideographs, Extension A, compatibility ideographs and the
#: supplementary planes (extensions B onwards). Punctuation is not counted: a Latin font
#: may draw “” legitimately.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: Families that carry Simplified Chinese glyphs, on Linux, macOS and Windows.
CJK_FAMILY = re.compile(
    r"CJK|Source Han|Noto (Sans|Serif) (SC|TC|HK|JP|KR)\b|WenQuanYi|Droid Sans Fallback"
    r"|AR PL|PingFang|Hiragino|YaHei|JhengHei|SimSun|SimHei|DengXian|Heiti|Songti|STHei",
    re.I,
)
#: Families whose use means "no real glyph": tofu, blanks or a last-ditch bitmap font.
FALLBACK_FAMILY = re.compile(r"Last ?Resort|Adobe Blank|Unifont", re.I)
#: Elements whose text is never laid out.
UNRENDERED = {"head", "script", "style", "template", "noscript", "title"}
#: Which probe a text node belongs to, by its nearest matching ancestor.
KINDS = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "td": "table",
    "th": "table",
    "caption": "table",
    "pre": "preformatted",
    "code": "preformatted",
    "svg": "svg",
}
#: Text nodes font-probed per page at most: the first of each kind, then a sample spread
#: evenly over the page (about 2 ms each).
MAX_FONT_PROBES = 80


@dataclass
class FontProbe:
    """The platform fonts Chromium used for one text node that contains Chinese."""

    kind: str
    text: str
    han: int
    fonts: list[dict]
    problem: str | None = None

    def describe(self) -> str:
        used = ", ".join(f"{f['familyName']} ×{f['glyphCount']}" for f in self.fonts)
        return f"{self.kind} {self.text!r} ({self.han} 汉字) → [{used or 'no font'}]"


def font_problem(han: int, fonts: list[dict]) -> str | None:
    """Say what is wrong with how ``han`` Chinese characters were drawn, or None.

    ``fonts`` is ``CSS.getPlatformFontsForNode``'s list (familyName, glyphCount, ...).
    All Chinese characters must be drawn by CJK families (their glyph count covers them)
    and no tofu/last-resort family may appear.
    """
    if not fonts:
        return "not laid out (no font used)"
    fallback = sorted({f["familyName"] for f in fonts if FALLBACK_FAMILY.search(f["familyName"])})
    if fallback:
        return f"fallback font {', '.join(fallback)} (boxes)"
    cjk = sum(f["glyphCount"] for f in fonts if CJK_FAMILY.search(f["familyName"]))
    if cjk == 0:
        names = ", ".join(sorted({f["familyName"] for f in fonts}))
        return f"no CJK font: Chinese drawn with {names}"
    if cjk < han:
        return f"only {cjk} glyphs in CJK fonts for {han} Chinese characters"
    return None


def chinese_text_nodes(root: dict) -> list[tuple[str, int, str]]:
    """(kind, nodeId, text) of the rendered text nodes with Chinese, in document order.

    ``root`` is ``DOM.getDocument(depth=-1)["root"]``.
    """
    found: list[tuple[str, int, str]] = []
    stack: list[tuple[dict, str]] = [(root, "text")]
    while stack:
        node, kind = stack.pop()
        name = (node.get("localName") or "").lower()
        if name in UNRENDERED:
            continue
        kind = KINDS.get(name, kind)
        if node.get("nodeType") == 3 and HAN.search(node.get("nodeValue", "")):
            found.append((kind, node["nodeId"], node["nodeValue"]))
        children = list(node.get("children", []))
        if "contentDocument" in node:
            children.append(node["contentDocument"])
        stack.extend((child, kind) for child in reversed(children))
    return found


def probe_fonts(cdp, max_probes: int = MAX_FONT_PROBES) -> list[FontProbe]:
    """Ask Chromium which platform fonts drew the page's Chinese text.

    The first text node with Chinese of each kind (heading, table, preformatted, svg,
    other text) is probed, then others spread evenly over the page, ``max_probes`` in all.
    """
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    cdp.send("CSS.enable")
    nodes = chinese_text_nodes(root)
    firsts = {}
    for kind, node_id, text in nodes:
        firsts.setdefault(kind, (kind, node_id, text))
    rest = [n for n in nodes if n not in firsts.values()]
    room = max(0, max_probes - len(firsts))
    step = max(1, -(-len(rest) // room)) if room else 1  # spread over the whole page
    chosen = sorted([*firsts.values(), *rest[::step][:room]], key=nodes.index)
    probes = []
    for kind, node_id, text in chosen:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
        han = len(HAN.findall(text))
        probe = FontProbe(kind, " ".join(text.split())[:30], han, fonts)
        probe.problem = font_problem(han, fonts)
        probes.append(probe)
    return probes


# --- one page in the browser ------------------------------------------------------------

#: What is not the reader's text: the provenance footer, code (cells and inline), scripts.
READER_SKIP = (
    "footer.provenance, code, .jp-InputArea-editor, .jp-CodeMirrorEditor, script, style, "
    "a.anchor-link"
)

_PAGE_FACTS_JS = """
async () => {
  const READER_SKIP = %s;

  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = "eager"; });
  const decoded = await Promise.all(imgs.map(i => i.decode().then(() => true, () => false)));
  const outputs = Array.from(document.querySelectorAll(".jp-RenderedImage"));
  // As the HTML spec finds a fragment's element: the raw fragment (nbconvert writes
  // percent-encoded heading ids), then its decoded form; "" and "top" need none.
  const indicated = fragment => {
    if (fragment === "" || fragment.toLowerCase() === "top") return true;
    let decoded = fragment;
    try { decoded = decodeURIComponent(fragment); } catch (e) {}
    return [fragment, decoded].some(f =>
      document.getElementById(f) !== null ||
      Array.from(document.getElementsByName(f)).some(el => el.localName === "a"));
  };
  const here = location.href.split("#")[0];
  const links = Array.from(document.querySelectorAll("a[href]")).map(a => ({
    raw: a.getAttribute("href"),
    url: a.href,
    target: a.href.includes("#") && a.href.split("#")[0] === here
      ? indicated(a.href.slice(a.href.indexOf("#") + 1))
      : null,
  }));
  const link = a => ({
    raw: a.getAttribute("href") || "",
    url: a.href,
    target: a.href.includes("#") && a.href.split("#")[0] === here
      ? indicated(a.href.slice(a.href.indexOf("#") + 1))
      : null,
  });
  // The reader's text: what the page says, without the provenance footer and code.
  const parts = [];
  if (document.body) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (parent && !parent.closest(READER_SKIP)) parts.push(walker.currentNode.nodeValue);
    }
  }
  const box = document.querySelector("section.key-points");
  return {
    lang: document.documentElement.lang || "",
    title: document.title,
    textLength: (document.body ? document.body.innerText : "").trim().length,
    readerText: parts.join(" "),
    keyPoints: box ? box.querySelectorAll("li").length : -1,
    charts: Array.from(document.querySelectorAll("figure.chart")).map(f => ({
      alt: (f.querySelector("img") || {}).alt || "",
      csv: Array.from(f.querySelectorAll("a.download"))
        .filter(a => (a.getAttribute("download") || a.getAttribute("href") || "").endsWith(".csv"))
        .map(link),
    })),
    downloads: Array.from(document.querySelectorAll("a.download, a.enlarge")).map(link),
    toc: Array.from(document.querySelectorAll("nav.toc a")).map(link),
    headers: Array.from(document.querySelectorAll("th")).map(th => th.textContent.trim()),
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    images: imgs.map((img, k) => ({
      alt: img.getAttribute("alt"),
      src: img.getAttribute("src") || "",
      width: img.naturalWidth,
      height: img.naturalHeight,
      decoded: decoded[k],
    })),
    imageOutputs: outputs.length,
    emptyImageOutputs: outputs.filter(
      o => !Array.from(o.querySelectorAll("img")).some(i => i.naturalWidth > 0)
    ).length,
    links: links,
  };
}
""".replace("%s", repr(READER_SKIP))


@dataclass
class PageVisit:
    """What one report page did and showed in Chromium."""

    path: str  # relative to the report folder, POSIX separators
    lang: str = ""
    title: str = ""
    text_length: int = 0
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # the page or a data: URL failing
    console_errors: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    image_outputs: int = 0
    empty_image_outputs: int = 0
    links: list[dict] = field(default_factory=list)
    reader_text: str = ""  # without footer and code: what the Han share is measured on
    key_points: int = -1  # items in the first section.key-points, -1 without one
    charts: list[dict] = field(default_factory=list)  # alt and CSV links of figure.chart
    downloads: list[dict] = field(default_factory=list)  # a.download and a.enlarge links
    toc: list[dict] = field(default_factory=list)  # links of nav.toc
    headers: list[str] = field(default_factory=list)  # text of every th
    scroll_width: int = 0
    viewport_width: int = 0
    fonts: list[FontProbe] = field(default_factory=list)
    screenshot: Path | None = None
    error: str | None = None  # the page could not be loaded or inspected

    @property
    def bad_images(self) -> list[dict]:
        return [i for i in self.images if not (i["decoded"] and i["width"] > 0)]

    def image_summary(self) -> str:
        return (
            f"{len(self.images)} <img>, {len(self.images) - len(self.bad_images)} decoded, "
            f"{self.image_outputs} image outputs"
        )


def short_src(src: str) -> str:
    """An image source fit for a message: data URLs shortened to their type and size."""
    if src.startswith("data:"):
        return f"{src.split(',', 1)[0]},… ({len(src)} chars)"
    return src[:120]


def visit(context, page_file: Path, root: Path, shot: Path | None, fonts: bool = True) -> PageVisit:
    """Load ``page_file`` in a fresh tab of ``context`` and record what happened.

    Requests other than ``file:``/``data:`` are recorded and aborted; console errors and
    uncaught exceptions are recorded; images are decoded; Chinese text is font-probed
    over CDP (unless ``fonts`` is false); a full-page screenshot goes to ``shot``. Paths in
    the record are relative to ``root``, so messages do not depend on where the reports
    were built.
    """
    root_url = root.resolve().as_uri() + "/"
    url = page_file.resolve().as_uri()

    def rel(text: str) -> str:
        return text.replace(root_url, "<reports>/")

    result = PageVisit(path=page_file.relative_to(root).as_posix())
    page = context.new_page()

    def on_request(request) -> None:
        result.requests.append(request.url)

    def on_console(message) -> None:
        if message.type == "error":
            loc = message.location or {}
            where = f" ({rel(loc.get('url', ''))}:{loc.get('lineNumber', '?')})" if loc else ""
            result.console_errors.append(f"console.error: {rel(message.text)}{where}")

    def on_failed(request) -> None:
        # Requests aborted for leaving the page are reported once, as blocked.
        if urlsplit(request.url).scheme == "data" or request.url.split("#")[0] == url:
            result.failed.append(f"{rel(request.url)[:200]}: {request.failure}")

    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda err: result.console_errors.append(f"page error: {rel(str(err))}"))
    page.on("websocket", lambda ws: result.blocked.append(f"websocket {ws.url}"))
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        facts = page.evaluate(_PAGE_FACTS_JS)
        result.lang = facts["lang"]
        result.title = facts["title"]
        result.text_length = facts["textLength"]
        result.images = [{**i, "src": short_src(rel(i["src"]))} for i in facts["images"]]
        result.image_outputs = facts["imageOutputs"]
        result.empty_image_outputs = facts["emptyImageOutputs"]
        result.links = facts["links"]
        result.reader_text = facts["readerText"]
        result.key_points = facts["keyPoints"]
        result.charts = facts["charts"]
        result.downloads = facts["downloads"]
        result.toc = facts["toc"]
        result.headers = facts["headers"]
        result.scroll_width = facts["scrollWidth"]
        result.viewport_width = facts["viewportWidth"]
        if fonts:
            cdp = context.new_cdp_session(page)
            try:
                result.fonts = probe_fonts(cdp)
            finally:
                cdp.detach()
        if shot is not None:
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True, animations="disabled")
            result.screenshot = shot
    except Exception as err:  # recorded, so one broken page does not hide the others
        result.error = rel(f"{type(err).__name__}: {err}".splitlines()[0])
    finally:
        page.close()
    for request_url in result.requests:
        scheme = urlsplit(request_url).scheme
        if scheme == "data" or request_url.split("#")[0] == url:
            continue
        label = "file outside the page" if scheme == "file" else "network"
        result.blocked.append(f"{label}: {rel(request_url)[:200]}")
    return result


def route_offline(route) -> None:
    """Context route handler: let file: and data: through, abort everything else."""
    if urlsplit(route.request.url).scheme in ("file", "data"):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def broken_links(visit: PageVisit, root: Path) -> list[str]:
    """Links of a page that lead nowhere: a missing file, a file outside the report
    folder, or a same-page #anchor with no such id. Remote links are left to
    :func:`remote_urls`."""
    problems = []
    root = root.resolve()
    for link in visit.links:
        parts = urlsplit(link["url"])
        if parts.scheme != "file":
            continue
        if link["target"] is False:
            problems.append(f"{link['raw']}: no element with that id")
            continue
        target = Path(unquote(parts.path))
        if not target.is_relative_to(root):
            problems.append(f"{link['raw']}: outside the report folder")
        elif not target.exists():
            problems.append(f"{link['raw']}: no such file")
    return problems


# --- static scans of the HTML source ------------------------------------------------------

URL_ATTRIBUTES = {
    "src",
    "href",
    "xlink:href",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "background",
    "manifest",
    "ping",
}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>.*?)(?P=q)\s*\)""", re.I | re.S)
CSS_IMPORT = re.compile(r"""@import\s+(?P<q>["'])(?P<url>.*?)(?P=q)""", re.I)
SCRIPT_URL = re.compile(r"""(?:\b[a-z][a-z0-9+.-]*:)?//[a-z0-9\[][^\s"'`<>)]*""", re.I)
NETWORK_SCHEMES = {"http", "https", "ftp", "ftps", "ws", "wss"}
LOCAL_SCHEMES = {"file", "data", "blob", "about", "javascript", "mailto", "tel"}


def is_remote(url: str) -> bool:
    """True for a URL that points at another machine (see the module docstring)."""
    u = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", u)
    if m is None:
        return u.startswith("//")
    scheme = m[1].lower()
    if scheme in NETWORK_SCHEMES:
        return True
    return scheme not in LOCAL_SCHEMES and u[m.end() :].startswith("//")


def css_remote_urls(css: str) -> list[str]:
    """Remote URLs that CSS would fetch: url() and @import, comments removed."""
    css = CSS_COMMENT.sub(" ", css)
    found = [m["url"] for m in CSS_URL.finditer(css)] + [m["url"] for m in CSS_IMPORT.finditer(css)]
    return [u.strip() for u in found if is_remote(u)]


class _UrlCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            name = name.lower()
            if name in URL_ATTRIBUTES:
                urls = [value]
                if name == "srcset":
                    urls = [part.strip().split(" ")[0] for part in value.split(",")]
                elif name == "ping":
                    urls = value.split()
                self.found += [f"<{tag} {name}> {u.strip()}" for u in urls if is_remote(u)]
            elif name == "style":
                self.found += [f"<{tag} style> url({u})" for u in css_remote_urls(value)]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = re.sub(r"^[^;]*;\s*url\s*=\s*", "", values.get("content") or "", flags=re.I)
            if is_remote(target.strip("'\" ")):
                self.found.append(f"<meta refresh> {target}")
        if tag in ("style", "script"):
            self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in = None

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.found += [f"<style> url({u})" for u in css_remote_urls(data)]
        elif self._in == "script":
            self.found += [
                f"<script> {u}" for u in (m[0] for m in SCRIPT_URL.finditer(data)) if is_remote(u)
            ]


def remote_urls(html: str) -> list[str]:
    """Every remote URL the page would fetch or navigate to, described for a message."""
    collector = _UrlCollector()
    collector.feed(html)
    collector.close()
    return collector.found


DATA_URL = re.compile(r"data:[^\s\"'()<>]+")
_NOT_BEFORE = r"(?<![0-9A-Za-z])(?<!\d\.)"
_NOT_AFTER = r"(?![0-9A-Za-z])(?!\.\d)"
RESIDENT_ID = re.compile(
    _NOT_BEFORE
    + r"[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    + _NOT_AFTER
)
MOBILE = re.compile(_NOT_BEFORE + r"1[3-9]\d{9}" + _NOT_AFTER)


def personal_data(text: str) -> list[str]:
    """Resident ID and mobile numbers in ``text`` (data: URLs skipped), masked."""
    text = DATA_URL.sub(" ", text)
    hits = []
    for label, pattern in (("身份证号", RESIDENT_ID), ("mobile", MOBILE)):
        for m in pattern.finditer(text):
            # Masked, so the failure message does not repeat the number in full.
            hits.append(f"{label} {m[0][:3]}…{m[0][-2:]} at offset {m.start()}")
    return hits


# --- what a reader page must show (issue 15) ------------------------------------------------

#: nbconvert's alt text for an image that has none: never acceptable on a report page.
PLACEHOLDER_ALT = "No description has been provided"
#: Han characters among the letters of the reader's text: at most this on English pages …
MAX_HAN_EN = 0.03
#: … and at least this on Chinese pages (names, units and numbers are Latin in both).
MIN_HAN_ZH = 0.45
MIN_KEY_POINTS = 3
#: A column header still in the code's naming: ``closed_pct``, ``name_zh``.
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
#: Titles that say nothing: a file stem or a notebook's default.
EMPTY_TITLES = {"", "unit-report", "notebook", "untitled", "index"}


def is_reader_page(path: str) -> bool:
    """Pages for policy readers: the indexes, topic and unit pages (not the code twins)."""
    return "code/" not in path


def han_share(text: str) -> float:
    """Han characters as a share of all letters in ``text`` (digits, spaces, punctuation
    not counted); 0.0 for a text with no letters."""
    letters = sum(1 for ch in text if ch.isalpha())
    return len(HAN.findall(text)) / letters if letters else 0.0


def edition_problem(lang: str, text: str) -> str | None:
    """What is wrong with the language of a page's reader text, or None."""
    share = han_share(text)
    if lang.startswith("en") and share > MAX_HAN_EN:
        return f"Han characters are {share:.1%} of the letters (at most {MAX_HAN_EN:.0%})"
    if lang.startswith("zh") and share < MIN_HAN_ZH:
        return f"Han characters are {share:.1%} of the letters (at least {MIN_HAN_ZH:.0%})"
    return None


def alt_problems(images: list[dict]) -> list[str]:
    """Images without a real alt text: missing, empty, nbconvert's placeholder, a file name."""
    problems = []
    for k, image in enumerate(images, 1):
        alt = (image.get("alt") or "").strip()
        if not alt:
            problems.append(f"image {k}: no alt text")
        elif PLACEHOLDER_ALT in alt:
            problems.append(f"image {k}: nbconvert's placeholder alt text")
        elif re.fullmatch(r"[\w.-]+\.(png|jpe?g|svg)", alt, re.I) or len(alt) < 4:
            problems.append(f"image {k}: alt text {alt!r} describes nothing")
    return problems


def _resolves(link: dict, root: Path) -> str | None:
    """Why a download link does not lead to a file in the report folder, or None."""
    parts = urlsplit(link["url"])
    if parts.scheme == "data":
        return f"{link['raw'][:40]}…: still a data: URL, not a file"
    if parts.scheme != "file":
        return f"{link['raw']}: not a file"
    target = Path(unquote(parts.path))
    if not target.is_relative_to(root.resolve()):
        return f"{link['raw']}: outside the report folder"
    if not target.is_file():
        return f"{link['raw']}: no such file"
    return None


def download_problems(visit: PageVisit, root: Path) -> list[str]:
    """Download (and enlarge) links that do not resolve to a file beside the page."""
    return [p for link in visit.downloads if (p := _resolves(link, root)) is not None]


def chart_problems(visit: PageVisit, root: Path) -> list[str]:
    """Charts without a CSV download that resolves to a file."""
    problems = []
    for k, chart in enumerate(visit.charts, 1):
        if not any(_resolves(link, root) is None for link in chart["csv"]):
            what = chart["alt"][:60] or "no alt"
            problems.append(f"chart {k} ({what}): no working CSV download")
    unfigured = sum(1 for i in visit.images if i["src"].startswith("data:image")) - len(
        visit.charts
    )
    if unfigured > 0:
        problems.append(f"{unfigured} image(s) outside a figure.chart (no downloads)")
    return problems


def toc_problems(visit: PageVisit, required: bool) -> list[str]:
    """A contents list that is missing (when ``required``) or has anchors leading nowhere."""
    if not visit.toc:
        return ["no contents list (nav.toc)"] if required else []
    return [
        f"contents link {link['raw']}: no such anchor" for link in visit.toc if not link["target"]
    ]


def snake_case_headers(headers: list[str]) -> list[str]:
    """Table headers still in the code's snake_case (``closed_pct``), each once."""
    return sorted({h for h in headers if SNAKE_CASE.match(h)})


def title_problem(title: str, path: str) -> str | None:
    """What is wrong with a page's ``<title>``, or None."""
    stem = Path(path).stem
    if title.strip().lower() in EMPTY_TITLES or title.strip() == stem:
        return f"title {title!r} names no report"
    return None


def overflow_problem(visit: PageVisit) -> str | None:
    """The page scrolls sideways (something wider than the window), or None."""
    if visit.viewport_width and visit.scroll_width > visit.viewport_width + 1:
        return f"{visit.scroll_width} px wide in a {visit.viewport_width} px window"
    return None
