"""Image files measured from their headers (real files written by Pillow), and SVG files read for hazards."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from handbook.validate.imagefiles import Raster, raster, sniff, svg_problems


def saved(fmt: str, size: tuple[int, int], frames: int = 1, **options: object) -> bytes:
    images = [Image.new("RGB", size, (40 * n % 256, 90, 140)) for n in range(frames)]
    buffer = io.BytesIO()
    extra = {"save_all": True, "append_images": images[1:]} if frames > 1 else {}
    images[0].save(buffer, fmt, **extra, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (saved("PNG", (640, 480)), Raster("PNG", 640, 480)),
        (saved("PNG", (32, 16), frames=3), Raster("PNG", 32, 16, 3)),
        (saved("JPEG", (1200, 800)), Raster("JPEG", 1200, 800)),
        (saved("JPEG", (300, 200), progressive=True), Raster("JPEG", 300, 200)),
        (saved("JPEG", (64, 48), exif=b"Exif\x00\x00" + bytes(20_000)), Raster("JPEG", 64, 48)),
        (saved("GIF", (120, 90)), Raster("GIF", 120, 90)),
        (saved("GIF", (20, 10), frames=4), Raster("GIF", 20, 10, 4)),
        (saved("WEBP", (500, 250)), Raster("WebP", 500, 250)),
        (saved("WEBP", (500, 250), lossless=True), Raster("WebP", 500, 250)),
    ],
    ids=["png", "apng", "jpeg", "progressive-jpeg", "jpeg-with-exif", "gif", "animated-gif", "webp", "webp-lossless"],
)
def test_sizes_are_read_from_headers(data: bytes, expected: Raster) -> None:
    assert sniff(data) == expected.format
    assert raster(data) == expected


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a\x01", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"not an image"],
)
def test_truncated_or_foreign_data_has_no_size(data: bytes) -> None:
    assert raster(data) is None


def test_html_and_svg_are_told_apart_from_pictures() -> None:
    assert sniff(b"<!DOCTYPE html><html><script>alert(1)</script>") == "HTML"
    assert sniff(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') == "SVG"


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG.format("&a;"), "entity"),
        ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG.format("&x;"), "entity"),
        (SVG.format("<script>alert(1)</script>"), "script"),
        (SVG.format('<rect onclick="alert(1)"/>'), "script"),
        (SVG.format('<a xlink:href="javascript:alert(1)"><text>x</text></a>'), "script"),
        (SVG.format('<set attributeName="href" to="javascript:alert(1)"/>'), "script"),
        (SVG.format("<foreignObject><div>x</div></foreignObject>"), "script"),
        (SVG.format('<image href="https://example.org/a.png"/>'), "external"),
        (SVG.format('<use xlink:href="other.svg#shape"/>'), "external"),
        (SVG.format('<rect style="fill: url(https://example.org/p.svg#g)"/>'), "external"),
        (SVG.format("<style>@import url(https://example.org/s.css);</style>"), "external"),
        ('<?xml-stylesheet href="https://example.org/s.css"?>' + SVG.format(""), "external"),
        (SVG.format("<rect>"), "malformed"),
        ("<svg><rect/></svg>", "malformed"),
    ],
)
def test_svg_hazards_are_found(text: str, kind: str) -> None:
    assert kind in {problem.kind for problem in svg_problems(text.encode())}


def test_a_plain_chart_has_no_hazards() -> None:
    chart = (
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        + SVG.format(
            '<defs><linearGradient id="g"/></defs><style>rect { fill: url(#g) }</style>'
            '<rect fill="url(#g)"/><use xlink:href="#g"/>'
            '<image href="data:image/png;base64,iVBORw0KGgo="/><a href="#g"><text>x</text></a>'
        )
    )
    assert svg_problems(chart.encode()) == []


def test_an_entity_bomb_is_stopped_before_it_expands() -> None:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)
    )
    problems = svg_problems(f"<!DOCTYPE svg [{entities}]>{SVG.format('&j;')}".encode())
    assert [problem.kind for problem in problems] == ["entity"]
