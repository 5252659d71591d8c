"""PNG pictures of a finished PDF's pages, to look at without a PDF viewer."""

from __future__ import annotations

import io
from pathlib import Path

from cardgen.output import write_atomically

PREVIEW_DPI = 100


def write_previews(pdf: Path, dpi: int = PREVIEW_DPI) -> list[Path]:
    """Draw each page of ``pdf`` at ``dpi`` into a PNG beside it (``NAME.pdf`` → ``NAME-1.png``,
    ``NAME-2.png``…), written atomically; returns the files. Previews of a longer earlier run
    are left alone."""
    import pypdfium2

    pdf = Path(pdf)
    written = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document, start=1):
            buffer = io.BytesIO()
            page.render(scale=dpi / 72).to_pil().save(buffer, format="PNG")
            path = pdf.with_name(f"{pdf.stem}-{number}.png")
            write_atomically(path, buffer.getvalue())
            written.append(path)
    finally:
        document.close()
    return written
