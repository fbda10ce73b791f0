"""The entry form as a browser submits it: parsing the fields out of the page's HTML."""

import re
from html.parser import HTMLParser

ROW_FIELD = re.compile(r"^r-\d+-(pembagi|realisasi|keterangan|versi|asal)$")


class FormFields(HTMLParser):
    """The named fields of each <form>, as a browser would submit them (minus buttons)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self.current: dict[str, str] | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.csrf: str | None = None

    def _fields(self) -> dict[str, str]:
        if self.current is None:  # a field outside any form: keep it in a form of its own
            self.current = {}
            self.forms.append(self.current)
        return self.current

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "form":
            self.current = {}
            self.forms.append(self.current)
        elif tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if name == "csrfmiddlewaretoken":
                self.csrf = a.get("value") or ""
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._fields()[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self._fields()[name] = ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self._fields()[self.select] = a.get("value") or ""

    def handle_data(self, data):
        if self.textarea:
            self._fields()[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


def parse_form(html: str) -> tuple[dict[str, str], str | None]:
    parser = FormFields()
    parser.feed(html)
    for form in parser.forms:
        if any(ROW_FIELD.match(k) for k in form):
            return form, parser.csrf
    return {}, parser.csrf


def angka_id(n: int) -> str:
    return f"{n:,}".replace(",", ".")
