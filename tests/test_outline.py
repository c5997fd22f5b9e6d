"""The body outline: what the rules see of a chapter, with the lines they report."""

from __future__ import annotations

from handbook.sources.outline import parse

BODY = """\
(kz-key-messages)=
## Key messages

Text with {ref}`ru-finance` and ![a chart](kz/a.svg)
on two lines [and a link](kz/data.csv).

```python
![not an image](kz/code.png)
```

:::{note}
![inside a note](kz/b.png)

| a | b |
|---|---|
| 1 | 2 |
:::

```{figure} kz/c.svg
---
alt: A figure
name: kz-fig-c
---
Caption.
```
"""


def test_outline_positions() -> None:
    outline = parse(BODY, 20)
    assert [(t.label, t.line) for t in outline.targets] == [("kz-key-messages", 20)]
    assert [(h.level, h.text, h.line) for h in outline.headings] == [(2, "Key messages", 21)]
    assert [(i.src, i.alt, i.line, i.via) for i in outline.images] == [
        ("kz/a.svg", "a chart", 23, "markdown"),
        ("kz/b.png", "inside a note", 31, "markdown"),
        ("kz/c.svg", "A figure", 38, "figure"),
    ]
    assert [(link.href, link.line) for link in outline.links] == [("kz/data.csv", 24)]
    assert [(r.name, r.content, r.line) for r in outline.roles] == [("ref", "ru-finance", 23)]
    assert outline.tables == [33]
    assert [(d.name, d.options.get("name")) for d in outline.directives] == [("note", None), ("figure", "kz-fig-c")]
    assert outline.too_deep == []


def test_nesting_limit_is_reported_where_content_would_be_dropped() -> None:
    assert parse("intro\n\n" + "> " * 30 + "dropped\n", 10).too_deep == [12]
    deep_options = ":::{figure} kz/x.png\n---\nalt: " + "[" * 2000 + "]" * 2000 + "\n---\n:::\n"
    assert parse(deep_options, 5).too_deep == [5]
    nested = "".join(":" * (60 - i) + "{note}\n" for i in range(30)) + "x\n"
    assert parse(nested, 1).too_deep


def test_ordinary_nesting_is_fine() -> None:
    assert parse("- a\n  - b\n    - c\n\n> > quoted\n").too_deep == []
