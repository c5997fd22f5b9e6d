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
    outline = parse(deep_options, 5)  # options are not YAML, for MyST as for us: the brackets are text
    assert outline.directives[0].options["alt"] == "[" * 2000 + "]" * 2000
    assert outline.too_deep == outline.option_problems == []
    nested = "".join(":" * (60 - i) + "{note}\n" for i in range(30)) + "x\n"
    assert parse(nested, 1).too_deep


def test_ordinary_nesting_is_fine() -> None:
    assert parse("- a\n  - b\n    - c\n\n> > quoted\n").too_deep == []


def test_option_blocks_are_read_as_myst_reads_them() -> None:
    outline = parse("```{figure} kz/x.png\n---\nname: kz-fig\nalt: 'A: b'\nwidth: 50%\n---\nCaption.\n```\n", 3)
    figure = outline.directives[0]
    assert figure.options == {"name": "kz-fig", "alt": "A: b", "width": "50%"}
    assert figure.option_lines == {"name": 5, "alt": 6, "width": 7}
    assert figure.content == "Caption.\n"
    assert outline.option_problems == []


def test_option_block_problems_are_located() -> None:
    broken = parse("intro\n\n```{note}\n---\nclass: tip\nname: 'open\n---\nText\n```\n", 1)
    assert [(p.rule, p.line) for p in broken.option_problems] == [("directive-options", 6)]
    aliased = parse("```{note}\n---\nclass: &a tip\nname: *a\ntitle: '*a'\n---\nText\n```\n", 1)
    assert [(p.rule, p.line) for p in aliased.option_problems] == [("yaml-alias", 3), ("yaml-alias", 4)]
    assert aliased.directives[0].options["name"] == "*a"  # kept as text, never expanded
    repeated = parse("```{note}\n---\nclass: a\nclass: b\n---\nText\n```\n", 1)
    assert repeated.directives[0].repeated == (("class", 4),)
