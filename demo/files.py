"""Small, real example files written at seed time: a one-page PDF and an OpenDocument text.

The demo network needs documents that open in any viewer, without downloading anything and
without a PDF or office library: both formats are simple enough to write by hand. The bytes
depend only on the text given, so seeding twice writes the same files.
"""

import functools
import io
import textwrap
import zipfile
from xml.sax.saxutils import escape

# PDF -------------------------------------------------------------------------------------

# The standard Helvetica has the Polish letters; a /Differences encoding puts them (and the
# typographic marks the texts use) in the upper half of a single-byte code page.
PDF_GLYPHS = {
    "ą": "aogonek",
    "ć": "cacute",
    "ę": "eogonek",
    "ł": "lslash",
    "ń": "nacute",
    "ó": "oacute",
    "ś": "sacute",
    "ź": "zacute",
    "ż": "zdotaccent",
    "Ą": "Aogonek",
    "Ć": "Cacute",
    "Ę": "Eogonek",
    "Ł": "Lslash",
    "Ń": "Nacute",
    "Ó": "Oacute",
    "Ś": "Sacute",
    "Ź": "Zacute",
    "Ż": "Zdotaccent",
    "—": "emdash",
    "–": "endash",
    "„": "quotedblbase",
    "”": "quotedblright",
    "…": "ellipsis",
    "§": "section",
}
PDF_CODES = {char: 128 + position for position, char in enumerate(PDF_GLYPHS)}
A4 = (595, 842)
MARGIN = 56


def _pdf_string(text):
    """A PDF literal string in the encoding above."""
    out = bytearray(b"(")
    for char in text:
        if char in PDF_CODES:
            out.append(PDF_CODES[char])
        elif char in "\\()":
            out += b"\\" + char.encode("ascii")
        else:
            out += char.encode("ascii", "replace")
    out += b")"
    return bytes(out)


def _pdf_text_string(text):
    """A PDF text string (document information) in UTF-16BE with a byte-order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def pdf_document(title, paragraphs, language="pl-PL"):
    """A one-page A4 PDF: the title in bold, then the paragraphs wrapped to the page width."""
    content = bytearray(b"BT\n")
    content += b"/F2 15 Tf 18 TL %d %d Td\n" % (MARGIN, A4[1] - MARGIN - 15)
    for line in textwrap.wrap(title, 50):
        content += _pdf_string(line) + b" Tj T*\n"
    content += b"/F1 10.5 Tf 14 TL T*\n"
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 85) or [""]:
            content += _pdf_string(line) + b" Tj T*\n"
        content += b"T*\n"
    content += b"ET\n"

    differences = " ".join(f"/{name}" for name in PDF_GLYPHS.values())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >> >>"
        % _pdf_string(language),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>" % A4,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 7 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding 7 0 R >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(content), bytes(content)),
        b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 %s] >>"
        % differences.encode("ascii"),
        b"<< /Title %s >>" % _pdf_text_string(title),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


# OpenDocument text -----------------------------------------------------------------------

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)
ODT_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="{ODT_MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

# Ruled cells, so that a printed list has lines to sign on.
ODT_STYLES = (
    "<office:automatic-styles>"
    '<style:style style:name="Cell" style:family="table-cell">'
    '<style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.15cm"/>'
    "</style:style>"
    "</office:automatic-styles>"
)


def _odt_table(rows):
    header, *body = rows

    def row(cells):
        return (
            "<table:table-row>"
            + "".join(
                f'<table:table-cell table:style-name="Cell" office:value-type="string">'
                f"<text:p>{escape(cell)}</text:p>"
                "</table:table-cell>"
                for cell in cells
            )
            + "</table:table-row>"
        )

    return (
        '<table:table table:name="Tabela1">'
        f'<table:table-column table:number-columns-repeated="{len(header)}"/>'
        f"<table:table-header-rows>{row(header)}</table:table-header-rows>"
        + "".join(row(cells) for cells in body)
        + "</table:table>"
    )


def odt_document(title, paragraphs, table=None, language="pl"):
    """An editable text: a heading, paragraphs and an optional table (first row: the header)."""
    body = f'<text:h text:outline-level="1">{escape(title)}</text:h>'
    body += "".join(f"<text:p>{escape(paragraph)}</text:p>" for paragraph in paragraphs)
    if table:
        body += _odt_table(table)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {ODF_NAMESPACES} office:version="1.2">{ODT_STYLES}'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>\n"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {ODF_NAMESPACES} office:version="1.2"><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><dc:language>{language}</dc:language>"
        "</office:meta></office:document-meta>\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and uncompressed, so that tools can sniff the format.
        for name, data, compression in [
            ("mimetype", ODT_MIMETYPE, zipfile.ZIP_STORED),
            ("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("meta.xml", meta, zipfile.ZIP_DEFLATED),
        ]:
            entry = zipfile.ZipInfo(name)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compress_type=compression)
    return buffer.getvalue()


# JPEG illustrations ----------------------------------------------------------------------

ILLUSTRATION_SIZE = (1200, 800)
ILLUSTRATION_FONT = "DejaVuSans-Bold.ttf"  # Debian's fonts-dejavu-core; Pillow's own otherwise


@functools.cache
def _font(size):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(ILLUSTRATION_FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def jpeg_illustration(seed, sky, ground, label="PRZYKŁAD", note="", faded=False):
    """A 1200×800 JPEG standing in for a photo: a gradient sky, a band of ground, a few
    shapes (trees, a building, a bench) and the word "PRZYKŁAD" across the middle.

    ``sky`` and ``ground`` are RGB triples; ``faded`` washes the colours out, for the
    "before" half of a before/after pair. The same arguments give the same bytes.
    """
    import random

    from PIL import Image, ImageDraw, ImageEnhance, ImageOps

    rng = random.Random(seed)  # noqa: S311 (illustrations)
    width, height = ILLUSTRATION_SIZE
    horizon = int(height * rng.uniform(0.55, 0.68))
    light = tuple(min(255, channel + 90) for channel in sky)
    gradient = Image.linear_gradient("L").resize((width, horizon))
    image = Image.new("RGB", ILLUSTRATION_SIZE, ground)
    image.paste(ImageOps.colorize(gradient, black=sky, white=light), (0, 0))
    draw = ImageDraw.Draw(image, "RGBA")

    # A building, trees and a bench, placed by the seed.
    left = rng.randint(60, width // 2)
    top = horizon - rng.randint(160, 260)
    draw.rectangle((left, top, left + rng.randint(220, 360), horizon), fill=(236, 226, 210, 255))
    draw.polygon(
        [(left - 20, top), (left + 150, top - 90), (left + 380, top)], fill=(160, 70, 60, 255)
    )
    for _ in range(rng.randint(3, 6)):
        x = rng.randint(0, width)
        radius = rng.randint(45, 90)
        draw.rectangle((x - 8, horizon - radius, x + 8, horizon + 20), fill=(110, 80, 50, 255))
        draw.ellipse(
            (x - radius, horizon - 2 * radius - 40, x + radius, horizon - 40),
            fill=(40 + rng.randint(0, 60), 120 + rng.randint(0, 60), 60, 235),
        )
    bench = rng.randint(100, width - 300)
    draw.rectangle((bench, horizon + 80, bench + 200, horizon + 100), fill=(120, 90, 60, 255))

    if faded:
        image = ImageEnhance.Color(image).enhance(0.2)
        draw = ImageDraw.Draw(image, "RGBA")

    font = _font(150)
    box = draw.textbbox((width // 2, height // 2), label, font=font, anchor="mm")
    draw.rectangle((box[0] - 40, box[1] - 30, box[2] + 40, box[3] + 30), fill=(0, 0, 0, 150))
    draw.text((width // 2, height // 2), label, font=font, anchor="mm", fill=(255, 255, 255))
    if note:
        draw.text(
            (width // 2, box[3] + 80), note, font=_font(44), anchor="mm", fill=(255, 255, 255)
        )

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
