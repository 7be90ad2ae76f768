"""Reader of HTML pages (.html, .htm, .shtml, .xhtml): the article's text, with the
page's own fields: title, date, source, sitename and url.

The fields come from the page's head before anything is dropped: its <meta> tags
(ContentSource, SiteName, og:title, og:url …), the date through htmldate (trafilatura's
date finder) without its extensive search, which would take a copyright year for a date,
and without the page's address (a date seen only in the URL is not the page's): a page
without a date gets none. The title is the one trafilatura finds. Then lxml drops
script, style, navigation and the elements whose class or id names page chrome
(`lexicons/boilerplate.yaml`), and trafilatura finds the article. A page nested deeper
than lxml reads is read flat.
"""
from __future__ import annotations

from html.parser import HTMLParser

from .decode import decode_text
from .document import Document, Unreadable


class _FlatText(HTMLParser):
    """Text of a page without building a tree: for pages nested deeper than lxml reads."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
             "section", "article", "table", "ul", "ol", "blockquote", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        self.in_title = self.in_title or tag == "title"
        if tag in self.SKIP and tag != "head":
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP and tag != "head":
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def flat_html_text(html: str) -> tuple[str, str]:
    """(text, title) of a page read as a flat run of tags: one block element a line."""
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), " ".join("".join(parser.title).split())


def _drop_chrome(tree, rules) -> None:
    """Remove comments, the elements of html_drop_tags and those whose class, id or role
    name page chrome."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                el.drop_tree()
            continue
        attrs = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")]))
        if el.tag in rules.html_drop_tags or (attrs and rules.html_chrome_words.search(attrs)
                                              and el.tag != "body"):
            if el.getparent() is not None:
                el.drop_tree()


# <meta> names (lower case) of the page's fields, most trusted first.
META_FIELDS = {
    "title": ("og:title", "articletitle", "title", "twitter:title"),
    "source": ("contentsource", "source", "copyfrom", "article:source"),
    "sitename": ("og:site_name", "sitename", "application-name"),
    "url": ("og:url",),
}
# htmldate without its extensive search: only the page's own date fields and markup.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def head_fields(tree) -> dict[str, str]:
    """The page's fields from its <meta> tags, <link rel=canonical> and <title>."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        content = " ".join((el.get("content") or "").split())
        if name and content:
            metas.setdefault(name, content)
    fields = {}
    for field, names in META_FIELDS.items():
        value = next((metas[n] for n in names if metas.get(n)), "")
        if value:
            fields[field] = value
    canonical = next((el.get("href") for el in tree.iter("link")
                      if (el.get("rel") or "").lower() == "canonical" and el.get("href")), "")
    if canonical.startswith(("http://", "https://")):
        fields.setdefault("url", canonical)
    title_el = tree.find(".//title")
    if title_el is not None and title_el.text and title_el.text.strip():
        fields.setdefault("title", " ".join(title_el.text.split()))
    return fields


def page_date(html: str) -> str:
    """The page's publication date, YYYY-MM-DD, from its own fields; '' when it gives none.
    Its address is left out: a date seen only in the URL is not the page's."""
    import lxml.html
    from htmldate import find_date

    try:
        tree = lxml.html.fromstring(html)  # a tree of its own: htmldate cleans what it reads
        for el in list(tree.iter("link", "meta")):
            names = " ".join(filter(None, (el.get("rel"), el.get("property"), el.get("name")))).lower()
            if any(w in names for w in ("canonical", "shortlink", "og:url", "alternate")) \
                    and el.getparent() is not None:
                el.drop_tree()
        return find_date(tree, **DATE_PARAMS) or ""
    except Exception:  # htmldate and lxml raise on odd input; a page without a date is fine
        return ""


def html_to_text(html: str, rules, warn=None) -> tuple[str, dict[str, str]]:
    """HTML -> (main text, the page's fields). Script, style and navigation never come
    through. `warn(message)` hears when the page had to be read without its structure."""
    import lxml.html
    import trafilatura

    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except Exception:  # lxml raises several types on empty or odd documents
        tree = None
    if tree is None or any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # lxml stops at 256 levels and drops what is deeper: read the page flat instead
        text, title = flat_html_text(html)
        if tree is not None and warn:
            warn("HTML nested deeper than the parser reads: text taken without the page structure")
        return text, {"title": title} if title else {}
    fields = head_fields(tree)
    date = page_date(html)
    _drop_chrome(tree, rules)
    article = tree.find(".//article")
    root = article if article is not None else tree
    cleaned = lxml.html.tostring(root, encoding="unicode")
    doc = trafilatura.bare_extraction(cleaned, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True,
                                      date_extraction_params=DATE_PARAMS)
    text = doc.text if doc is not None and doc.text else ""
    if doc is not None and doc.title:
        fields["title"] = doc.title  # the headline trafilatura found, without the site's name
    if date:
        fields["date"] = date
    if not text.strip():
        # trafilatura found no article: fall back to the text of block elements
        blocks = [" ".join(el.text_content().split()) for el in root.iter("p", "h1", "h2", "h3", "li", "td", "div")
                  if not any(c.tag in ("p", "div") for c in el)]
        text = "\n".join(b for b in blocks if b)
    return text, fields


def page_document(doc: Document, context) -> Document:
    """The decoded page `doc` reduced to its article."""
    text, fields = html_to_text(doc.text, context.lexicon.boilerplate, warn=doc.warnings.append)
    if not text.strip():
        raise Unreadable("empty", "no text found in the page")
    doc.text = text
    doc.fields.update({k: v for k, v in fields.items() if v})
    return doc


def read_html(data: bytes, context) -> Document:
    return page_document(decode_text(data), context)
